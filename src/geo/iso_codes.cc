// ISO 3166 codes: ReliefWeb and other feeds name countries by alpha-3 code,
// Gazette by alpha-2. ICU's icu::Region does not accept alpha-3 codes, but
// each territory's Locale knows its own, so the map is built from those.
#include <algorithm>
#include <map>

#include <unicode/locid.h>

#include "geo/detail.h"
#include "geo/geo.h"

namespace gz::geo {

bool is_country_code(std::string_view code) {
  const auto& codes = detail::territory_codes();
  // Numeric territory ids do not occur; M49 regions are not in this list.
  return std::binary_search(codes.begin(), codes.end(), code,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

std::optional<std::string> alpha2_of_alpha3(std::string_view code) {
  static const std::map<std::string, std::string, std::less<>> map = [] {
    std::map<std::string, std::string, std::less<>> m;
    for (const std::string& a2 : detail::territory_codes()) {
      const char* a3 = icu::Locale("und", a2.c_str()).getISO3Country();
      if (a3 && *a3) m.emplace(a3, a2);
    }
    return m;
  }();
  if (code.size() != 3) return std::nullopt;
  std::string upper(code);
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  auto it = map.find(upper);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace gz::geo
