// The compose phase through its public API (compose/compose.h): selected
// bulletins -> the words of a Digest, grouped, collated and localised.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "base/diag.h"
#include "base/limits.h"
#include "compose/compose.h"
#include "intl/catalog.h"
#include "intl/format.h"

using namespace gz;

namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

Bulletin bulletin(const char* date, std::string title, std::vector<std::string> countries) {
  Bulletin b;
  b.date = d(date);
  b.title = std::move(title);
  b.paragraphs = {"Text of " + b.title + "."};
  b.lang = "en";
  b.countries = std::move(countries);
  return b;
}

std::vector<const Bulletin*> pointers(const std::vector<Bulletin>& bulletins) {
  std::vector<const Bulletin*> out;
  for (const Bulletin& b : bulletins) out.push_back(&b);
  return out;
}

std::vector<std::string> group_names(const Digest& digest) {
  std::vector<std::string> out;
  for (const DigestGroup& g : digest.groups) out.push_back(g.name);
  return out;
}

std::vector<std::string> item_titles(const DigestGroup& g) {
  std::vector<std::string> out;
  for (const DigestItem& item : g.items) out.push_back(item.title);
  return out;
}

const Period kJuly{d("2021-07-01"), d("2021-07-31")};

}  // namespace

BOOST_AUTO_TEST_SUITE(compose)

// A bulletin naming two countries is printed in the first of its groups
// and cross-referenced in the other; "Other" (no country) comes last
// though it would collate before "Peru"; newest first within a group.
BOOST_AUTO_TEST_CASE(multi_country_bulletin_printed_once_and_cross_referenced) {
  const std::vector<Bulletin> bulletins = {
      bulletin("2021-07-05", "Drought in Honduras", {"HN"}),
      bulletin("2021-07-09", "Floods in Guatemala and Honduras", {"GT", "HN"}),
      bulletin("2021-07-10", "Regional appeal", {}),
      bulletin("2021-07-12", "Landslide in Peru", {"PE"}),
  };
  Spec spec;
  spec.title = "Test digest";
  Selection sel;  // every country
  intl::Formatter fmt("en");
  DigestAbout about;
  const Digest digest = build_digest(spec, sel, kJuly, pointers(bulletins), fmt, &about);

  BOOST_TEST(
      group_names(digest) == (std::vector<std::string>{"Guatemala", "Honduras", "Peru", "Other"}),
      boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(digest.groups.size() == 4u);
  const DigestGroup& guatemala = digest.groups[0];
  const DigestGroup& honduras = digest.groups[1];
  BOOST_TEST(item_titles(guatemala) == std::vector<std::string>{"Floods in Guatemala and Honduras"},
             boost::test_tools::per_element());
  BOOST_TEST(guatemala.xrefs.empty());
  BOOST_TEST(guatemala.items[0].countries_text == "Guatemala, Honduras");
  BOOST_TEST(guatemala.items[0].date_text == "July 9, 2021");
  // Not printed again under Honduras: a cross-reference to where it is.
  BOOST_TEST(item_titles(honduras) == std::vector<std::string>{"Drought in Honduras"},
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(honduras.xrefs.size() == 1u);
  BOOST_TEST(honduras.xrefs[0].title == "Floods in Guatemala and Honduras");
  BOOST_TEST(honduras.xrefs[0].group == 0u);
  BOOST_TEST(honduras.xrefs[0].item == 0u);
  BOOST_TEST(honduras.continued == "Honduras (continued)");
  BOOST_TEST(item_titles(digest.groups[3]) == std::vector<std::string>{"Regional appeal"},
             boost::test_tools::per_element());

  // The words of the report, in its language.
  BOOST_TEST(digest.count_text == "4 bulletins");  // each bulletin once
  BOOST_TEST(digest.period_text == "July 2021");
  BOOST_TEST(digest.see_also_text == "See also");
  BOOST_TEST(about.keywords == "Guatemala, Honduras, Peru");  // not "Other"
  BOOST_TEST(about.subject == "July 2021 — world");           // ICU's name of 001
  BOOST_TEST(digest.lang == "en");
  BOOST_TEST(!digest.rtl);
  // The glance page counts a bulletin under each of its groups, and says so.
  BOOST_TEST_REQUIRE(digest.glance.groups.size() == 4u);
  BOOST_TEST(digest.glance.groups[0].count == 1);
  BOOST_TEST(digest.glance.groups[1].count == 2);
  BOOST_TEST(!digest.glance.note.empty());
}

// [layout] repeat_multi_country: printed in full under each group.
BOOST_AUTO_TEST_CASE(repeat_multi_country_prints_under_each_group) {
  const std::vector<Bulletin> bulletins = {
      bulletin("2021-07-09", "Floods in Guatemala and Honduras", {"GT", "HN"}),
  };
  Spec spec;
  spec.repeat_multi_country = true;
  Selection sel;
  intl::Formatter fmt("en");
  const Digest digest = build_digest(spec, sel, kJuly, pointers(bulletins), fmt);
  BOOST_TEST_REQUIRE(digest.groups.size() == 2u);
  for (const DigestGroup& g : digest.groups) {
    BOOST_TEST(item_titles(g) == std::vector<std::string>{"Floods in Guatemala and Honduras"},
               boost::test_tools::per_element());
    BOOST_TEST(g.xrefs.empty());
  }
}

// Groups are sorted by the report locale's collator, not by bytes: in
// French, "Égypte" between "Danemark" and "France" (its UTF-8 bytes would
// put it last), then "Autres" last though it collates first. Dates, count
// and the running header are French too.
BOOST_AUTO_TEST_CASE(groups_collated_in_the_report_locale) {
  const std::vector<Bulletin> bulletins = {
      bulletin("2021-07-09", "France", {"FR"}),
      bulletin("2021-07-09", "Egypt", {"EG"}),
      bulletin("2021-07-09", "Denmark", {"DK"}),
      bulletin("2021-07-09", "Nowhere", {}),
  };
  Spec spec;
  Selection sel;
  intl::Formatter fmt("fr");
  const Digest digest = build_digest(spec, sel, kJuly, pointers(bulletins), fmt);
  BOOST_TEST(
      group_names(digest) == (std::vector<std::string>{"Danemark", "Égypte", "France", "Autres"}),
      boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(digest.groups.size() == 4u);
  BOOST_TEST(digest.groups[1].continued == "Égypte (suite)");
  BOOST_TEST(digest.groups[1].items.at(0).date_text == "9 juillet 2021");
  BOOST_TEST(digest.groups[1].items.at(0).language_text == "en anglais");
  BOOST_TEST(digest.period_text == "juillet 2021");
  BOOST_TEST(digest.lang == "fr");
}

// Only the selected countries are groups: a bulletin naming others is
// listed under the selected ones, and one naming none of them under none.
BOOST_AUTO_TEST_CASE(groups_are_the_selected_countries) {
  const std::vector<Bulletin> bulletins = {
      bulletin("2021-07-09", "Floods in Guatemala and Mexico", {"GT", "MX"}),
  };
  Spec spec;
  Selection sel;
  sel.all_countries = false;
  sel.countries = {"GT", "HN"};
  intl::Formatter fmt("en");
  const Digest digest = build_digest(spec, sel, kJuly, pointers(bulletins), fmt);
  BOOST_TEST(group_names(digest) == std::vector<std::string>{"Guatemala"},
             boost::test_tools::per_element());
  // Its countries line still names every country it is about.
  BOOST_TEST(digest.groups.at(0).items.at(0).countries_text == "Guatemala, Mexico");
}

// The size check counts a bulletin once per selected country it is listed
// under (each placement copies its text), before any is composed.
BOOST_AUTO_TEST_CASE(digest_size_counts_placements_in_selected_countries) {
  std::vector<std::string> codes;
  for (char a = 'A'; a <= 'J'; ++a)
    for (char b = 'A'; b <= 'Y'; ++b) codes.push_back({a, b});  // 250 codes
  BOOST_TEST_REQUIRE(codes.size() == 250u);
  const size_t n = limits::kMaxDigestEntries / 250 + 1;  // 1001 bulletins
  std::vector<Bulletin> bulletins(n, bulletin("2021-07-09", "Everywhere", codes));
  Spec spec;
  spec.file = "s.toml";
  Selection sel;
  sel.all_countries = false;
  sel.countries = {codes.begin(), codes.end() - 1};  // 249 of them: 249,249 entries
  BOOST_CHECK_NO_THROW(check_digest_size(spec, sel, pointers(bulletins)));
  sel.countries.insert(codes.back());  // 250,250 entries
  try {
    check_digest_size(spec, sel, pointers(bulletins));
    BOOST_FAIL("no Failure");
  } catch (const Failure& f) {
    BOOST_TEST(f.code() == kExitBadInput);
    BOOST_TEST(f.diag().loc.file == "s.toml");
    BOOST_TEST(f.diag().message.starts_with("digest too large: 250250 entries, more than 250000"));
  }
}

// Layout writes page numbers from compose's data, as the catalogue's
// page_of and ICU's number format wrote them: the same text in every
// catalogue's language and in locales of other digits, below 1000. From
// 1000 on, no grouping separator ("1000", not "1,000"): books do not group
// page numbers.
BOOST_AUTO_TEST_CASE(page_numbers_are_data_that_write_what_icu_writes) {
  std::vector<std::string> locales = intl::detail::catalog_languages();
  for (const char* other :
       {"ar-EG", "ar-MA", "fa", "hi-u-nu-deva", "th-u-nu-thai", "en-u-nu-arab", "ar-u-nu-latn"})
    locales.push_back(other);
  for (const std::string& locale : locales) {
    const intl::Formatter fmt(locale);
    const PageNumbers n = page_numbers(fmt);
    BOOST_TEST(!n.footer.empty(), locale);
    for (const auto& [page, pages] : {std::pair{1, 1}, {3, 12}, {10, 99}, {999, 999}}) {
      BOOST_TEST(
          n.footer_text(page, pages) == fmt.message("page_of", {{"page", page}, {"pages", pages}}),
          locale << " " << page << "/" << pages);
      BOOST_TEST(n.number(pages) == fmt.number(pages), locale);
    }
  }
  const PageNumbers ar = page_numbers(intl::Formatter("ar"));
  BOOST_TEST(ar.footer_text(3, 12) == "الصفحة ٣ من ١٢");
  BOOST_TEST(ar.number(1234) == "١٢٣٤");
  BOOST_TEST(page_numbers(intl::Formatter("en")).footer_text(1000, 1200) == "Page 1000 of 1200");
  // The English default: plain digits, "3 / 12".
  BOOST_TEST(PageNumbers{}.footer_text(3, 12) == "3 / 12");
}

BOOST_AUTO_TEST_SUITE_END()
