#include "intl/locale.h"

#include <unicode/gregocal.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "intl/icu_util.h"

namespace gz::intl {
namespace {

using detail::check;

// ICU makes a locale of any string ("en US", "a@b"): keep to the
// characters of language ids.
bool plausible_id(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// The languages ICU has data for, sorted; computed once, then read-only.
// From the ids uloc_getAvailable gives, which icu::Locale::getAvailableLocales
// turns into locales one by one (800 of them, 8M instructions).
const std::vector<std::string>& available_languages() {
  static const std::vector<std::string> languages = [] {
    const int32_t count = uloc_countAvailable();
    std::vector<std::string> v;
    for (int32_t i = 0; i < count; ++i) {
      char language[ULOC_LANG_CAPACITY] = "";
      UErrorCode status = U_ZERO_ERROR;
      uloc_getLanguage(uloc_getAvailable(i), language, ULOC_LANG_CAPACITY, &status);
      check(status, "reading an available locale");
      v.emplace_back(language);
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return languages;
}

std::unique_ptr<icu::TimeZone> find_zone(const std::string& id) {
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(detail::to_ustring(id)));
  // createTimeZone never fails: it answers the "unknown" zone instead.
  icu::UnicodeString found;
  if (*tz == icu::TimeZone::getUnknown() || tz->getID(found) == UCAL_UNKNOWN_ZONE_ID) return {};
  return tz;
}

}  // namespace

bool is_known_locale(const std::string& id) {
  if (!plausible_id(id)) return false;
  icu::Locale loc = detail::make_locale(id);
  if (loc.isBogus()) return false;
  return std::binary_search(available_languages().begin(), available_languages().end(),
                            std::string(loc.getLanguage()));
}

bool is_language_tag(const std::string& id) {
  if (!plausible_id(id) || id.size() > 64) return false;
  std::string tag = id;
  std::replace(tag.begin(), tag.end(), '_', '-');
  const size_t dash = tag.find('-');
  const std::string language = tag.substr(0, dash);
  if (language.size() < 2 || language.size() > 3 ||
      !std::all_of(language.begin(), language.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); })) {
    return false;
  }
  char out[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(tag.c_str(), out, sizeof out, &parsed, &status);
  return U_SUCCESS(status) && parsed == static_cast<int32_t>(tag.size());
}

std::string canonical_locale(const std::string& id) { return detail::make_locale(id).getName(); }

std::vector<std::string> known_locale_ids() {
  int32_t count = 0;
  const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
  std::vector<std::string> ids;
  ids.reserve(count);
  for (int32_t i = 0; i < count; ++i) ids.emplace_back(locales[i].getName());
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool is_rtl_locale(const std::string& id) {
  return uloc_isRightToLeft(detail::make_locale(id).getName());
}

bool is_known_time_zone(const std::string& id) { return find_zone(id) != nullptr; }

std::vector<std::string> known_time_zone_ids() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createEnumeration(status));
  check(status, "listing time zones");
  std::vector<std::string> ids;
  while (const icu::UnicodeString* id = zones->snext(status)) ids.push_back(detail::to_utf8(*id));
  check(status, "listing time zones");
  return ids;
}

Date date_in_zone(int64_t unix_seconds, const std::string& tz) {
  std::unique_ptr<icu::TimeZone> zone = find_zone(tz);
  if (!zone) throw std::invalid_argument("unknown time zone '" + tz + "'");
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar cal(zone.release(), status);
  check(status, "creating a calendar");
  cal.setGregorianChange(-8.64e15, status);  // proleptic, as gz::Date
  cal.setTime(static_cast<UDate>(unix_seconds) * 1000.0, status);
  int y = cal.get(UCAL_EXTENDED_YEAR, status);
  int m = cal.get(UCAL_MONTH, status) + 1;
  int d = cal.get(UCAL_DATE, status);
  check(status, "reading a calendar date");
  auto date = Date::from_ymd(y, m, d);
  if (!date) throw std::out_of_range("date outside years 1..9999");
  return *date;
}

}  // namespace gz::intl
