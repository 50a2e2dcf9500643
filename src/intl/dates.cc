#include "intl/dates.h"

#include <unicode/smpdtfmt.h>
#include <unicode/uchar.h>

#include <stdexcept>
#include <vector>

#include "intl/icu_util.h"
#include "intl/text.h"

namespace gz::intl {
namespace {

using detail::check;

struct Form {
  std::unique_ptr<icu::SimpleDateFormat> format;
  bool first_only = false;  // "1er août": the ordinal suffix fits day 1 only
};

enum class Match { kNone, kShape, kDate };

bool is_bidi_mark(UChar32 c) { return c == 0x200E || c == 0x200F || c == 0x061C; }

// Bidi marks dropped and white space made plain, in patterns and in text
// alike: CLDR writes U+202F in "2021 г." and U+200F in Arabic numeric dates,
// which pages may or may not reproduce.
icu::UnicodeString plain(const icu::UnicodeString& s) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    UChar32 c = s.char32At(i);
    if (is_bidi_mark(c)) continue;
    out.append(u_isUWhiteSpace(c) ? UChar32{' '} : c);
  }
  return out;
}

// True when s holds a run of four or more decimal digits (any script) with
// value year, or any such run when year is negative. ICU would read "21" as
// 2021, so the year must be written in full; a longer run is a year past
// 9999, which must read as a date that does not exist, not as text.
bool has_full_year(const icu::UnicodeString& s, int year) {
  int len = 0, value = 0;
  auto run_ends = [&] {
    bool full = len >= 4 && len <= 9 && (year < 0 || value == year);
    len = value = 0;
    return full;
  };
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    int32_t digit = u_charDigitValue(s.char32At(i));
    if (digit < 0) {
      if (run_ends()) return true;
    } else if (++len <= 9) {  // nine digits cannot overflow an int
      value = value * 10 + digit;
    }
  }
  return run_ends();
}

// "2021-02-31" and "10000-07-02": the ISO shape, whether or not the day
// exists (a year of five digits or more never does).
bool looks_like_iso(std::string_view s) {
  if (s.size() < 10 || s.size() > 15) return false;
  const size_t y = s.size() - 6;  // digits of the year
  if (s[y] != '-' || s[y + 3] != '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != y && i != y + 3 && (s[i] < '0' || s[i] > '9')) return false;
  }
  int month = (s[y + 1] - '0') * 10 + (s[y + 2] - '0');
  int day = (s[y + 4] - '0') * 10 + (s[y + 5] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

struct DateParser::Impl {
  icu::Locale locale;
  std::vector<Form> forms;                // forms[0] is the primary one
  std::unique_ptr<icu::Calendar> parsed;  // reused for every parse

  void add(const icu::UnicodeString& pattern, bool first_only = false) {
    icu::UnicodeString p = plain(pattern);
    for (const Form& f : forms) {
      icu::UnicodeString existing;
      if (f.format->toPattern(existing) == p && f.first_only == first_only) return;
    }
    UErrorCode status = U_ZERO_ERROR;
    auto format = std::make_unique<icu::SimpleDateFormat>(p, locale, status);
    check(status, "creating a date format");
    // setLenient(false) alone still lets MMMM match "Aug" and lets
    // literals match in part; strict means the written form only.
    format->setLenient(false);
    format->setBooleanAttribute(UDAT_PARSE_MULTIPLE_PATTERNS_FOR_MATCH, false, status);
    format->setBooleanAttribute(UDAT_PARSE_PARTIAL_LITERAL_MATCH, false, status);
    check(status, "making a date format strict");
    format->adoptCalendar(detail::gmt_calendar(locale).release());
    forms.push_back({std::move(format), first_only});
  }

  void add_style(icu::DateFormat::EStyle style) {
    std::unique_ptr<icu::DateFormat> f(icu::DateFormat::createDateInstance(style, locale));
    if (auto* simple = dynamic_cast<icu::SimpleDateFormat*>(f.get())) {
      icu::UnicodeString pattern;
      add(simple->toPattern(pattern));
    }
  }

  Match match(std::string_view text, Date* out) const;
};

Match DateParser::Impl::match(std::string_view text, Date* out) const {
  std::string norm = normalize_text(text);
  if (auto iso = Date::parse_iso(norm)) {
    *out = *iso;
    return Match::kDate;
  }
  if (looks_like_iso(norm)) return Match::kShape;
  icu::UnicodeString u = plain(detail::to_ustring(norm));
  if (u.isEmpty()) return Match::kNone;
  Match best = Match::kNone;
  for (const Form& form : forms) {
    parsed->clear();
    icu::ParsePosition pos(0);
    form.format->parse(u, *parsed, pos);
    if (pos.getErrorIndex() >= 0 || pos.getIndex() != u.length()) continue;
    // The strict calendar refuses to compute fields of a day that does
    // not exist: the text had the right shape but no such day.
    UErrorCode status = U_ZERO_ERROR;
    int y = parsed->get(UCAL_EXTENDED_YEAR, status);
    int m = parsed->get(UCAL_MONTH, status) + 1;
    int d = parsed->get(UCAL_DATE, status);
    if (U_FAILURE(status)) {
      if (has_full_year(u, -1)) best = Match::kShape;
      continue;
    }
    if (!has_full_year(u, y) || (form.first_only && d != 1)) continue;
    if (auto date = Date::from_ymd(y, m, d)) {
      *out = *date;
      return Match::kDate;
    }
    best = Match::kShape;
  }
  return best;
}

DateParser::DateParser(const std::string& lang) : impl_(std::make_unique<Impl>()) {
  impl_->locale = detail::gregorian_locale(lang);
  impl_->parsed = detail::gmt_calendar(impl_->locale);
  std::string language = impl_->locale.getLanguage();
  if (language == "en") {
    // English news pages write "2 August, 2021", unlike CLDR.
    impl_->add("d MMMM, y");
    impl_->add_style(icu::DateFormat::kLong);
    impl_->add("d MMMM y");
  } else if (language == "es" || language == "pt") {
    impl_->add_style(icu::DateFormat::kLong);
  } else if (language == "fr") {
    impl_->add_style(icu::DateFormat::kLong);
    impl_->add("d'er' MMMM y", true);
  } else {
    impl_->add_style(icu::DateFormat::kLong);
    impl_->add_style(icu::DateFormat::kFull);
    impl_->add_style(icu::DateFormat::kMedium);
  }
  if (impl_->forms.empty()) throw std::runtime_error("ICU: no date patterns for '" + lang + "'");
}

DateParser::~DateParser() = default;
DateParser::DateParser(DateParser&&) noexcept = default;
DateParser& DateParser::operator=(DateParser&&) noexcept = default;

std::optional<Date> DateParser::parse(std::string_view text) const {
  Date d;
  if (impl_->match(text, &d) == Match::kDate) return d;
  return std::nullopt;
}

bool DateParser::looks_like_date(std::string_view text) const {
  Date d;
  return impl_->match(text, &d) != Match::kNone;
}

std::string DateParser::example() const {
  icu::UnicodeString out;
  impl_->forms.front().format->format(detail::to_udate(*Date::from_ymd(2021, 8, 2)), out);
  return detail::to_utf8(out);
}

}  // namespace gz::intl
