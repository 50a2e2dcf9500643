// geo: names in scripts without spaces, inflected and prefixed names, and the
// rules for ambiguous names (README "Countries of a bulletin"), each with a
// case where the name counts and one where it does not.
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "geo/geo.h"

using gz::geo::CountryTagger;
using Codes = std::vector<std::string>;

namespace {

const CountryTagger& tagger(const std::string& lang) {
  static std::map<std::string, CountryTagger> taggers;
  auto it = taggers.find(lang);
  if (it == taggers.end()) it = taggers.emplace(lang, CountryTagger(lang)).first;
  return it->second;
}

Codes tag(const std::string& lang, const std::string& text) { return tagger(lang).tag(text); }

}  // namespace

BOOST_AUTO_TEST_SUITE(geo_names)

BOOST_AUTO_TEST_CASE(scripts_without_spaces_longest_name_wins) {
  BOOST_TEST(tag("zh", "印度尼西亚发生地震") == Codes{"ID"}, boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "印度尼西亞西爪哇省發生地震") == Codes{"ID"},  // traditional
             boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "印度总理访问几内亚比绍") == (Codes{"GW", "IN"}),
             boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "几内亚政变") == Codes{"GN"}, boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "巴布亚新几内亚和赤道几内亚") == (Codes{"GQ", "PG"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      tag("zh", "搭載俄羅斯與美國太空人的聯盟MS-22自哈萨克斯坦發射") == (Codes{"KZ", "RU", "US"}),
      boost::test_tools::per_element());
  BOOST_TEST(tag("ja", "インドネシアで地震") == Codes{"ID"}, boost::test_tools::per_element());
  BOOST_TEST(tag("th", "แผ่นดินไหวในประเทศอินโดนีเซีย") == Codes{"ID"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "今天天气很好") == Codes{}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(inflected_forms_match_demonyms_and_adjectives_do_not) {
  BOOST_TEST(tag("ru", "Мобилизация в России") == Codes{"RU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Санкции против Ирана") == Codes{"IR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "премьер-министра Новой Зеландии") == Codes{"NZ"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Выборы в Нигерии") == Codes{"NG"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Переворот в Нигере") == Codes{"NE"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Россиянин и российский флаг") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Малая часть") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "Війна в Україні") == Codes{"UA"}, boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "між Росією та Кримом, у Росії") == Codes{"RU"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "українці") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "в истории Соединённых Штатов") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "президент Сполучених Штатів") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "штатов и городов") == Codes{}, boost::test_tools::per_element());
  // The genitive plural only of plural names: "сербов" (Serbs) is not Сербия.
  BOOST_TEST(tag("ru", "Права сербов, хорватов и словаков") == Codes{},
             boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "права сербів") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("pl", "Wybory w Rosji") == Codes{"RU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "Iranin huivikapina") == Codes{"IR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "Venäjällä ja Suomessa") == (Codes{"FI", "RU"}),
             boost::test_tools::per_element());
  BOOST_TEST(tag("hu", "Tüntetések Iránban, tárgyalás Iránnal") == Codes{"IR"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("el", "Εκλογές της Ρωσίας") == Codes{"RU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("de", "Die Regierung Deutschlands") == Codes{"DE"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("lt", "Rusijos kariuomenė") == Codes{"RU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ko", "러시아의 동원령") == Codes{"RU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ko", "러시아인") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("tr", "Türkiye'de deprem") == Codes{"TR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("uz", "Rossiyada saylov") == Codes{"RU"}, boost::test_tools::per_element());
}

// Finnish consonant gradation, Urdu's two spellings of a final a, Tamil case
// suffixes; and the words these rules must leave alone.
BOOST_AUTO_TEST_CASE(gradation_spellings_and_tamil_suffixes) {
  BOOST_TEST(tag("fi", "Turkin maanjäristykset") == Codes{"TR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "junaonnettomuus Kreikassa") == Codes{"GR"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "Uuden-Seelannin pääministeri") == Codes{"NZ"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "Yhdistyneen kuningaskunnan pääministeri") == Codes{"GB"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "Yhdysvaltain Floridaan") == Codes{"US"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fi", "turkis ja kreikkalainen") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("ur", "پانامہ میں بس حادثہ") == Codes{"PA"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ur", "امریکہ کے سابق صدر") == Codes{"US"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ur", "ایرانی") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("ta", "ஈரானில் போராட்டங்கள்") == Codes{"IR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ta", "இந்தியாவில் பாலம்") == Codes{"IN"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ta", "ஐக்கிய இராச்சியத்தின் பிரதமர்") == Codes{"GB"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ta", "ஈரானியர்") == Codes{}, boost::test_tools::per_element());
  // Persian: مالی is also "financial", and the Indian Ocean names India.
  BOOST_TEST(tag("fa", "فساد مالی در آمریکا") == Codes{"US"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fa", "اقیانوس هند") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("fa", "سیل در هند") == Codes{"IN"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(arabic_and_hebrew_prefixes) {
  BOOST_TEST(tag("ar", "انفجار بالعراق") == Codes{"IQ"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ar", "مساعدات للعراق ومصر") == (Codes{"EG", "IQ"}),
             boost::test_tools::per_element());
  BOOST_TEST(tag("ar", "والعراق") == Codes{"IQ"}, boost::test_tools::per_element());
  BOOST_TEST(tag("he", "בחירות ברוסיה") == Codes{"RU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("he", "סיוע מישראל") == Codes{"IL"}, boost::test_tools::per_element());
}

// Adjectives and demonyms tag nothing, Arabic's nisba included: it is also
// a person's origin or family name (README "Demonyms and adjectives").
BOOST_AUTO_TEST_CASE(adjectives_tag_nothing) {
  BOOST_TEST(tag("ar", "تفجير في العاصمة الصومالية مقديشو") == Codes{},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ar", "رئيس الوزراء العراقي محمد شياع السوداني") == Codes{},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ar", "الرئيس السوري") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("he", "רוסי") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "сомалийская столица") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("fa", "دولت ایرانی") == Codes{}, boost::test_tools::per_element());
  // The names themselves do.
  BOOST_TEST(tag("ar", "تفجير في الصومال") == Codes{"SO"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ar", "رئيس وزراء العراق") == Codes{"IQ"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(georgia_the_country_or_the_us_state) {
  BOOST_TEST(tag("en", "Georgia and Armenia sign a border deal") == (Codes{"AM", "GE"}),
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Storm floods Savannah, Georgia") == Codes{},
             boost::test_tools::per_element());
  // A state tags the United States, and Georgia with it is the state.
  BOOST_TEST(tag("en", "Runoffs in Georgia and Florida") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Fires in the state of Georgia") == Codes{"US"},
             boost::test_tools::per_element());
}

// U.S. states name the United States, in every language (CLDR's names);
// cities do not, those named after their state included.
BOOST_AUTO_TEST_CASE(us_states_name_the_united_states) {
  BOOST_TEST(tag("en", "Tornadoes in Mississippi and Alabama") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("be", "На поўдні даліны Місісіпі прайшлася серыя тарнада") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Пожары в Калифорнии") == Codes{"US"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fr", "L'ouragan Ian frappe la Floride") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "The Kansas City Chiefs win the Super Bowl") == Codes{},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Protests in Atlanta") == Codes{}, boost::test_tools::per_element());
  // Washington and New York are the seats of the government and the UN.
  BOOST_TEST(tag("en", "Talks in Washington and New York") == Codes{},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Переговоры в Вашингтоне") == Codes{}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jersey_or_new_jersey) {
  BOOST_TEST(tag("en", "Ferries between Jersey and Guernsey") == (Codes{"GG", "JE"}),
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Floods in New Jersey: Jersey officials ask for help") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "He signed a football jersey") == Codes{}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(niger_or_nigeria) {
  BOOST_TEST(tag("en", "Coup in Niger") == Codes{"NE"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Elections in Nigeria") == Codes{"NG"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Oil spill in the Niger Delta") == Codes{"NG"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_guineas) {
  BOOST_TEST(tag("en", "Coup in Guinea") == Codes{"GN"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Guinea-Bissau, Equatorial Guinea and Papua New Guinea") ==
                 (Codes{"GQ", "GW", "PG"}),
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Piracy in the Gulf of Guinea; guinea pigs; New Guinea") == Codes{},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(dominica_or_the_dominican_republic) {
  BOOST_TEST(tag("en", "Hurricane hits Dominica") == Codes{"DM"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Hurricane hits the Dominican Republic") == Codes{"DO"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_two_congos) {
  BOOST_TEST(tag("en", "Ebola in Congo") == Codes{"CD"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Democratic Republic of the Congo; DR Congo") == Codes{"CD"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Floods in Congo: Brazzaville under water") == Codes{"CG"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Republic of the Congo") == Codes{"CG"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fr", "République démocratique du Congo") == Codes{"CD"},
             boost::test_tools::per_element());
  // The title names Congo, the body decides which.
  BOOST_TEST(
      tagger("en").tag_bulletin("Floods in Congo", {"Brazzaville is under water."}) == Codes{"CG"},
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sudan_or_south_sudan) {
  BOOST_TEST(tag("en", "Fighting in Sudan") == Codes{"SD"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Fighting in South Sudan") == Codes{"SS"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(chad_the_country_or_a_given_name) {
  BOOST_TEST(tag("en", "Floods in Chad") == Codes{"TD"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Chad President Mahamat Déby") == Codes{"TD"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Chad Smith scores twice") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "a hanging chad") == Codes{}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(turkey_the_country_or_the_bird) {
  BOOST_TEST(tag("en", "Earthquake in Turkey") == Codes{"TR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "EARTHQUAKE IN TURKEY") == Codes{"TR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Roast turkey for Thanksgiving") == Codes{},
             boost::test_tools::per_element());
}

// Short Slavic names in -а (Куба, Гана) inflect by their own declension only.
BOOST_AUTO_TEST_CASE(short_slavic_names_in_a) {
  BOOST_TEST(tag("ru", "Ураган обрушился на Кубу") == Codes{"CU"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "посольство Кубы, выборы на Кубе") == Codes{"CU"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "мільйони на Кубі") == Codes{"CU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Переговоры с Ганой") == Codes{"GH"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Поставили кубом вверх, малой частью") == Codes{},
             boost::test_tools::per_element());
}

// КНР, the initials of China's formal name in Russian, Ukrainian and
// Belarusian, is China, as a whole word; North Korea's КНДР stays North Korea.
BOOST_AUTO_TEST_CASE(east_slavic_initials_of_china) {
  BOOST_TEST(tag("ru", "переизбрало Си Цзиньпина на пост председателя КНР") == Codes{"CN"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("be", "пераабраў Сі Цзіньпіна Старшынёй КНР") == Codes{"CN"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("uk", "Голова КНР") == Codes{"CN"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Переговоры с КНДР") == Codes{"KP"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "в составе КНРП") == Codes{}, boost::test_tools::per_element());
}

// "East Palestine" is a town in Ohio; 海地 (Haiti) inside 海地区 ("sea
// region") is not Haiti.
BOOST_AUTO_TEST_CASE(east_palestine_and_sea_regions) {
  BOOST_TEST(tag("en", "Aid reaches Palestine") == Codes{"PS"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "A derailment near East Palestine, Ohio, US") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "海地发生地震") == Codes{"HT"}, boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "颶風襲擊古巴等沿海地區") == Codes{"CU"}, boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "加勒比海地区") == Codes{}, boost::test_tools::per_element());
}

// "AS" is the United States in Indonesian and Malay text, in capitals, and
// only there: not "as" in lower case, nor in an all-caps headline, nor in English.
BOOST_AUTO_TEST_CASE(as_in_indonesian_and_malay) {
  BOOST_TEST(tag("id", "dekat East Palestine, Ohio, AS") == Codes{"US"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ms", "Presiden AS") == Codes{"US"}, boost::test_tools::per_element());
  BOOST_TEST(tag("id", "as roda") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("id", "KAPAL AS TENGGELAM") == Codes{}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Goals for AS Roma") == Codes{}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(un_names_and_common_alternatives) {
  BOOST_TEST(tag("es", "Trinidad y Tabago") == Codes{"TT"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fr", "République démocratique du Congo") == Codes{"CD"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Côte d'Ivoire, Ivory Coast") == Codes{"CI"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Türkiye, Turkey") == Codes{"TR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Czechia, the Czech Republic") == Codes{"CZ"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Eswatini, formerly Swaziland") == Codes{"SZ"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("en", "Myanmar, Burma") == Codes{"MM"}, boost::test_tools::per_element());
  BOOST_TEST(tag("en", "East Timor") == Codes{"TL"}, boost::test_tools::per_element());
  BOOST_TEST(tag("pt", "Golpe em Burquina Fasso") == Codes{"BF"}, boost::test_tools::per_element());
  BOOST_TEST(tag("uz", "Birlashgan Qirollik bosh vaziri") == Codes{"GB"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

#include "geo/detail.h"
#include "intl/locale.h"

BOOST_AUTO_TEST_SUITE(geo_data)

// Every line of src/geo/data/*.tsv: four fields, a territory ICU knows, a
// language of the six.
BOOST_AUTO_TEST_CASE(name_lists_are_well_formed) {
  BOOST_TEST(gz::geo::detail::kNameFiles.size() == 3u);
  int lines = 0;
  for (const auto& f : gz::geo::detail::kNameFiles) {
    std::string_view text = f.text;
    int n = 0;
    while (!text.empty()) {
      ++n;
      const size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (line.empty() || line[0] == '#') continue;
      ++lines;
      std::vector<std::string> fields;
      for (size_t from = 0;;) {
        const size_t tab = line.find('\t', from);
        fields.emplace_back(line.substr(from, tab - from));
        if (tab == std::string_view::npos) break;
        from = tab + 1;
      }
      BOOST_TEST_CONTEXT(f.name << ":" << n) {
        BOOST_TEST_REQUIRE(fields.size() == 4u);
        BOOST_TEST(gz::geo::is_country_code(fields[0]));
        // The UN's six, or any language ICU knows for the states' names.
        const std::string langs = " en fr es ar ru zh ";
        if (std::string_view(f.name) == "us_states.tsv") {
          BOOST_TEST(fields[0] == "US");
          BOOST_TEST(gz::intl::is_known_locale(fields[1]), fields[1]);
        } else {
          BOOST_TEST(langs.find(" " + fields[1] + " ") != std::string::npos);
        }
        BOOST_TEST(!fields[2].empty());
        BOOST_TEST(!fields[3].empty());
      }
    }
  }
  BOOST_TEST(lines > 700);
}

BOOST_AUTO_TEST_CASE(un_formal_names_in_the_six_languages) {
  BOOST_TEST(tag("en", "the Hellenic Republic") == Codes{"GR"}, boost::test_tools::per_element());
  BOOST_TEST(tag("fr", "la Confédération suisse") == Codes{"CH"}, boost::test_tools::per_element());
  BOOST_TEST(tag("es", "la República Bolivariana de Venezuela") == Codes{"VE"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("ru", "Исламская Республика Иран") == Codes{"IR"},
             boost::test_tools::per_element());
  BOOST_TEST(tag("zh", "阿拉伯埃及共和国") == Codes{"EG"}, boost::test_tools::per_element());
  BOOST_TEST(tag("ar", "جمهورية مصر العربية") == Codes{"EG"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
