// The date forms of feeds and web APIs. Internal to src/corpus.
#pragma once

#include <optional>
#include <string_view>

#include "base/date.h"

namespace gz::corpus_detail {

// RFC 822 / RFC 2822, as RSS pubDate uses it: "Mon, 02 Aug 2021 10:00:00
// +0200" (day name optional, seconds optional, zone a numeric offset or a
// name such as GMT, UT, Z, EST). The date is the calendar day in the feed's
// own offset, as written: a bulletin is filed under the day its publisher
// saw, not under UTC's. Two-digit years and days that do not exist fail.
std::optional<Date> parse_rfc822_date(std::string_view text);

// RFC 3339, as Atom and ReliefWeb use it: "2021-08-02T10:00:00+00:00" (or
// "Z", fractions of a second, a space for "T"), or a bare "2021-08-02". The
// date part as written, for the reason above.
std::optional<Date> parse_rfc3339_date(std::string_view text);

}  // namespace gz::corpus_detail
