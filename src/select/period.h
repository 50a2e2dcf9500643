// Report periods: what a spec writes ("2021-07", "2021-Q3", "last-month", …)
// and the range of days it means on a given "today".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"

namespace gz {

struct PeriodExpr {
  enum class Kind { Fixed, Month, Quarter, Year, Days };
  Kind kind = Kind::Fixed;
  Period fixed;    // Kind::Fixed
  int offset = 0;  // Month/Quarter/Year: 0 = this, -1 = last
  int days = 0;    // Kind::Days: the N days before "today"
};

// Parses a period as written in a spec. On failure returns nullopt and sets
// *error to a message (without position) and *hint to a suggestion, if any.
std::optional<PeriodExpr> parse_period(std::string_view text, std::string* error,
                                       std::string* hint);

// The days a period covers when "today" is as_of. Relative periods cover
// whole calendar units: "last-month" on 2022-01-15 is 2021-12-01..2021-12-31;
// "last-7-days" is the seven whole days before as_of (as_of excluded).
// Throws Failure (exit 2, without a location: the caller knows where the
// period was written) when the period would reach outside years 1..9999.
Period resolve_period(const PeriodExpr& e, Date as_of);

// A short name for file names: "2021-07", "2021-Q3", "2021", else
// "2021-07-01..2021-07-15".
std::string period_slug(const Period& p);

}  // namespace gz
