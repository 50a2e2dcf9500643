// spec: [[sources]] countries_from and the [aliases] table.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "spec/spec.h"

using namespace gz;

namespace {

// text after a first line with the title every spec needs.
std::vector<std::string> errors_in(std::string_view text, Spec* out = nullptr) {
  Diagnostics diags;
  Spec s = parse_spec("title = \"T\"\n" + std::string(text), "t.toml", diags);
  if (out) *out = std::move(s);
  std::vector<std::string> lines;
  for (const auto& d : diags.items()) lines.push_back(format_diagnostic(d));
  return lines;
}

using Lines = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_countries)

BOOST_AUTO_TEST_CASE(countries_from_takes_three_values) {
  auto with = [](std::string_view value, Spec* s = nullptr) {
    return errors_in("[[sources]]\npath = \"a.txt\"\nlang = \"en\"\ncountries_from = \"" +
                         std::string(value) + "\"\n[select]\nperiod = \"2021-07\"\n",
                     s);
  };
  Spec s;
  BOOST_TEST(with("title", &s).empty());
  BOOST_TEST((s.sources.at(0).countries_from == CountriesFrom::Title));
  BOOST_TEST(with("none", &s).empty());
  BOOST_TEST((s.sources.at(0).countries_from == CountriesFrom::None));
  BOOST_TEST(with("title-then-body", &s).empty());
  BOOST_TEST((s.sources.at(0).countries_from == CountriesFrom::TitleThenBody));
  BOOST_TEST(errors_in("[[sources]]\npath = \"a.txt\"\nlang = \"en\"\n[select]\nperiod = "
                       "\"2021-07\"\n",
                       &s)
                 .empty());
  BOOST_TEST((s.sources.at(0).countries_from == CountriesFrom::TitleThenBody));
  BOOST_TEST(with("titel") == (Lines{"t.toml:5:18: error: unknown countries_from 'titel'; did "
                                     "you mean 'title'?"}),
             boost::test_tools::per_element());
  BOOST_TEST(with("body") == (Lines{"t.toml:5:18: error: unknown countries_from 'body'; "
                                    "expected 'title-then-body', 'title' or 'none'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(aliases_name_countries_by_code) {
  Spec s;
  BOOST_TEST(errors_in("[[sources]]\npath = \"a.txt\"\nlang = \"es\"\n[select]\nperiod = "
                       "\"2021-07\"\n[aliases]\n\"Bocas\" = \"pa\"\n"
                       "\"Triángulo Norte\" = [\"GT\", \"HN\", \"SV\"]\n",
                       &s)
                 .empty());
  BOOST_TEST_REQUIRE(s.aliases.size() == 2u);
  BOOST_TEST(s.aliases[0].first.text == "Bocas");
  BOOST_TEST(s.aliases[0].second.at(0).text == "PA");
  BOOST_TEST(s.aliases[1].second.size() == 3u);
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  BOOST_TEST((s.sources.at(0).aliases == Pairs{{"Bocas", "PA"},
                                               {"Triángulo Norte", "GT"},
                                               {"Triángulo Norte", "HN"},
                                               {"Triángulo Norte", "SV"}}));
}

BOOST_AUTO_TEST_CASE(bad_aliases_are_reported_at_the_value) {
  const std::string head =
      "[[sources]]\npath = \"a.txt\"\nlang = \"en\"\n[select]\nperiod = \"2021-07\"\n[aliases]\n";
  BOOST_TEST(errors_in(head + "\"Bocas\" = \"Panama\"\n") ==
                 (Lines{"t.toml:8:11: error: alias 'Bocas': 'Panama' is not an ISO 3166 alpha-2 "
                        "country code; write a code such as \"PA\""}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_in(head + "\"Bocas\" = 507\n") ==
                 (Lines{"t.toml:8:11: error: alias 'Bocas' must be a country code or an array of "
                        "them, not an integer"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_in(head + "\"Bocas\" = []\n") ==
                 (Lines{"t.toml:8:11: error: alias 'Bocas' names no country"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_in(head + "\"\" = \"PA\"\n") ==
                 (Lines{"t.toml:8:1: error: an alias must not be empty"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
