// geo: places via ICU and the country tagger, on the seed listing's bulletins.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "geo/geo.h"

using gz::geo::CountryTagger;
using gz::geo::Place;
using Codes = std::vector<std::string>;

namespace {

// Each a place's code and kind, or "-" for nullopt, so failures print well.
std::string resolved(std::string_view text) {
  auto p = gz::geo::resolve_place(text);
  if (!p) return "-";
  return p->code + (p->is_country ? " country" : " region");
}

const CountryTagger& english() {
  static const CountryTagger t("en");
  return t;
}

// From examples/rosanjose-2021-07.txt.
const char* const kPanamaBody =
    "Within the framework of the International Organization for Migration's (IOM) protection "
    "strategy in  Panama, which involves objectives of the  \"Western Hemisphere Program\"   and "
    "the  \"Refugee and Migrant Response Plan for Venezuela\",  both  funded by the  U.S. "
    "Department of State's Bureau of Population, Refugees and Migration (PRM), introductory "
    "briefings were organized to inform and update protection concepts from a human rights "
    "perspective aimed at key actors who provide  guidance, assistance or services to vulnerable "
    "migrants in Panama.";

const char* const kCentralAmericaBody =
    "Officials from institutions and organizations that make up the cross-border roundtables and "
    "local networks on migration in El Salvador, Guatemala and Honduras participated in a series "
    "of trainings on Border Management and Health. The topics addressed included the "
    "identification and protection of vulnerable migrants in transit and the impact of the "
    "pandemic on the mental health and psychosocial well-being of migrant populations.";

}  // namespace

BOOST_AUTO_TEST_SUITE(geo)

// First, so that it is what builds the all-language index; prints, asserts nothing on time.
BOOST_AUTO_TEST_CASE(all_language_index_build_time) {
  auto t0 = std::chrono::steady_clock::now();
  BOOST_TEST(resolved("Narnia") == "-");
  auto t1 = std::chrono::steady_clock::now();
  BOOST_TEST(resolved("Zentralamerika") == "013 region");
  auto t2 = std::chrono::steady_clock::now();
  using ms = std::chrono::duration<double, std::milli>;
  BOOST_TEST_MESSAGE("all-language index: first miss " << ms(t1 - t0).count() << " ms, next lookup "
                                                       << ms(t2 - t1).count() << " ms");
}

BOOST_AUTO_TEST_CASE(resolves_m49_codes) {
  BOOST_TEST(resolved("013") == "013 region");
  BOOST_TEST(resolved("029") == "029 region");
  BOOST_TEST(resolved("419") == "419 region");
  BOOST_TEST(resolved("021") == "021 region");
  BOOST_TEST(resolved("005") == "005 region");
  BOOST_TEST(resolved("001") == "001 region");
  BOOST_TEST(resolved("591") == "PA country");  // Panama's M49 number
  BOOST_TEST(resolved("200") == "-");           // Czechoslovakia, deprecated
  BOOST_TEST(resolved("999") == "-");           // unknown
  BOOST_TEST(resolved("967") == "-");           // EU's number: not M49
}

BOOST_AUTO_TEST_CASE(resolves_alpha2_codes_of_territories_only) {
  BOOST_TEST(resolved("PA") == "PA country");
  BOOST_TEST(resolved("gy") == "GY country");
  BOOST_TEST(resolved(" Cr ") == "CR country");
  BOOST_TEST(resolved("XK") == "XK country");
  BOOST_TEST(resolved("UK") == "GB country");  // ICU's alias
  BOOST_TEST(resolved("ZZ") == "-");
  BOOST_TEST(resolved("EU") == "-");
  BOOST_TEST(resolved("UN") == "-");
  BOOST_TEST(resolved("QO") == "-");
  BOOST_TEST(resolved("YU") == "-");
  BOOST_TEST(resolved("QQ") == "-");
}

BOOST_AUTO_TEST_CASE(resolves_names_in_any_language) {
  BOOST_TEST(resolved("Central America") == "013 region");
  BOOST_TEST(resolved("central   AMERICA") == "013 region");
  BOOST_TEST(resolved("Centroamérica") == "013 region");
  BOOST_TEST(resolved("centroamerica") == "013 region");
  BOOST_TEST(resolved("Amérique centrale") == "013 region");
  BOOST_TEST(resolved("Caribbean") == "029 region");
  BOOST_TEST(resolved("Latin America and the Caribbean") == "419 region");
  BOOST_TEST(resolved("Panama") == "PA country");
  BOOST_TEST(resolved("Panamá") == "PA country");
  BOOST_TEST(resolved("PANAMÁ") == "PA country");
  BOOST_TEST(resolved("بنما") == "PA country");
  BOOST_TEST(resolved("Guyana") == "GY country");
  BOOST_TEST(resolved("Côte d'Ivoire") == "CI country");
  BOOST_TEST(resolved("Ivory Coast") == "CI country");
  BOOST_TEST(resolved("St Kitts and Nevis") == "KN country");
  BOOST_TEST(resolved("U.S.") == "US country");
  BOOST_TEST(resolved("Narnia") == "-");
  BOOST_TEST(resolved("") == "-");
}

BOOST_AUTO_TEST_CASE(countries_in_regions) {
  BOOST_TEST(gz::geo::countries_in(Place{"013", false}) ==
                 (Codes{"BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"}),
             boost::test_tools::per_element());
  BOOST_TEST(gz::geo::countries_in(Place{"PA", true}) == Codes{"PA"},
             boost::test_tools::per_element());
  Codes south = gz::geo::countries_in(Place{"005", false});
  BOOST_TEST(std::binary_search(south.begin(), south.end(), "GY"));
  BOOST_TEST(!std::binary_search(south.begin(), south.end(), "PA"));
  // Recursive: Latin America holds Central America's, the Caribbean's and South America's.
  Codes latin = gz::geo::countries_in(Place{"419", false});
  for (const char* c : {"PA", "CU", "GY", "MX"}) {
    BOOST_TEST(std::binary_search(latin.begin(), latin.end(), c), c);
  }
  BOOST_TEST(std::is_sorted(latin.begin(), latin.end()));
  BOOST_TEST(gz::geo::countries_in(Place{"001", false}).size() == 256u);
}

BOOST_AUTO_TEST_CASE(display_names) {
  BOOST_TEST(gz::geo::display_name("PA", "es") == "Panamá");
  BOOST_TEST(gz::geo::display_name("PA", "ar") == "بنما");
  BOOST_TEST(gz::geo::display_name("PA", "en") == "Panama");
  BOOST_TEST(gz::geo::display_name("013", "es") == "Centroamérica");
  BOOST_TEST(gz::geo::display_name("013", "en") == "Central America");
  BOOST_TEST(gz::geo::display_name("gy", "es-MX") == "Guyana");
}

BOOST_AUTO_TEST_CASE(suggestion_names_are_english) {
  const auto& names = gz::geo::suggestion_names();
  for (const char* n : {"Panama", "Central America", "Caribbean", "Guyana", "Latin America"}) {
    BOOST_TEST((std::find(names.begin(), names.end(), n) != names.end()), n);
  }
  BOOST_TEST((std::find(names.begin(), names.end(), "Panamá") == names.end()));
  BOOST_TEST((std::find(names.begin(), names.end(), "European Union") == names.end()));
}

BOOST_AUTO_TEST_CASE(tags_seed_titles) {
  const CountryTagger& t = english();
  BOOST_TEST(t.tag("IOM Guyana concludes Training on Essentials of Migration Management to "
                   "government officials") == Codes{"GY"},
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Costa Rica: IOM and the Municipality of Mora Inaugurate Municipal Center for "
                   "Migrants") == Codes{"CR"},
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Central American Countries Trained their Cross-border and Local Networks on "
                   "Border Management and Health")
                 .empty());
}

BOOST_AUTO_TEST_CASE(bulletin_body_counts_only_when_the_title_names_none) {
  const CountryTagger& t = english();
  BOOST_TEST(t.tag_bulletin("Central American Countries Trained their Cross-border and Local "
                            "Networks on Border Management and Health",
                            {kCentralAmericaBody}) == (Codes{"GT", "HN", "SV"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.tag_bulletin("Information sessions on the protection of migrants with a human "
                            "rights focus are held in Panama",
                            {kPanamaBody}) == Codes{"PA"},
             boost::test_tools::per_element());
  // The body itself names three, "U.S." among them.
  BOOST_TEST(t.tag(kPanamaBody) == (Codes{"PA", "US", "VE"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tags_in_spanish_and_english) {
  CountryTagger es("es");
  BOOST_TEST(es.tag("La OIM en Panamá y Costa Rica") == (Codes{"CR", "PA"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      es.tag("Migrantes de Guinea Ecuatorial y de EE. UU. en México") == (Codes{"GQ", "MX", "US"}),
      boost::test_tools::per_element());
  BOOST_TEST(es.tag("Reunión en Granada con la OIM") == Codes{},  // a meeting, a city
             boost::test_tools::per_element());
  BOOST_TEST(es.tag("La OIM usa datos de Ecuador") == Codes{"EC"},  // "usa": uses
             boost::test_tools::per_element());
  BOOST_TEST(es.tag("Nationals of Germany") == Codes{"DE"}, boost::test_tools::per_element());
}

// The names of a locale are found once per process and shared between
// taggers: a tagger made after others tags exactly as the first one did.
BOOST_AUTO_TEST_CASE(taggers_made_later_tag_alike) {
  const std::vector<std::string> texts{"La OIM en Panamá y Costa Rica",
                                       "Nationals of Germany and the United States",
                                       "Migrantes de Guinea Ecuatorial y de EE. UU. en México",
                                       "L'OIM au Brésil et en Haïti",
                                       "A OIM na República Dominicana",
                                       "Reunión en Granada con la OIM",
                                       "JOIN US",
                                       "Papua New Guinea, New Mexico",
                                       "Estados Unidos, Reino Unido",
                                       kPanamaBody};
  for (const char* lang : {"es", "fr", "pt", "en"}) {
    CountryTagger first(lang);
    std::vector<Codes> tags;
    for (const auto& t : texts) tags.push_back(first.tag(t));
    CountryTagger other_a("pt"), other_b("es"), other_c("en");
    CountryTagger again(lang);
    for (size_t i = 0; i < texts.size(); ++i)
      BOOST_TEST((again.tag(texts[i]) == tags[i]), lang << ": " << texts[i]);
  }
  BOOST_TEST(CountryTagger("fr").tag("L'OIM au Brésil et en Haïti") == (Codes{"BR", "HT"}),
             boost::test_tools::per_element());
  BOOST_TEST(CountryTagger("pt").tag("Nationals of Germany") == Codes{"DE"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(longest_match_without_overlap) {
  const CountryTagger& t = english();
  BOOST_TEST(t.tag("Papua New Guinea") == Codes{"PG"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Equatorial Guinea and Guinea-Bissau") == (Codes{"GQ", "GW"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Guinea") == Codes{"GN"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Nigeria") == Codes{"NG"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Niger and Nigeria") == (Codes{"NE", "NG"}), boost::test_tools::per_element());
  BOOST_TEST(t.tag("the Dominican Republic") == Codes{"DO"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Dominica and the Dominican Republic") == (Codes{"DM", "DO"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Democratic Republic of the Congo") == Codes{"CD"},
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Republic of the Congo") == Codes{"CG"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Northern Ireland") == Codes{"GB"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Border of New Mexico") == Codes{"US"},  // a state, not Mexico
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(aliases_and_short_names) {
  const CountryTagger& t = english();
  BOOST_TEST(t.tag("Join us in the fight") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("JOIN US") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Aid from the US and the UK") == (Codes{"GB", "US"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("the U.S, the U.S.A. and the United States of America") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Ivory Coast, Côte d’Ivoire, Cote d'Ivoire") == Codes{"CI"},
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Czech Republic and Czechia") == Codes{"CZ"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Türkiye, TURKEY") == Codes{"TR"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Viet Nam") == Codes{"VN"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("DR Congo") == Codes{"CD"}, boost::test_tools::per_element());
  BOOST_TEST(t.tag("Hong Kong and Palestine") == (Codes{"HK", "PS"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Trinidad and Tobago; St. Lucia; Saint Lucia") == (Codes{"LC", "TT"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.tag("Myanmar, formerly Burma") == Codes{"MM"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tagging_speed) {
  const CountryTagger& t = english();
  std::vector<std::string> paragraphs{kPanamaBody, kCentralAmericaBody};
  size_t found = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 5000; ++i) {
    for (const auto& p : paragraphs) found += t.tag(p).size();
  }
  auto t1 = std::chrono::steady_clock::now();
  BOOST_TEST(found == 5000u * 6);
  const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  BOOST_TEST_MESSAGE("tagged 10,000 seed paragraphs in " << ms << " ms");
}

BOOST_AUTO_TEST_SUITE_END()
