// [[sources]] format and on_bad_bulletin; the ISO codes sources use.
#include <boost/test/unit_test.hpp>

#include "geo/geo.h"
#include "spec/spec.h"

using namespace gz;

namespace {

std::vector<std::string> errors_of(const std::string& sources) {
  Diagnostics diags;
  parse_spec("title = \"T\"\n" + sources + "[select]\nperiod = \"2021-07\"\n", "t.toml", diags);
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(format_diagnostic(d));
  return out;
}

Spec spec_of(const std::string& sources) {
  Diagnostics diags;
  Spec s =
      parse_spec("title = \"T\"\n" + sources + "[select]\nperiod = \"2021-07\"\n", "t.toml", diags);
  BOOST_TEST(!diags.has_errors());
  return s;
}

using Lines = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(source_spec)

BOOST_AUTO_TEST_CASE(reads_format_and_on_bad_bulletin) {
  Spec s = spec_of(
      "[[sources]]\npath = \"feed\"\nformat = \"rss\"\non_bad_bulletin = \"skip\"\n"
      "[[sources]]\npath = \"b/**/*.md\"\n"
      "[[sources]]\npath = \"l.txt\"\nlang = \"en\"\non_bad_bulletin = \"fail\"\n");
  BOOST_REQUIRE(s.sources.size() == 3u);
  BOOST_TEST((s.sources[0].format == SourceFormat::Rss));
  BOOST_TEST((s.sources[0].on_bad_bulletin == OnBadBulletin::Skip));
  BOOST_TEST(s.sources[0].lang == "");
  BOOST_TEST((s.sources[1].format == SourceFormat::Auto));
  BOOST_TEST((s.sources[1].on_bad_bulletin == OnBadBulletin::Fail));
  BOOST_TEST(s.sources[2].lang == "en");
}

BOOST_AUTO_TEST_CASE(unknown_format_and_on_bad_bulletin_say_what_was_meant) {
  BOOST_TEST(errors_of("[[sources]]\npath = \"a.xml\"\nformat = \"rsss\"\n") ==
                 (Lines{"t.toml:4:10: error: unknown format 'rsss'; did you mean 'rss'?"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of("[[sources]]\npath = \"a.xml\"\nformat = \"html\"\n") ==
                 (Lines{"t.toml:4:10: error: unknown format 'html'; expected 'listing', "
                        "'bulletin', 'reliefweb', 'rss', 'atom' or 'index'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of("[[sources]]\npath = \"a.md\"\non_bad_bulletin = \"skipp\"\n") ==
                 (Lines{"t.toml:4:19: error: unknown on_bad_bulletin 'skipp'; did you mean "
                        "'skip'?"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of("[[sources]]\npath = \"a.md\"\nformt = \"rss\"\n") ==
                 (Lines{"t.toml:4:1: error: unknown key 'formt' in [[sources]]; did you mean "
                        "'format'?"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(lang_is_required_only_for_listings) {
  // Formats that carry a language, by name or as written.
  BOOST_TEST(errors_of("[[sources]]\npath = \"b\"\nformat = \"bulletin\"\n[[sources]]\n"
                       "path = \"r.json\"\n[[sources]]\npath = \"b/*.md\"\n[[sources]]\n"
                       "path = \"feed\"\n")
                 .empty());
  BOOST_TEST(errors_of("[[sources]]\npath = \"l.txt\"\n[[sources]]\npath = \"l\"\n"
                       "format = \"listing\"\n") ==
                 (Lines{"t.toml:2:1: error: missing required key 'lang' in [[sources]]",
                        "t.toml:4:1: error: missing required key 'lang' in [[sources]]"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(format_by_name_tells_what_the_path_alone_does) {
  BOOST_TEST((format_by_name("b/**/*.md") == SourceFormat::Bulletin));
  BOOST_TEST((format_by_name("b/x.md") == SourceFormat::Bulletin));
  BOOST_TEST((format_by_name("r.JSON") == SourceFormat::ReliefWeb));
  BOOST_TEST((format_by_name("l.txt") == SourceFormat::Listing));
  BOOST_TEST((format_by_name("feed.xml") == SourceFormat::Auto));
  BOOST_TEST((format_by_name("bulletins") == SourceFormat::Auto));
  BOOST_TEST((format_by_name(".md") == SourceFormat::Auto));  // a hidden file, not a .md
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iso_codes)

BOOST_AUTO_TEST_CASE(alpha3_maps_to_alpha2_through_icu) {
  BOOST_TEST(geo::alpha2_of_alpha3("PAN").value_or("-") == "PA");
  BOOST_TEST(geo::alpha2_of_alpha3("cri").value_or("-") == "CR");
  BOOST_TEST(geo::alpha2_of_alpha3("HTI").value_or("-") == "HT");
  BOOST_TEST(geo::alpha2_of_alpha3("SLV").value_or("-") == "SV");
  BOOST_TEST(geo::alpha2_of_alpha3("GBR").value_or("-") == "GB");
  BOOST_TEST(!geo::alpha2_of_alpha3("XYZ"));
  BOOST_TEST(!geo::alpha2_of_alpha3("PA"));
  BOOST_TEST(!geo::alpha2_of_alpha3("WLD"));
  BOOST_TEST(geo::is_country_code("PA"));
  BOOST_TEST(!geo::is_country_code("pa"));
  BOOST_TEST(!geo::is_country_code("XX"));
  BOOST_TEST(!geo::is_country_code("013"));
}

BOOST_AUTO_TEST_SUITE_END()
