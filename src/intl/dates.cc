#include "intl/dates.h"

#include <unicode/dtfmtsym.h>
#include <unicode/smpdtfmt.h>
#include <unicode/uchar.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "intl/icu_util.h"
#include "intl/locale.h"
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

// The fast path. Most date lines are written exactly as a form formats
// them ("2 August, 2021"); a form made only of the day (d, dd), the month's
// full name (MMMM, LLLL), the year (y, yyyy) and literal text is matched on
// the UTF-8 text directly, at a small fraction of the cost of ICU's parse.
// It accepts only such exact spellings of a day that exists; anything else
// (other case, a leading zero, other digits, a day that does not exist)
// goes to ICU, so the result is always ICU's. Tests check that both agree.
struct FastToken {
  enum Kind { kLiteral, kDay, kMonth, kYear } kind = kLiteral;
  std::string literal;  // kLiteral: UTF-8
  int width = 1;        // kDay: 1 for d, 2 for dd
};

struct FastForm {
  std::vector<FastToken> tokens;
  std::vector<std::string> months;  // full names in UTF-8, January first
  bool first_only = false;
};

// The form of pattern (plain()'d) and the month names of format, or false
// when the pattern has anything else.
bool compile_fast(const icu::UnicodeString& pattern, const icu::SimpleDateFormat& format,
                  bool first_only, FastForm* out) {
  FastForm f;
  f.first_only = first_only;
  auto literal = [&](const icu::UnicodeString& text) {
    if (f.tokens.empty() || f.tokens.back().kind != FastToken::kLiteral) f.tokens.emplace_back();
    text.toUTF8String(f.tokens.back().literal);
  };
  int days = 0, months = 0, years = 0;
  for (int32_t i = 0; i < pattern.length();) {
    char16_t c = pattern.charAt(i);
    if (c == u'\'') {  // 'quoted text', '' a quote
      if (i + 1 < pattern.length() && pattern.charAt(i + 1) == u'\'') {
        literal(u"'");
        i += 2;
        continue;
      }
      icu::UnicodeString quoted;
      for (++i;; ++i) {
        if (i >= pattern.length()) return false;
        if (pattern.charAt(i) == u'\'') {
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == u'\'') {
            quoted.append(u'\'');
            ++i;
            continue;
          }
          break;
        }
        quoted.append(pattern.charAt(i));
      }
      ++i;
      if (!quoted.isEmpty()) literal(quoted);
      continue;
    }
    if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'))) {
      int32_t start = i;
      i = pattern.moveIndex32(i, 1);
      literal(icu::UnicodeString(pattern, start, i - start));
      continue;
    }
    int32_t count = 0;
    while (i < pattern.length() && pattern.charAt(i) == c) ++i, ++count;
    FastToken t;
    if (c == u'd' && count <= 2) {
      t.kind = FastToken::kDay;
      t.width = count;
      ++days;
    } else if ((c == u'M' || c == u'L') && count == 4) {
      t.kind = FastToken::kMonth;
      ++months;
      int32_t n = 0;
      const icu::UnicodeString* names = format.getDateFormatSymbols()->getMonths(
          n, c == u'M' ? icu::DateFormatSymbols::FORMAT : icu::DateFormatSymbols::STANDALONE,
          icu::DateFormatSymbols::WIDE);
      if (n != 12) return false;
      for (int32_t m = 0; m < n; ++m) {
        icu::UnicodeString name = names[m];
        // ICU reads the text with bidi marks dropped and its white space
        // plain: a name that has either is left to ICU.
        if (name.isEmpty() || plain(name) != name) return false;
        f.months.push_back(detail::to_utf8(name));
        if (normalize_text(f.months.back()) != f.months.back()) return false;
      }
    } else if (c == u'y' && (count == 1 || count == 4)) {
      t.kind = FastToken::kYear;
      ++years;
    } else {
      return false;
    }
    // Two numbers side by side would need ICU's rules for abutting fields.
    if (t.kind != FastToken::kMonth && !f.tokens.empty() &&
        (f.tokens.back().kind == FastToken::kDay || f.tokens.back().kind == FastToken::kYear))
      return false;
    f.tokens.push_back(std::move(t));
  }
  if (days != 1 || months != 1 || years != 1) return false;
  *out = std::move(f);
  return true;
}

// y-m-d as the form writes it, with ASCII digits.
std::string render_fast(const FastForm& f, int y, int m, int d) {
  std::string out;
  for (const FastToken& t : f.tokens) {
    switch (t.kind) {
      case FastToken::kLiteral:
        out += t.literal;
        break;
      case FastToken::kDay:
        if (t.width == 2 && d < 10) out += '0';
        out += std::to_string(d);
        break;
      case FastToken::kMonth:
        out += f.months[size_t(m - 1)];
        break;
      case FastToken::kYear:
        out += std::to_string(y);
        break;
    }
  }
  return out;
}

// Digits '0'-'9' from s[pos]: their count, and their value in *value.
size_t ascii_digits(std::string_view s, size_t pos, int* value) {
  size_t n = 0;
  *value = 0;
  while (pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9' && n < 5)
    *value = *value * 10 + (s[pos + n++] - '0');
  return n;
}

// The day text (normalised) is, written exactly as form f writes it; none
// when it is not.
std::optional<Date> match_fast(const FastForm& f, std::string_view text) {
  size_t pos = 0;
  int y = 0, m = 0, d = 0;
  for (const FastToken& t : f.tokens) {
    switch (t.kind) {
      case FastToken::kLiteral:
        if (text.substr(pos, t.literal.size()) != t.literal) return std::nullopt;
        pos += t.literal.size();
        break;
      case FastToken::kDay: {
        size_t n = ascii_digits(text, pos, &d);
        // As ICU writes days: "2" for d, "02" for dd.
        if (t.width == 1 ? n < 1 || n > 2 || (n == 2 && text[pos] == '0') : n != 2)
          return std::nullopt;
        pos += n;
        break;
      }
      case FastToken::kMonth: {
        // The longest name that fits, as ICU's matching takes.
        size_t best = 0;
        for (size_t i = 0; i < f.months.size(); ++i) {
          const std::string& name = f.months[i];
          if (name.size() > best && text.substr(pos, name.size()) == name) {
            best = name.size();
            m = int(i) + 1;
          }
        }
        if (best == 0) return std::nullopt;
        pos += best;
        break;
      }
      case FastToken::kYear:
        // Four digits, as a full year from 1000 to 9999 is written.
        if (ascii_digits(text, pos, &y) != 4 || text[pos] == '0') return std::nullopt;
        pos += 4;
        break;
    }
  }
  if (pos != text.size() || (f.first_only && d != 1)) return std::nullopt;
  return Date::from_ymd(y, m, d);
}

}  // namespace

struct DateParser::Impl {
  icu::Locale locale;
  std::vector<Form> forms;                // forms[0] is the primary one
  std::unique_ptr<icu::Calendar> parsed;  // reused for every parse
  std::vector<FastForm> fast;             // one per form, or none (ICU only)

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

  // Compiles every form for the fast path, or none: the forms are tried in
  // order, so the fast path is all or nothing. Each one is checked against
  // what ICU writes for a day of every month.
  void compile() {
    fast.clear();
    std::vector<FastForm> all;
    for (const Form& form : forms) {
      icu::UnicodeString pattern;
      FastForm f;
      if (!compile_fast(form.format->toPattern(pattern), *form.format, form.first_only, &f)) return;
      for (int m = 1; m <= 12; ++m) {
        const int d = form.first_only ? 1 : m % 2 ? 7 : 28;
        icu::UnicodeString written;
        form.format->format(detail::to_udate(*Date::from_ymd(2021, m, d)), written);
        if (detail::to_utf8(written) != render_fast(f, 2021, m, d)) return;
      }
      all.push_back(std::move(f));
    }
    fast = std::move(all);
  }

  Match match(std::string_view text, Date* out) const;
  Match match_icu(const std::string& norm, Date* out) const;
};

Match DateParser::Impl::match(std::string_view text, Date* out) const {
  std::string norm = normalize_text(text);
  if (auto iso = Date::parse_iso(norm)) {
    *out = *iso;
    return Match::kDate;
  }
  if (looks_like_iso(norm)) return Match::kShape;
  for (const FastForm& f : fast) {
    if (auto date = match_fast(f, norm)) {
      *out = *date;
      return Match::kDate;
    }
  }
  return match_icu(norm, out);
}

Match DateParser::Impl::match_icu(const std::string& norm, Date* out) const {
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
  // A language ICU has no data for ("la", "kaa"): ISO dates only.
  if (!is_known_locale(lang)) return;
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
  impl_->compile();
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

std::optional<Date> DateParser::parse_with_icu(std::string_view text) const {
  std::string norm = normalize_text(text);
  if (auto iso = Date::parse_iso(norm)) return iso;
  Date d;
  if (!looks_like_iso(norm) && impl_->match_icu(norm, &d) == Match::kDate) return d;
  return std::nullopt;
}

bool DateParser::has_fast_path() const { return !impl_->fast.empty(); }

std::vector<std::string> DateParser::written_forms(Date date) const {
  std::vector<std::string> out;
  for (const Form& form : impl_->forms) {
    icu::UnicodeString written;
    form.format->format(detail::to_udate(date), written);
    out.push_back(detail::to_utf8(written));
  }
  return out;
}

std::string DateParser::example() const {
  if (impl_->forms.empty()) return "2021-08-02";
  icu::UnicodeString out;
  impl_->forms.front().format->format(detail::to_udate(*Date::from_ymd(2021, 8, 2)), out);
  return detail::to_utf8(out);
}

}  // namespace gz::intl
