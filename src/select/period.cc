#include "select/period.h"

#include <charconv>
#include <vector>

#include "base/diag.h"

namespace gz {
namespace {

bool parse_int(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  std::from_chars(s.data(), s.data() + s.size(), *out);
  return true;
}

Date month_start(int y, int m) { return *Date::from_ymd(y, m, 1); }
Date month_end(int y, int m) { return *Date::from_ymd(y, m, days_in_month(y, m)); }

// Shifts (y, m) by n months.
void add_months(int* y, int* m, int n) {
  int idx = *y * 12 + (*m - 1) + n;
  *y = idx / 12;
  *m = idx % 12 + 1;
}

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> k{"this-month",   "last-month", "this-quarter",
                                          "last-quarter", "this-year",  "last-year",
                                          "last-7-days"};
  return k;
}

std::optional<PeriodExpr> parse_fixed(std::string_view t, std::string* error) {
  PeriodExpr e;
  int y = 0, m = 0;
  auto bad_year = [&] {
    *error = "year out of range in period '" + std::string(t) + "' (1 to 9999)";
    return std::nullopt;
  };
  if (t.size() == 4 && parse_int(t, &y)) {  // 2021
    if (y < 1) return bad_year();
    e.fixed = {month_start(y, 1), month_end(y, 12)};
    return e;
  }
  if (t.size() == 7 && t[4] == '-' && parse_int(t.substr(0, 4), &y)) {
    if (y < 1) return bad_year();
    if ((t[5] == 'Q' || t[5] == 'q') && parse_int(t.substr(6), &m)) {  // 2021-Q3
      if (m < 1 || m > 4) {
        *error = "no quarter " + std::to_string(m) + " in period '" + std::string(t) +
                 "' (quarters are Q1 to Q4)";
        return std::nullopt;
      }
      e.fixed = {month_start(y, 3 * m - 2), month_end(y, 3 * m)};
      return e;
    }
    if (parse_int(t.substr(5), &m)) {  // 2021-07
      if (m < 1 || m > 12) {
        *error = "no month " + std::to_string(m) + " in period '" + std::string(t) + "'";
        return std::nullopt;
      }
      e.fixed = {month_start(y, m), month_end(y, m)};
      return e;
    }
  }
  if (auto dots = t.find(".."); dots != std::string_view::npos) {  // a..b
    auto a = t.substr(0, dots), b = t.substr(dots + 2);
    auto da = Date::parse_iso(a), db = Date::parse_iso(b);
    for (auto [s, d] : {std::pair{a, da}, std::pair{b, db}}) {
      if (!d) {
        *error = "'" + std::string(s) + "' is not a valid date (YYYY-MM-DD) in period '" +
                 std::string(t) + "'";
        return std::nullopt;
      }
    }
    if (*db < *da) {
      *error = "period '" + std::string(t) + "' ends before it starts";
      return std::nullopt;
    }
    e.fixed = {*da, *db};
    return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<PeriodExpr> parse_period(std::string_view t, std::string* error, std::string* hint) {
  error->clear();
  hint->clear();
  if (auto e = parse_fixed(t, error)) return e;
  if (!error->empty()) return std::nullopt;

  PeriodExpr e;
  for (auto [word, kind] : {std::pair{"month", PeriodExpr::Kind::Month},
                            std::pair{"quarter", PeriodExpr::Kind::Quarter},
                            std::pair{"year", PeriodExpr::Kind::Year}}) {
    if (t == std::string("this-") + word) {
      e.kind = kind;
      return e;
    }
    if (t == std::string("last-") + word) {
      e.kind = kind;
      e.offset = -1;
      return e;
    }
  }
  // last-N-days
  if (t.starts_with("last-") && t.ends_with("-days") && t.size() > 10) {
    int n = 0;
    if (parse_int(t.substr(5, t.size() - 10), &n) && n >= 1 && n <= 3660) {
      e.kind = PeriodExpr::Kind::Days;
      e.days = n;
      return e;
    }
  }
  *error = "unknown period '" + std::string(t) +
           "' (expected e.g. '2021-07', '2021-Q3', '2021', '2021-07-01..2021-07-31', "
           "'last-month' or 'last-7-days')";
  *hint = did_you_mean(t, keywords());
  return std::nullopt;
}

Period resolve_period(const PeriodExpr& e, Date as_of) {
  // --as-of takes any day of years 1..9999, so a relative period can reach
  // past either end ("last-month" on 0001-01-15): refuse it rather than
  // compute a month of year 0, which gz::Date cannot represent.
  auto out_of_range = [&] {
    fail({}, "the period falls outside years 1 to 9999 when today is " + as_of.iso());
  };
  auto in_range = [](int year) { return year >= 1 && year <= 9999; };
  Ymd t = as_of.ymd();
  int y = t.year, m = t.month;
  switch (e.kind) {
    case PeriodExpr::Kind::Fixed:
      return e.fixed;
    case PeriodExpr::Kind::Month:
      add_months(&y, &m, e.offset);
      if (!in_range(y)) out_of_range();
      return {month_start(y, m), month_end(y, m)};
    case PeriodExpr::Kind::Quarter: {
      int first = (m - 1) / 3 * 3 + 1;
      m = first;
      add_months(&y, &m, 3 * e.offset);
      int ey = y, em = m;
      add_months(&ey, &em, 2);
      if (!in_range(y) || !in_range(ey)) out_of_range();
      return {month_start(y, m), month_end(ey, em)};
    }
    case PeriodExpr::Kind::Year:
      if (!in_range(y + e.offset)) out_of_range();
      return {month_start(y + e.offset, 1), month_end(y + e.offset, 12)};
    case PeriodExpr::Kind::Days:
      if (as_of.plus_days(-e.days) < *Date::from_ymd(1, 1, 1)) out_of_range();
      return {as_of.plus_days(-e.days), as_of.plus_days(-1)};
  }
  return e.fixed;
}

std::string period_slug(const Period& p) {
  Ymd a = p.first.ymd(), b = p.last.ymd();
  bool whole_months = a.day == 1 && b.day == days_in_month(b.year, b.month);
  if (whole_months && a.year == b.year) {
    std::string y = p.first.iso().substr(0, 4);
    if (a.month == b.month) return p.first.iso().substr(0, 7);
    if (a.month == 1 && b.month == 12) return y;
    if ((a.month - 1) % 3 == 0 && b.month == a.month + 2)
      return y + "-Q" + std::to_string((a.month - 1) / 3 + 1);
  }
  return p.first.iso() + ".." + p.last.iso();
}

}  // namespace gz
