#include "intl/format.h"

#include <unicode/coll.h>
#include <unicode/dtitvfmt.h>
#include <unicode/dtptngen.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/numsys.h>
#include <unicode/smpdtfmt.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <type_traits>

#include "intl/catalog.h"
#include "intl/icu_util.h"

namespace gz::intl {
namespace {

using detail::check;
using detail::to_udate;
using detail::to_ustring;
using detail::to_utf8;

std::unique_ptr<icu::SimpleDateFormat> date_format(const icu::UnicodeString& pattern,
                                                   const icu::Locale& loc) {
  UErrorCode status = U_ZERO_ERROR;
  auto f = std::make_unique<icu::SimpleDateFormat>(pattern, loc, status);
  check(status, "creating a date format");
  f->adoptCalendar(detail::gmt_calendar(loc).release());
  return f;
}

std::unique_ptr<icu::DateIntervalFormat> interval_format(const char* skeleton,
                                                         const icu::Locale& loc) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateIntervalFormat> f(
      icu::DateIntervalFormat::createInstance(skeleton, loc, status));
  check(status, "creating a date interval format");
  f->setTimeZone(*icu::TimeZone::getGMT());
  return f;
}

std::string format_interval(const icu::DateIntervalFormat& f, Date first, Date last) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateInterval interval(to_udate(first), to_udate(last));
  icu::FieldPosition pos;
  icu::UnicodeString out;
  f.format(&interval, out, pos, status);
  check(status, "formatting a date interval");
  return to_utf8(out);
}

std::string format_date(const icu::DateFormat& f, Date d) {
  icu::UnicodeString out;
  f.format(to_udate(d), out);
  return to_utf8(out);
}

}  // namespace

struct Formatter::Impl {
  std::string id;
  icu::Locale locale;
  std::unique_ptr<icu::SimpleDateFormat> day, month, year;
  // Made at their first use (2.4M instructions each; most runs need at
  // most one of them): once flags, as a const Formatter may be shared.
  std::unique_ptr<icu::DateIntervalFormat> months, days;
  std::once_flag months_once, days_once;
  // date_skeleton's formats by skeleton: the "At a glance" page labels
  // every week or month with one (a pattern look-up and a SimpleDateFormat,
  // 30k instructions each time).
  std::mutex skeletons_mutex;
  std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>, std::less<>> skeletons;
  // Kept for date_skeleton: building one takes some 2M instructions.
  std::unique_ptr<icu::DateTimePatternGenerator> generator;
  icu::number::LocalizedNumberFormatter numbers;
  std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> messages;
  std::map<std::string, std::string, std::less<>> patterns;  // as in the catalogue
};

Formatter::Formatter(const std::string& locale) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.id = locale;
  m.locale = detail::gregorian_locale(locale);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> long_style(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, m.locale));
  auto* simple = dynamic_cast<icu::SimpleDateFormat*>(long_style.get());
  if (!simple) throw std::runtime_error("ICU: no long date pattern for '" + locale + "'");
  icu::UnicodeString pattern;
  m.day = date_format(simple->toPattern(pattern), m.locale);
  m.generator.reset(icu::DateTimePatternGenerator::createInstance(m.locale, status));
  check(status, "creating a date pattern generator");
  m.month = date_format(m.generator->getBestPattern("yMMMM", status), m.locale);
  m.year = date_format(m.generator->getBestPattern("y", status), m.locale);
  check(status, "finding date patterns");
  m.numbers = icu::number::NumberFormatter::withLocale(m.locale);
  for (const detail::Message& msg : detail::catalog(m.locale.getLanguage())) {
    auto format = std::make_unique<icu::MessageFormat>(to_ustring(msg.pattern), m.locale, status);
    check(status, "compiling a catalogue message");
    m.messages.emplace(msg.key, std::move(format));
    m.patterns.emplace(msg.key, msg.pattern);
  }
}

Formatter::~Formatter() = default;
Formatter::Formatter(Formatter&&) noexcept = default;

std::string Formatter::date(Date d) const { return format_date(*impl_->day, d); }

std::string Formatter::period(const Period& p) const {
  if (p.last < p.first) throw std::invalid_argument("period ends before it starts");
  Ymd a = p.first.ymd(), b = p.last.ymd();
  bool whole_months = a.day == 1 && b.day == days_in_month(b.year, b.month);
  if (whole_months && a.year == b.year) {
    if (a.month == 1 && b.month == 12) return format_date(*impl_->year, p.first);
    if (a.month == b.month) return format_date(*impl_->month, p.first);
    Impl& m = *impl_;
    std::call_once(m.months_once, [&] { m.months = interval_format("yMMMM", m.locale); });
    return format_interval(*m.months, p.first, p.last);
  }
  Impl& m = *impl_;
  std::call_once(m.days_once, [&] { m.days = interval_format("yMMMMd", m.locale); });
  return format_interval(*m.days, p.first, p.last);
}

std::string Formatter::date_skeleton(Date d, const char* skeleton) const {
  Impl& m = *impl_;
  std::lock_guard lock(m.skeletons_mutex);
  auto it = m.skeletons.find(std::string_view(skeleton));
  if (it == m.skeletons.end()) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString pattern = m.generator->getBestPattern(skeleton, status);
    check(status, "finding a date pattern");
    it = m.skeletons.emplace(skeleton, date_format(pattern, m.locale)).first;
  }
  return format_date(*it->second, d);
}

std::string Formatter::number(int64_t n) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = impl_->numbers.formatInt(n, status).toString(status);
  check(status, "formatting a number");
  return to_utf8(out);
}

namespace {

// Message key of messages, with its named arguments.
template <typename Messages, typename Value>
std::string format_message(const Messages& messages, const std::string& key,
                           const std::vector<std::pair<std::string, Value>>& args) {
  auto it = messages.find(key);
  if (it == messages.end()) throw std::logic_error("unknown message key '" + key + "'");
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args) {
    names.push_back(to_ustring(name));
    if constexpr (std::is_same_v<Value, std::string>) {
      values.emplace_back(to_ustring(value));
    } else {
      values.emplace_back(static_cast<int64_t>(value));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out;
  it->second->format(names.data(), values.data(), static_cast<int32_t>(args.size()), out, status);
  check(status, "formatting a message");
  return to_utf8(out);
}

}  // namespace

std::string Formatter::message(const std::string& key,
                               const std::vector<std::pair<std::string, int64_t>>& args) const {
  return format_message(impl_->messages, key, args);
}

std::string Formatter::text_message(
    const std::string& key, const std::vector<std::pair<std::string, std::string>>& args) const {
  return format_message(impl_->messages, key, args);
}

std::vector<Formatter::Piece> Formatter::message_pieces(const std::string& key) const {
  auto it = impl_->patterns.find(key);
  if (it == impl_->patterns.end()) throw std::logic_error("unknown message key '" + key + "'");
  const icu::UnicodeString source = to_ustring(it->second);
  UErrorCode status = U_ZERO_ERROR;
  const icu::MessagePattern pattern(source, nullptr, status);
  check(status, "parsing a catalogue message");
  std::vector<Piece> pieces;
  icu::UnicodeString text;
  auto flush = [&] {
    if (!text.isEmpty()) pieces.push_back({to_utf8(text), {}});
    text.remove();
  };
  // The text between the parts that are syntax (quoting apostrophes) or
  // arguments is literal.
  int32_t prev = 0;
  for (int32_t i = 1; i < pattern.countParts(); ++i) {
    const icu::MessagePattern::Part& part = pattern.getPart(i);
    text.append(source, prev, part.getIndex() - prev);
    prev = part.getLimit();
    switch (part.getType()) {
      case UMSGPAT_PART_TYPE_MSG_LIMIT:
        flush();
        return pieces;
      case UMSGPAT_PART_TYPE_SKIP_SYNTAX:
        break;
      case UMSGPAT_PART_TYPE_INSERT_CHAR:
        text.append(static_cast<UChar>(part.getValue()));
        break;
      case UMSGPAT_PART_TYPE_ARG_START: {
        if (part.getArgType() != UMSGPAT_ARG_TYPE_NONE)
          throw std::logic_error("message '" + key + "' has an argument that is not a plain name");
        flush();
        pieces.push_back({{}, to_utf8(pattern.getSubstring(pattern.getPart(i + 1)))});
        i = pattern.getLimitPartIndex(i);
        prev = pattern.getPart(i).getLimit();
        break;
      }
      default:
        throw std::logic_error("message '" + key + "' cannot be cut at its arguments");
    }
  }
  throw std::logic_error("message '" + key + "' has no end");
}

std::array<std::string, 10> Formatter::digits() const {
  std::array<std::string, 10> out = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberingSystem> system(
      icu::NumberingSystem::createInstance(impl_->locale, status));
  check(status, "finding the locale's numbering system");
  if (system->isAlgorithmic() || system->getRadix() != 10) return out;
  const icu::UnicodeString description = system->getDescription();
  if (description.countChar32() != 10) return out;
  int32_t at = 0;
  for (std::string& digit : out) {
    const int32_t next = description.moveIndex32(at, 1);
    digit = to_utf8(description.tempSubStringBetween(at, next));
    at = next;
  }
  return out;
}

const std::string& Formatter::locale() const { return impl_->id; }

struct Collator::Impl {
  std::unique_ptr<icu::Collator> collator;
};

Collator::Collator(const std::string& locale) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(detail::make_locale(locale), status));
  check(status, "creating a collator");
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;

bool Collator::less(const std::string& a, const std::string& b) const {
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = impl_->collator->compareUTF8(a, b, status);
  check(status, "comparing strings");
  return r == UCOL_LESS;
}

}  // namespace gz::intl
