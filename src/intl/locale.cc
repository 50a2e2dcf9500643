#include "intl/locale.h"

#include <unicode/gregocal.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "base/diag.h"
#include "intl/icu_util.h"
#include "intl/text.h"

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

// The language of an available locale id ("sr_Latn_BA" -> "sr") when it
// plainly starts with one: two or three lower-case letters, then "_" or
// the end. ICU 72's ids all do, and their language is that prefix; parsing
// each with uloc_getLanguage cost 3M instructions a run.
std::string_view plain_language(const char* id) {
  size_t n = 0;
  while (id[n] >= 'a' && id[n] <= 'z') ++n;
  if (n < 2 || n > 3 || (id[n] != '_' && id[n] != '\0')) return {};
  return {id, n};
}

// The languages ICU has data for, sorted; computed once, then read-only.
// From the ids uloc_getAvailable gives, which icu::Locale::getAvailableLocales
// turns into locales one by one (800 of them, 8M instructions).
const std::vector<std::string>& available_languages() {
  static const std::vector<std::string> languages = [] {
    const int32_t count = uloc_countAvailable();
    std::vector<std::string> v;
    v.reserve(count);
    for (int32_t i = 0; i < count; ++i) {
      const char* id = uloc_getAvailable(i);
      if (std::string_view plain = plain_language(id); !plain.empty()) {
        v.emplace_back(plain);
        continue;
      }
      char language[ULOC_LANG_CAPACITY] = "";
      UErrorCode status = U_ZERO_ERROR;
      uloc_getLanguage(id, language, ULOC_LANG_CAPACITY, &status);
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

namespace {

// ISO 639-1's codes as ICU lists them, then the two-letter codes ICU has an
// English name for that it leaves out of that list (tl, sh, bh, and old
// aliases such as iw and in). "sp" is in neither.
const std::vector<std::string>& two_letter_languages() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (const char* const* l = icu::Locale::getISOLanguages(); *l; ++l)
      if (std::strlen(*l) == 2) out.push_back(*l);
    const size_t listed = out.size();
    for (char a = 'a'; a <= 'z'; ++a)
      for (char b = 'a'; b <= 'z'; ++b) {
        const std::string code{a, b};
        if (std::find(out.begin(), out.begin() + listed, code) != out.begin() + listed) continue;
        icu::UnicodeString name;
        icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
        if (detail::to_utf8(name) != code) out.push_back(code);
      }
    return out;
  }();
  return codes;
}

// Whether a two-letter code (lower case) is one of two_letter_languages(),
// without building that list (676 display-name look-ups, 12M instructions,
// a sixth of a small run): ISO 639-1's own list first, then the one code's
// English name.
bool is_two_letter_language(const std::string& code) {
  for (const char* const* l = icu::Locale::getISOLanguages(); *l; ++l)
    if (code == *l) return true;
  icu::UnicodeString name;
  icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
  return detail::to_utf8(name) != code;
}

}  // namespace

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
  if (language.size() == 2) {
    std::string lower = language;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (!is_two_letter_language(lower)) return false;
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

std::string suggest_language(const std::string& given) {
  struct Name {
    std::string folded, code, english;
  };
  // The English and the native name of every two-letter language, folded.
  static const std::vector<Name> names = [] {
    std::vector<Name> out;
    for (const std::string& code : two_letter_languages()) {
      icu::Locale l(code.c_str());
      icu::UnicodeString en, native;
      l.getDisplayLanguage(icu::Locale::getEnglish(), en);
      l.getDisplayLanguage(l, native);
      const std::string english = detail::to_utf8(en);
      if (english == code) continue;  // no name in ICU's data
      // An old alias (iw, in, mo) names a language already listed: the
      // listed code is the one to suggest.
      const std::string folded = fold_for_match(english);
      if (std::any_of(out.begin(), out.end(), [&](const Name& n) { return n.folded == folded; }))
        continue;
      out.push_back({folded, code, english});
      const std::string own = fold_for_match(detail::to_utf8(native));
      if (own != code && own != out.back().folded) out.push_back({own, code, english});
    }
    return out;
  }();
  const std::string g = fold_for_match(given);
  auto hint = [](const Name& n) { return "did you mean '" + n.code + "' (" + n.english + ")?"; };
  for (const Name& n : names)  // a language's name: "Spanish", "español"
    if (n.folded == g) return hint(n);
  if (g.size() >= 2) {  // the start of one language's name: "sp", "portu"
    const Name* only = nullptr;
    bool several = false;
    for (const Name& n : names)
      if (n.folded.starts_with(g)) {
        several = several || (only && only->code != n.code);
        only = &n;
      }
    if (only && !several) return hint(*only);
  }
  std::vector<std::string> folded;
  for (const Name& n : names) folded.push_back(n.folded);
  if (std::string near = did_you_mean(g, folded); !near.empty()) {
    for (const Name& n : names)  // did_you_mean names the candidate it found
      if (near == "did you mean '" + n.folded + "'?") return hint(n);
  }
  return did_you_mean(given, known_locale_ids());
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

std::string other_language_name(const std::string& text, const std::string& locale) {
  if (text.empty() || locale.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale of = icu::Locale::forLanguageTag(text, status);
  if (U_FAILURE(status)) return {};
  const icu::Locale in(locale.c_str());
  const std::string language = of.getLanguage();
  if (language.empty() || language == in.getLanguage()) return {};
  icu::UnicodeString name;
  of.getDisplayLanguage(in, name);
  std::string out = detail::to_utf8(name);
  return out == language ? std::string() : out;  // ICU has no name for it
}

}  // namespace gz::intl
