// ReliefWeb API exports: a saved response of the v2 "reports" endpoint with
// profile=full, {"data": [{"id": ..., "fields": {...}}, ...]}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corpus/bulletin.h"
#include "corpus/read_context.h"

namespace gz {

// Reads each report of data[]: title, date (date.original, else
// date.created; RFC 3339, date part as written), body-html (else body, as
// Markdown), country[].iso3 (else primary_country.iso3) mapped to alpha-2,
// language[0].code, source[].shortname, url (else url_alias), theme[].name
// as tags. ReliefWeb's "World" (wld) is not a country and is left out.
//
// Errors name the file, line and column of the offending value (jsoncpp
// keeps each value's offset) and its JSON path: "data[3].fields.date:
// expected an object, found a string". A document that is not JSON, or
// whose root is not {"data": [...]}, fails the source; a bad report is a
// bad bulletin (ctx decides).
std::vector<Bulletin> parse_reliefweb(std::string_view text, const std::string& file,
                                      const corpus_detail::ReadContext& ctx);

}  // namespace gz
