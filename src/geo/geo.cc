// Places: codes and names of territories and M49 regions, via icu::Region.
#include "geo/geo.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include <unicode/region.h>
#include <unicode/strenum.h>

#include "geo/detail.h"

namespace gz::geo {
namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_alpha2(std::string_view s) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  return s.size() == 2 && letter(s[0]) && letter(s[1]);
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// A territory, or a region with an M49 number: EU, EZ, UN, QO, ZZ and
// deprecated codes (YU, 200) are refused. ICU maps aliases: "UK" is GB.
std::optional<Place> place_of_code(const std::string& code) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Region* r = icu::Region::getInstance(code.c_str(), status);
  if (U_FAILURE(status) || r == nullptr) return std::nullopt;
  std::string canonical = r->getRegionCode();
  switch (r->getType()) {
    case URGN_TERRITORY:
      return Place{canonical, true};
    case URGN_WORLD:
    case URGN_CONTINENT:
    case URGN_SUBCONTINENT:
    case URGN_GROUPING:
      if (is_digits(canonical)) return Place{canonical, false};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

class NameIndex {
 public:
  void add(const std::string& code, const std::string& key) {
    Place p{code, !is_digits(code)};
    auto [it, inserted] = map_.try_emplace(key, p);
    // A name that is both a country and a region means the country.
    if (!inserted && p.is_country && !it->second.is_country) it->second = p;
  }
  std::optional<Place> find(const std::string& key) const {
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, Place> map_;
};

// English names, short names and aliases: what users mostly type.
const NameIndex& english_index() {
  static const NameIndex index = [] {
    NameIndex idx;
    // What for_each_key(en, regions, short names) gives, the territories'
    // keys shared with the English country tagger.
    const icu::Locale en("en");
    for (const auto& [code, key] : detail::territory_keys(en)) idx.add(code, key);
    detail::for_each_region_key(
        en, [&](const std::string& code, const std::string& key) { idx.add(code, key); });
    for (const detail::Alias& a : detail::aliases()) {
      if (std::string_view(a.lang) == "en") idx.add(a.code, detail::name_key(a.name));
    }
    for (const detail::Alias& a : detail::capital_acronyms()) {
      // "AS" (Indonesian and Malay) is also American Samoa's code.
      if (std::string_view(a.lang) == "en") idx.add(a.code, detail::name_key(a.name));
    }
    return idx;
  }();
  return index;
}

// Names in every language-only locale (247 in ICU 72). Slow to build, so
// built on the first lookup that English cannot answer.
const NameIndex& all_languages_index() {
  static std::once_flag once;
  static NameIndex* index = nullptr;
  std::call_once(once, [] {
    auto* idx = new NameIndex;  // never freed: lives until exit, like ICU's caches
    int32_t count = 0;
    const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
    for (int32_t i = 0; i < count; ++i) {
      if (*locales[i].getCountry() != '\0') continue;
      detail::for_each_key(
          locales[i], true, false,
          [&](const std::string& code, const std::string& key) { idx->add(code, key); });
    }
    for (const detail::Alias& a : detail::aliases()) idx->add(a.code, detail::name_key(a.name));
    index = idx;
  });
  return *index;
}

}  // namespace

std::optional<Place> resolve_place(std::string_view text) {
  std::string key = detail::name_key(text);
  if (key.empty()) return std::nullopt;
  if (key.size() == 3 && is_digits(key)) return place_of_code(key);
  if (is_alpha2(key)) {
    std::optional<Place> p = place_of_code(upper_ascii(key));
    if (p && p->is_country) return p;
    return std::nullopt;
  }
  if (auto p = english_index().find(key)) return p;
  return all_languages_index().find(key);
}

const std::vector<std::string>& suggestion_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    icu::Locale en("en");
    for (const auto* codes : {&detail::territory_codes(), &detail::region_codes()}) {
      for (const std::string& code : *codes) {
        std::string name = detail::icu_name(code, en);
        if (!name.empty()) v.push_back(std::move(name));
      }
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return names;
}

std::vector<std::string> countries_in(const Place& p) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Region* r = icu::Region::getInstance(p.code.c_str(), status);
  if (U_FAILURE(status) || r == nullptr) return out;
  if (r->getType() == URGN_TERRITORY) return {r->getRegionCode()};
  // Recursive: ICU gives territories contained directly or indirectly.
  std::unique_ptr<icu::StringEnumeration> e(r->getContainedRegions(URGN_TERRITORY, status));
  if (U_FAILURE(status) || !e) return out;
  while (const char* c = e->next(nullptr, status)) out.emplace_back(c);
  std::sort(out.begin(), out.end());
  return out;
}

std::string display_name(const std::string& code, const std::string& locale) {
  std::string c = upper_ascii(code);
  std::string name = detail::icu_name(c, detail::to_locale(locale));
  return name.empty() ? c : name;
}

}  // namespace gz::geo
