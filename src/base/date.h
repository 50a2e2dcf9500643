// Calendar dates without a time zone: the unit of bulletins and periods.
// Proleptic Gregorian, days counted from 1970-01-01 (Howard Hinnant's
// algorithms), so comparisons and month arithmetic are integer operations.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gz {

struct Ymd {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int64_t d) { return Date(d); }
  // nullopt when the day does not exist (2021-02-31) or the year is outside
  // 1..9999, the range Gazette accepts.
  static std::optional<Date> from_ymd(int y, int m, int d);
  // Strict "YYYY-MM-DD".
  static std::optional<Date> parse_iso(std::string_view s);

  int64_t days() const { return days_; }
  Ymd ymd() const;
  std::string iso() const;
  Date plus_days(int64_t n) const { return Date(days_ + n); }
  auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int64_t d) : days_(d) {}
  int64_t days_ = 0;
};

bool is_leap_year(int y);
int days_in_month(int y, int m);

// An inclusive range of days.
struct Period {
  Date first;
  Date last;
  bool contains(Date d) const { return first <= d && d <= last; }
  bool operator==(const Period&) const = default;
};

}  // namespace gz
