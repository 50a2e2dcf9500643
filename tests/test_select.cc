#include <boost/test/unit_test.hpp>

#include "select/period.h"
#include "select/resolve.h"
#include "select/select.h"

using namespace gz;

namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

Period resolve(const std::string& text, const char* as_of = "2021-08-15") {
  std::string error, hint;
  auto e = parse_period(text, &error, &hint);
  BOOST_TEST_REQUIRE(e.has_value(), text << ": " << error);
  return resolve_period(*e, d(as_of));
}

std::string error_of(const std::string& text, std::string* hint = nullptr) {
  std::string error, h;
  auto e = parse_period(text, &error, &h);
  BOOST_TEST(!e.has_value());
  if (hint) *hint = h;
  return error;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(periods)

BOOST_AUTO_TEST_CASE(fixed_periods) {
  BOOST_TEST((resolve("2021-07") == Period{d("2021-07-01"), d("2021-07-31")}));
  BOOST_TEST((resolve("2021-02") == Period{d("2021-02-01"), d("2021-02-28")}));
  BOOST_TEST((resolve("2024-02") == Period{d("2024-02-01"), d("2024-02-29")}));
  BOOST_TEST((resolve("1900-02") == Period{d("1900-02-01"), d("1900-02-28")}));
  BOOST_TEST((resolve("2000-02") == Period{d("2000-02-01"), d("2000-02-29")}));
  BOOST_TEST((resolve("2021-Q3") == Period{d("2021-07-01"), d("2021-09-30")}));
  BOOST_TEST((resolve("2021-Q1") == Period{d("2021-01-01"), d("2021-03-31")}));
  BOOST_TEST((resolve("2021") == Period{d("2021-01-01"), d("2021-12-31")}));
  BOOST_TEST((resolve("2021-07-01..2021-07-31") == Period{d("2021-07-01"), d("2021-07-31")}));
  BOOST_TEST((resolve("2021-07-04..2021-07-04") == Period{d("2021-07-04"), d("2021-07-04")}));
}

BOOST_AUTO_TEST_CASE(relative_periods_across_year_boundaries) {
  BOOST_TEST((resolve("last-month", "2022-01-15") == Period{d("2021-12-01"), d("2021-12-31")}));
  BOOST_TEST((resolve("last-month", "2021-03-31") == Period{d("2021-02-01"), d("2021-02-28")}));
  BOOST_TEST((resolve("last-month", "2024-03-01") == Period{d("2024-02-01"), d("2024-02-29")}));
  BOOST_TEST((resolve("this-month", "2021-12-31") == Period{d("2021-12-01"), d("2021-12-31")}));
  BOOST_TEST((resolve("last-quarter", "2022-02-10") == Period{d("2021-10-01"), d("2021-12-31")}));
  BOOST_TEST((resolve("last-quarter", "2021-08-15") == Period{d("2021-04-01"), d("2021-06-30")}));
  BOOST_TEST((resolve("this-quarter", "2021-12-31") == Period{d("2021-10-01"), d("2021-12-31")}));
  BOOST_TEST((resolve("last-year", "2021-01-01") == Period{d("2020-01-01"), d("2020-12-31")}));
  BOOST_TEST((resolve("last-7-days", "2022-01-03") == Period{d("2021-12-27"), d("2022-01-02")}));
  BOOST_TEST((resolve("last-1-days", "2024-03-01") == Period{d("2024-02-29"), d("2024-02-29")}));
  BOOST_TEST((resolve("last-30-days", "2021-03-01") == Period{d("2021-01-30"), d("2021-02-28")}));
}

// Found by fuzz/fuzz_spec: "last-month" on 0001-01-15 computed a month of
// year 0, which gz::Date cannot hold (an empty optional was read).
BOOST_AUTO_TEST_CASE(relative_periods_stay_within_years_1_to_9999) {
  for (auto [text, as_of] : {std::pair{"last-month", "0001-01-15"},
                             {"last-quarter", "0001-02-01"},
                             {"last-year", "0001-12-31"},
                             {"last-7-days", "0001-01-07"}}) {
    try {
      resolve(text, as_of);
      BOOST_ERROR(text << " on " << as_of << ": no Failure");
    } catch (const Failure& f) {
      BOOST_TEST(f.code() == kExitBadInput);
      BOOST_TEST(format_diagnostic(f.diag()) ==
                 "error: the period falls outside years 1 to 9999 when today is " +
                     std::string(as_of));
    }
  }
  BOOST_TEST((resolve("last-7-days", "0001-01-08") == Period{d("0001-01-01"), d("0001-01-07")}));
  BOOST_TEST((resolve("this-year", "9999-12-31") == Period{d("9999-01-01"), d("9999-12-31")}));
  BOOST_TEST((resolve("last-month", "0001-02-01") == Period{d("0001-01-01"), d("0001-01-31")}));
}

BOOST_AUTO_TEST_CASE(impossible_periods) {
  BOOST_TEST(error_of("2021-13") == "no month 13 in period '2021-13'");
  BOOST_TEST(error_of("2021-00") == "no month 0 in period '2021-00'");
  BOOST_TEST(error_of("2021-Q5") == "no quarter 5 in period '2021-Q5' (quarters are Q1 to Q4)");
  BOOST_TEST(error_of("0000") == "year out of range in period '0000' (1 to 9999)");
  BOOST_TEST(error_of("2021-02-01..2021-02-30") ==
             "'2021-02-30' is not a valid date (YYYY-MM-DD) in period '2021-02-01..2021-02-30'");
  BOOST_TEST(error_of("2021-08-01..2021-07-01") ==
             "period '2021-08-01..2021-07-01' ends before it starts");
  std::string hint;
  BOOST_TEST(error_of("last-mnth", &hint) ==
             "unknown period 'last-mnth' (expected e.g. '2021-07', '2021-Q3', '2021', "
             "'2021-07-01..2021-07-31', 'last-month' or 'last-7-days')");
  BOOST_TEST(hint == "did you mean 'last-month'?");
  error_of("last-0-days");
  error_of("July 2021");
}

BOOST_AUTO_TEST_CASE(slugs_for_file_names) {
  BOOST_TEST(period_slug(resolve("2021-07")) == "2021-07");
  BOOST_TEST(period_slug(resolve("2021-Q3")) == "2021-Q3");
  BOOST_TEST(period_slug(resolve("2021")) == "2021");
  BOOST_TEST(period_slug(resolve("2021-07-01..2021-07-15")) == "2021-07-01..2021-07-15");
  BOOST_TEST(period_slug(resolve("2021-07-01..2021-08-31")) == "2021-07-01..2021-08-31");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(selection)

BOOST_AUTO_TEST_CASE(filters_by_period_country_and_language) {
  std::vector<Bulletin> all(4);
  all[0].date = d("2021-07-30"), all[0].countries = {"HN"}, all[0].lang = "en";
  all[1].date = d("2021-08-02"), all[1].countries = {"MX"}, all[1].lang = "en";
  all[2].date = d("2021-07-14"), all[2].countries = {"GY"}, all[2].lang = "en";
  all[3].date = d("2021-07-01"), all[3].countries = {"PA", "CO"}, all[3].lang = "es-PA";
  Selection sel;
  sel.all_countries = false;
  sel.countries = {"HN", "MX", "PA"};
  Period july{d("2021-07-01"), d("2021-07-31")};
  auto got = select_bulletins(all, sel, july);
  BOOST_TEST_REQUIRE(got.size() == 2u);
  BOOST_TEST(got[0] == &all[3]);  // chronological
  BOOST_TEST(got[1] == &all[0]);
  sel.languages = {"es"};
  got = select_bulletins(all, sel, july);
  BOOST_TEST_REQUIRE(got.size() == 1u);
  BOOST_TEST(got[0] == &all[3]);
}

BOOST_AUTO_TEST_SUITE_END()

#include "spec/spec.h"

namespace {

struct Resolved {
  Selection sel;
  std::vector<std::string> errors;
};

// Parses a spec's [select] and [regions] (after a fixed preamble) and
// resolves it; errors as printed.
Resolved resolve_text(const std::string& select, const std::string& rest = "",
                      const std::string& top = "") {
  std::string text = "title = \"T\"\n" + top +
                     "[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n[select]\n" + select + "\n" +
                     rest;
  Diagnostics diags;
  Spec spec = parse_spec(text, "s.toml", diags);
  if (diags.has_errors()) BOOST_FAIL(format_diagnostic(diags.items().front()));
  Resolved r;
  check_locale_and_zone(spec, diags);
  r.sel = resolve_selection(spec, diags);
  for (const auto& d : diags.items()) r.errors.push_back(format_diagnostic(d));
  return r;
}

using Codes = std::set<std::string>;
using Lines = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(resolution)

BOOST_AUTO_TEST_CASE(m49_codes_and_names_in_several_languages) {
  Codes central{"BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"};
  for (const char* name : {"\"013\"", "\"Central America\"", "\"Centroamérica\"",
                           "\"central america\"", "\"Amérique centrale\""}) {
    Resolved r = resolve_text(std::string("period = \"2021-07\"\nregions = [") + name + "]");
    BOOST_TEST(r.errors == Lines{}, name);
    BOOST_TEST(r.sel.countries == central, name);
    BOOST_TEST(!r.sel.all_countries);
  }
  Resolved r =
      resolve_text("period = \"2021-07\"\nregions = [\"013\"]\ncountries = [\"GY\", \"Panamá\"]");
  BOOST_TEST(r.sel.countries.count("GY") == 1u);
  BOOST_TEST(r.sel.countries.size() == 9u);
  BOOST_TEST((r.sel.region_names == Lines{"Central America", "Guyana", "Panama"}));
  BOOST_TEST(r.sel.region_slug == "Central-America+Guyana+Panama");
}

BOOST_AUTO_TEST_CASE(region_names_follow_the_report_locale) {
  Resolved r = resolve_text("period = \"2021-07\"\nregions = [\"013\"]", "", "locale = \"es\"\n");
  BOOST_TEST((r.sel.region_names == Lines{"Centroamérica"}));
  BOOST_TEST(r.sel.region_slug == "Centroamérica");
}

BOOST_AUTO_TEST_CASE(spec_regions_nest) {
  Resolved r = resolve_text("period = \"2021-07\"\nregions = [\"IOM San José\"]",
                            "[regions]\n\"IOM San José\" = [\"Mesoamerica\", \"029\", \"GY\"]\n"
                            "Mesoamerica = [\"013\", \"Cuba\"]\n");
  BOOST_TEST(r.errors == Lines{});
  for (const char* c : {"MX", "PA", "GY", "CU", "JM", "HT"})
    BOOST_TEST(r.sel.countries.count(c) == 1u, c);
  BOOST_TEST(r.sel.countries.count("CO") == 0u);
  BOOST_TEST((r.sel.region_names == Lines{"IOM San José"}));
}

BOOST_AUTO_TEST_CASE(every_name_error_at_its_position) {
  Resolved r = resolve_text(
      "period = \"2021-13\"\nregions = [\"013\", \"Central Amrica\", \"A\"]\n"
      "countries = [\"Panamma\", \"Caribbean\"]\nlanguages = [\"english\"]",
      "[regions]\nA = [\"B\"]\nB = [\"013\", \"A\"]\n",
      "locale = \"esp\"\ntime_zone = \"America/Costa_Rca\"\n");
  for (auto& e : r.errors) BOOST_TEST_MESSAGE(e);
  BOOST_TEST(
      r.errors ==
          (Lines{
              "s.toml:2:10: error: unknown locale 'esp'; did you mean 'es'?",
              "s.toml:3:13: error: unknown time zone 'America/Costa_Rca'; did you mean "
              "'America/Costa_Rica'?",
              "s.toml:8:10: error: no month 13 in period '2021-13'",
              "s.toml:9:19: error: unknown region 'Central Amrica'; did you mean 'Central "
              "America'?",
              "s.toml:14:13: error: region 'A' contains itself ('A' -> 'B' -> 'A')",
              "s.toml:10:14: error: unknown country 'Panamma'; did you mean 'Panama'?",
              "s.toml:10:25: error: 'Caribbean' is a region, not a country; list it under "
              "'regions'",
              "s.toml:11:14: error: unknown language 'english'; did you mean 'en' (English)?",
          }),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
