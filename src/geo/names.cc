// Territory and region codes and names, from icu::Region and ICU locale data.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include <unicode/locdspnm.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/ures.h>

#include "geo/detail.h"

namespace gz::geo::detail {
namespace {

std::vector<std::string> codes_of(URegionType type) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> e(icu::Region::getAvailable(type, status));
  if (U_FAILURE(status)) return out;
  while (const char* c = e->next(nullptr, status)) out.emplace_back(c);
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ICU's name and the spellings news uses for it.
std::vector<std::string> name_forms(const std::string& name, bool english) {
  std::vector<std::string> forms{name};
  size_t open = name.find('(');
  size_t close = name.find(')', open);
  if (open != std::string::npos && close != std::string::npos) {
    forms.push_back(name.substr(0, open) + name.substr(close + 1));
  }
  if (english) {
    for (size_t i = 0, n = forms.size(); i < n; ++i) {
      std::string f = forms[i];
      for (size_t p; (p = f.find('&')) != std::string::npos;) f.replace(p, 1, "and");
      if (f != forms[i]) forms.push_back(f);
    }
    for (size_t i = 0, n = forms.size(); i < n; ++i) {
      if (forms[i].starts_with("St. ")) forms.push_back("Saint" + forms[i].substr(3));
    }
  }
  return forms;
}

}  // namespace

const std::vector<std::string>& territory_codes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> v = codes_of(URGN_TERRITORY);
    std::sort(v.begin(), v.end());
    return v;
  }();
  return codes;
}

const std::vector<std::string>& region_codes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> v;
    for (URegionType t : {URGN_WORLD, URGN_CONTINENT, URGN_SUBCONTINENT, URGN_GROUPING}) {
      for (std::string& c : codes_of(t)) {
        // EU, EZ, UN and QO are not M49 regions.
        if (all_digits(c)) v.push_back(std::move(c));
      }
    }
    std::sort(v.begin(), v.end());
    return v;
  }();
  return codes;
}

namespace {

// The name of place (the locale "und_" + code) in locale, or "".
std::string display_country(const icu::Locale& place, const std::string& code,
                            const icu::Locale& locale) {
  icu::UnicodeString name;
  place.getDisplayCountry(locale, name);
  std::string out;
  name.toUTF8String(out);
  // ICU falls back to the code itself when the locale has no name for it.
  return out == code ? std::string() : out;
}

// The locale of each of territory_codes(), made once: making an icu::Locale
// costs more than looking up its name.
const std::vector<icu::Locale>& territory_locales() {
  static const std::vector<icu::Locale> locales = [] {
    std::vector<icu::Locale> v;
    for (const std::string& code : territory_codes()) v.emplace_back("und", code.c_str());
    return v;
  }();
  return locales;
}

}  // namespace

std::string icu_name(const std::string& code, const icu::Locale& locale) {
  return display_country(icu::Locale("und", code.c_str()), code, locale);
}

namespace {

// Calls f for each form of a name, as its key (raw: as written).
void add_forms(const std::string& code, const std::string& name, bool english, bool raw,
               const std::function<void(const std::string&, const std::string&)>& f) {
  if (name.empty()) return;
  for (const std::string& form : name_forms(name, english)) {
    if (raw) {
      f(code, form);
      continue;
    }
    std::string key = name_key(form);
    if (!too_short(key)) f(code, key);
  }
}

}  // namespace

void for_each_key(const icu::Locale& locale, bool regions, bool short_names,
                  const std::function<void(const std::string&, const std::string&)>& f, bool raw) {
  const bool english = std::string_view(locale.getLanguage()) == "en";
  std::unique_ptr<icu::LocaleDisplayNames> shorts;
  if (short_names) {
    UDisplayContext length = UDISPCTX_LENGTH_SHORT;
    shorts.reset(icu::LocaleDisplayNames::createInstance(locale, &length, 1));
  }
  auto add = [&](const std::string& code, const std::string& name) {
    add_forms(code, name, english, raw, f);
  };
  const std::vector<std::string>& codes = territory_codes();
  const std::vector<icu::Locale>& places = territory_locales();
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string& code = codes[i];
    std::string name = display_country(places[i], code, locale);
    add(code, name);
    if (shorts) {
      icu::UnicodeString s;
      shorts->regionDisplayName(code.c_str(), s);
      std::string short_name;
      s.toUTF8String(short_name);
      if (short_name != name && short_name != code) add(code, short_name);
    }
  }
  if (short_names) {
    // CLDR's variant forms ("Ivory Coast", "Czech Republic", "Congo (DRC)"),
    // which no ICU API gives: read from the region bundle itself.
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* bundle = ures_open(U_ICUDATA_NAME "-region", locale.getName(), &status);
    UResourceBundle* table = ures_getByKey(bundle, "Countries%variant", nullptr, &status);
    while (U_SUCCESS(status) && ures_hasNext(table)) {
      const char* code = nullptr;
      int32_t length = 0;
      const UChar* name = ures_getNextString(table, &length, &code, &status);
      if (U_FAILURE(status) || code == nullptr) break;
      if (!std::binary_search(codes.begin(), codes.end(), std::string(code))) continue;
      std::string utf8;
      icu::UnicodeString(name, length).toUTF8String(utf8);
      add(code, utf8);
    }
    ures_close(table);
    ures_close(bundle);
  }
  if (regions) for_each_region_key(locale, f, raw);
}

void for_each_region_key(const icu::Locale& locale,
                         const std::function<void(const std::string&, const std::string&)>& f,
                         bool raw) {
  const bool english = std::string_view(locale.getLanguage()) == "en";
  for (const std::string& code : region_codes())
    add_forms(code, icu_name(code, locale), english, raw, f);
}

const Keys& territory_keys(const icu::Locale& locale, bool raw) {
  static std::mutex mutex;
  static std::map<std::string, Keys> cache;  // entries never change once made
  std::lock_guard lock(mutex);
  auto [it, inserted] = cache.try_emplace(std::string(locale.getName()) + (raw ? "/raw" : ""));
  if (inserted) {
    Keys& keys = it->second;  // clang 14 cannot capture a structured binding
    try {
      for_each_key(
          locale, false, true,
          [&](const std::string& code, const std::string& key) { keys.emplace_back(code, key); },
          raw);
    } catch (...) {
      cache.erase(it);  // not left half made
      throw;
    }
  }
  return it->second;
}

icu::Locale to_locale(const std::string& id) {
  if (id.find('-') == std::string::npos) return icu::Locale(id.c_str());
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale l = icu::Locale::forLanguageTag(id, status);
  return U_SUCCESS(status) ? l : icu::Locale(id.c_str());
}

}  // namespace gz::geo::detail
