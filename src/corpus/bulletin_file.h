// Bulletin files: one bulletin per file, TOML front matter between "+++"
// lines (the Hugo convention), then a Markdown-like body.
#pragma once

#include <string>
#include <string_view>

#include "corpus/bulletin.h"
#include "corpus/read_context.h"

namespace gz {

// Parses one bulletin file. Front matter keys: date (TOML date or
// date-time, or "YYYY-MM-DD"), title (both required), lang, countries
// (ISO 3166 alpha-2 or alpha-3 codes), url, source (the publisher), tags;
// other keys are ignored (Hugo's draft, weight...). Throws Failure at the
// file's line and column: text that is not UTF-8, no front matter, front
// matter that is not TOML, a missing or mistyped key, an unknown country.
Bulletin parse_bulletin_file(std::string_view text, const std::string& file,
                             const corpus_detail::ReadContext& ctx);

}  // namespace gz
