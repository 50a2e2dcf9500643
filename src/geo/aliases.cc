// Hand-kept name lists: only what ICU's names miss and news commonly writes.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "geo/detail.h"

namespace gz::geo::detail {
namespace {

constexpr Alias kAliases[] = {
    {"en", "US", "United States of America"},
    {"en", "US", "U.S."},
    {"en", "US", "U.S.A."},
    {"en", "GB", "U.K."},
    {"en", "GB", "Great Britain"},
    {"en", "GB", "Britain"},
    {"en", "GB", "England"},
    {"en", "GB", "Scotland"},
    {"en", "GB", "Wales"},
    {"en", "GB", "Northern Ireland"},  // else "Ireland" would tag IE
    {"en", "CI", "Ivory Coast"},
    {"en", "CZ", "Czech Republic"},
    {"en", "TR", "Türkiye"},
    {"en", "VN", "Viet Nam"},
    {"en", "CD", "Democratic Republic of the Congo"},
    {"en", "CD", "Democratic Republic of Congo"},
    {"en", "CD", "DR Congo"},
    {"en", "CD", "DRC"},
    {"en", "CG", "Republic of the Congo"},
    {"en", "CG", "Republic of Congo"},
    {"en", "KR", "Republic of Korea"},
    {"en", "KP", "Democratic People's Republic of Korea"},
    {"en", "KP", "DPRK"},
    {"en", "RU", "Russian Federation"},
    {"en", "SY", "Syrian Arab Republic"},
    {"en", "IR", "Islamic Republic of Iran"},
    {"en", "BO", "Plurinational State of Bolivia"},
    {"en", "VE", "Bolivarian Republic of Venezuela"},
    {"en", "LA", "Lao PDR"},
    {"en", "LA", "Lao People's Democratic Republic"},
    {"en", "MD", "Republic of Moldova"},
    {"en", "TZ", "United Republic of Tanzania"},
    {"en", "VA", "Holy See"},
    {"en", "VA", "Vatican"},
    {"en", "SZ", "Swaziland"},
    {"en", "CV", "Cabo Verde"},
    {"en", "TL", "East Timor"},
    {"en", "MK", "Macedonia"},
    {"en", "MM", "Burma"},
    {"en", "PS", "State of Palestine"},
    {"en", "MO", "Macau"},
    {"en", "AE", "UAE"},
    {"en", "KG", "Kyrgyz Republic"},
    {"en", "SK", "Slovak Republic"},
    {"en", "BN", "Brunei Darussalam"},
    {"en", "FM", "Federated States of Micronesia"},
    {"en", "VC", "Saint Vincent and the Grenadines"},
    {"en", "VI", "US Virgin Islands"},
    {"en", "VI", "United States Virgin Islands"},
    {"en", "RE", "Reunion Island"},
    {"en", "NG", "Niger Delta"},  // in Nigeria, not in Niger
    {"en", "GS", "South Georgia"},
    {"en", "419", "Latin America and the Caribbean"},
    {"es", "US", "EEUU"},
    {"es", "US", "EE.UU."},
    {"es", "GB", "Gran Bretaña"},
    {"es", "CI", "Costa de Marfil"},
    {"es", "CZ", "República Checa"},
    {"es", "CD", "RDC"},
    {"es", "CD", "RD Congo"},
    {"es", "RE", "Isla de la Reunión"},
    {"es", "419", "América Latina y el Caribe"},
    {"fr", "RE", "Île de la Réunion"},
    {"fr", "MM", "Birmanie"},  // ICU: "Myanmar (Birmanie)"
    {"es", "MM", "Birmania"},
    {"pt", "MM", "Birmânia"},
    {"de", "MM", "Birma"},
    {"it", "MM", "Birmania"},
    {"id", "CL", "Chili"},  // ICU: "Cile"
    {"id", "GB", "Britania Raya"},
    {"ms", "GB", "Britania Raya"},
    {"pt", "RE", "Ilha da Reunião"},
    {"pt", "BF", "Burquina Fasso"},  // Brazil's spelling; ICU: "Burquina Faso"
    // Where ICU has only another name (its fi GB is "Iso-Britannia", its fa
    // US "ایالات متحده", its ta GB "யுனைடெட் கிங்டம்"): the name the
    // language's Wikipedia gives the country, and the short form its news use.
    {"fi", "GB", "Yhdistynyt kuningaskunta"},
    {"fa", "US", "ایالات متحده آمریکا"},
    {"fa", "US", "آمریکا"},
    {"ur", "US", "امریکہ"},
    {"ta", "GB", "ஐக்கிய இராச்சியம்"},
    {"uz", "GB", "Birlashgan Qirollik"},  // ICU: "Buyuk Britaniya"
    // The initials of China's formal name, as Russian, Ukrainian and
    // Belarusian news write it ("председателя КНР"): Китайская Народная
    // Республика (UN), Китайська Народна Республіка, Кітайская Народная
    // Рэспубліка. North Korea's КНДР is ICU's own.
    {"ru", "CN", "КНР"},
    {"uk", "CN", "КНР"},
    {"be", "CN", "КНР"},
};

constexpr Alias kCapitalAcronyms[] = {
    {"en", "US", "US"}, {"en", "US", "USA"},
    {"en", "GB", "UK"}, {"id", "US", "AS"},  // Amerika Serikat
    {"ms", "US", "AS"},                      // Amerika Syarikat
};

// The U.S. states but New York and Washington, which international news
// names as the seats of the UN and the U.S. government: code "US", they tag
// the United States. Cities, code "us", tag nothing: Atlanta, Savannah, and
// those named after their state ("Kansas City Chiefs").
constexpr Alias kContextPhrases[] = {
    {"en", "US", "Alabama"},          {"en", "US", "Alaska"},         {"en", "US", "Arizona"},
    {"en", "US", "Arkansas"},         {"en", "US", "California"},     {"en", "US", "Colorado"},
    {"en", "US", "Connecticut"},      {"en", "US", "Delaware"},       {"en", "US", "Florida"},
    {"en", "US", "Hawaii"},           {"en", "US", "Idaho"},          {"en", "US", "Illinois"},
    {"en", "US", "Indiana"},          {"en", "US", "Iowa"},           {"en", "US", "Kansas"},
    {"en", "US", "Kentucky"},         {"en", "US", "Louisiana"},      {"en", "US", "Maine"},
    {"en", "US", "Maryland"},         {"en", "US", "Massachusetts"},  {"en", "US", "Michigan"},
    {"en", "US", "Minnesota"},        {"en", "US", "Mississippi"},    {"en", "US", "Missouri"},
    {"en", "US", "Montana"},          {"en", "US", "Nebraska"},       {"en", "US", "Nevada"},
    {"en", "US", "New Hampshire"},    {"en", "US", "New Jersey"},     {"en", "US", "New Mexico"},
    {"en", "US", "North Carolina"},   {"en", "US", "North Dakota"},   {"en", "US", "Ohio"},
    {"en", "US", "Oklahoma"},         {"en", "US", "Oregon"},         {"en", "US", "Pennsylvania"},
    {"en", "US", "Rhode Island"},     {"en", "US", "South Carolina"}, {"en", "US", "South Dakota"},
    {"en", "US", "Tennessee"},        {"en", "US", "Texas"},          {"en", "US", "Utah"},
    {"en", "US", "Vermont"},          {"en", "US", "Virginia"},       {"en", "US", "West Virginia"},
    {"en", "US", "Wisconsin"},        {"en", "US", "Wyoming"},        {"en", "us", "Atlanta"},
    {"en", "us", "Savannah"},         {"en", "us", "Jersey City"},    {"en", "us", "Jersey Shore"},
    {"en", "us", "Kansas City"},      {"en", "us", "Oklahoma City"},  {"en", "us", "Iowa City"},
    {"en", "US", "state of Georgia"}, {"en", "US", "Georgia State"},  {"en", "CG", "Brazzaville"},
};

constexpr const char* kNonCountryPhrases[] = {
    "New Guinea",      "Gulf of Guinea", "Guinea pig",
    "Guinea pigs",     "Nuevo México",   "Nueva Guinea",  // a town in Nicaragua
    "Golfo de Guinea",
    "اقیانوس هند",     // the Indian Ocean in Persian, whose India is هند
    "East Palestine",  // a town in Ohio
    "海地区",          // "sea region" (沿海地区, 加勒比海地区), not Haiti (海地)
    "海地區",
};

// Folded keys, sorted.
constexpr std::array<std::string_view, 7> kCommonWords = {
    "granada",      // Grenada in es/pt; cities in Spain and Nicaragua
    "guadalupe",    // Guadeloupe in es; a common name
    "reuniao",      // Réunion in pt; "meeting"
    "reunion",      // Réunion; "meeting" in es/fr, and English "reunion"
    "san martin",   // Saint Martin in es; a region of Peru, many towns
    "santa elena",  // Saint Helena in es; a province of Ecuador
    "مالی",         // Mali in fa and ur; "financial" in both
};

}  // namespace

namespace {

// "Bolivia (Plurinational State of)" -> "Bolivia"; also full-width brackets.
std::string_view without_brackets(std::string_view s) {
  for (std::string_view open : {"(", "\uFF08"}) {
    const size_t at = s.find(open);
    if (at == std::string_view::npos) continue;
    s = s.substr(0, at);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  }
  return s;
}

}  // namespace

// The data files: "code TAB language TAB short name TAB formal name" lines,
// "#" comments. Their strings live as long as the process, NUL-terminated
// in one buffer sized before the first is written (so none moves): a
// string and a vector of fields per line cost 2,000 instructions a line,
// 4M in every run that tags or resolves a place.
std::span<const Alias> aliases() {
  static const std::vector<Alias> all = [] {
    static std::string strings;
    size_t bound = 0;  // each kept string is part of a line, plus its NUL
    for (const NameFile& f : kNameFiles) bound += 2 * std::string_view(f.text).size() + 4;
    strings.reserve(bound);
    auto keep = [](std::string_view s) {
      // Never grown: that would move the strings already kept.
      if (strings.size() + s.size() + 1 > strings.capacity())
        throw std::logic_error("geo name lists: string buffer too small");
      const char* at = strings.data() + strings.size();
      strings.append(s);
      strings.push_back('\0');
      return at;
    };
    std::vector<Alias> v(std::begin(kAliases), std::end(kAliases));
    for (const NameFile& f : kNameFiles) {
      std::string_view text = f.text;
      while (!text.empty()) {
        const size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (line.empty() || line[0] == '#') continue;
        std::array<std::string_view, 4> fields;
        size_t count = 0;
        for (size_t from = 0;;) {
          const size_t tab = line.find('\t', from);
          if (count < fields.size()) fields[count] = line.substr(from, tab - from);
          ++count;
          if (tab == std::string_view::npos) break;
          from = tab + 1;
        }
        if (count != 4) continue;  // a test checks every line has four
        const char* code = keep(fields[0]);
        const char* lang = keep(fields[1]);
        v.push_back({lang, code, keep(without_brackets(fields[2]))});
        if (fields[3] != fields[2]) v.push_back({lang, code, keep(fields[3])});
      }
    }
    return v;
  }();
  return all;
}
std::span<const Alias> capital_acronyms() { return kCapitalAcronyms; }
std::span<const char* const> non_country_phrases() { return kNonCountryPhrases; }
std::span<const Alias> context_phrases() { return kContextPhrases; }

bool is_common_word(std::string_view key) {
  static_assert(std::is_sorted(kCommonWords.begin(), kCommonWords.end()));
  return std::binary_search(kCommonWords.begin(), kCommonWords.end(), key);
}

}  // namespace gz::geo::detail
