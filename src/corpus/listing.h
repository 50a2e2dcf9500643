// The listing format: UTF-8 text where a bulletin is a date line, a title
// line and one or more body paragraphs, separated by blank lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corpus/bulletin.h"
#include "intl/dates.h"

namespace gz {

// Parses a listing. file names the input in messages. Throws Failure
// (exit 2) with file:line:col on: invalid UTF-8 (message gives the byte
// offset), a date that does not parse or does not exist, a date with no
// title after it, text before the first date, an empty listing, and past the
// limits of base/limits.h (listing, line, bulletin size). A UTF-8 BOM
// and CRLF line ends are accepted. Countries are left empty (tagging is a
// separate step).
std::vector<Bulletin> parse_listing(std::string_view text, const std::string& file,
                                    const std::string& lang, const intl::DateParser& dates);

// Reads the file and parses it; exit 1 when it cannot be read.
std::vector<Bulletin> read_listing(const std::string& path, const std::string& lang,
                                   const intl::DateParser& dates);

}  // namespace gz
