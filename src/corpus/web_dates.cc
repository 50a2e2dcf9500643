#include "corpus/web_dates.h"

#include <strings.h>
#include <array>
#include <cctype>

namespace gz::corpus_detail {
namespace {

// A cursor over ASCII text.
struct Scan {
  std::string_view s;
  size_t i = 0;

  bool done() const { return i >= s.size(); }
  void spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  // Exactly n digits when n > 0; 1..2 when n == 0.
  std::optional<int> digits(int n) {
    size_t j = i;
    int v = 0;
    const size_t max = n > 0 ? size_t(n) : 2;
    while (j < s.size() && j - i < max && std::isdigit(static_cast<unsigned char>(s[j])))
      v = v * 10 + (s[j++] - '0');
    if (j == i || (n > 0 && j - i != size_t(n))) return std::nullopt;
    i = j;
    return v;
  }
  std::string_view word() {
    size_t j = i;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    std::string_view w = s.substr(i, j - i);
    i = j;
    return w;
  }
};

bool is_one_of(std::string_view w, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (w.size() == std::char_traits<char>::length(n) && !strncasecmp(w.data(), n, w.size()))
      return true;
  }
  return false;
}

// hh:mm[:ss], with values in range.
bool time_of_day(Scan& c, bool fraction) {
  auto h = c.digits(2);
  if (!h || *h > 23 || !c.eat(':')) return false;
  auto m = c.digits(2);
  if (!m || *m > 59) return false;
  if (c.eat(':')) {
    auto sec = c.digits(2);
    if (!sec || *sec > 60) return false;  // 60: a leap second
    if (fraction && c.eat('.')) {
      if (!c.digits(1)) return false;
      while (c.digits(1)) {
      }
    }
  }
  return true;
}

}  // namespace

std::optional<Date> parse_rfc822_date(std::string_view text) {
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Scan c{text};
  c.spaces();
  if (!c.done() && std::isalpha(static_cast<unsigned char>(c.s[c.i]))) {
    if (!is_one_of(c.word(), {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) || !c.eat(','))
      return std::nullopt;
    c.spaces();
  }
  auto day = c.digits(0);
  c.spaces();
  std::string_view mon = c.word();
  c.spaces();
  auto year = c.digits(4);
  if (!day || !year) return std::nullopt;
  int month = 0;
  for (size_t k = 0; k < kMonths.size(); ++k) {
    if (is_one_of(mon, {kMonths[k]})) month = int(k) + 1;
  }
  if (!month) return std::nullopt;
  c.spaces();
  if (!time_of_day(c, false)) return std::nullopt;
  c.spaces();
  if (c.eat('+') || c.eat('-')) {
    auto hh = c.digits(2);
    auto mm = c.digits(2);
    if (!hh || !mm || *mm > 59) return std::nullopt;
  } else if (!is_one_of(c.word(), {"GMT", "UT", "UTC", "Z", "EST", "EDT", "CST", "CDT", "MST",
                                   "MDT", "PST", "PDT"})) {
    return std::nullopt;
  }
  c.spaces();
  if (!c.done()) return std::nullopt;
  return Date::from_ymd(*year, month, *day);
}

std::optional<Date> parse_rfc3339_date(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  Scan c{text};
  auto y = c.digits(4);
  if (!y || !c.eat('-')) return std::nullopt;
  auto m = c.digits(2);
  if (!m || !c.eat('-')) return std::nullopt;
  auto d = c.digits(2);
  if (!d) return std::nullopt;
  if (!c.done()) {
    if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return std::nullopt;
    if (!time_of_day(c, true)) return std::nullopt;
    if (c.eat('+') || c.eat('-')) {
      auto hh = c.digits(2);
      if (!hh || *hh > 23 || !c.eat(':')) return std::nullopt;
      auto mm = c.digits(2);
      if (!mm || *mm > 59) return std::nullopt;
    } else if (!c.eat('Z') && !c.eat('z')) {
      return std::nullopt;
    }
    if (!c.done()) return std::nullopt;
  }
  return Date::from_ymd(*y, *m, *d);
}

}  // namespace gz::corpus_detail
