// End to end: where a source's countries come from (countries_from) and a
// spec's own names for countries ([aliases]), through the real binary.
#include <boost/test/unit_test.hpp>

#include "support.h"

using namespace gz::test;

namespace {

Result gazette_run(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + std::string(GAZETTE_BINARY) + " " + args);
}

const char* const kListing =
    "2021-07-20\n\nVisit to Bocas\n\nThe team met officials in Panama and Costa Rica.\n\n"
    "2021-07-21\n\nTraining in Honduras\n\nOfficials from Guatemala took part.\n\n";

std::string spec(const std::string& source_extra, const std::string& rest = "") {
  return "title = \"T\"\n[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n" + source_extra +
         "[select]\nperiod = \"2021-07\"\n" + rest;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_countries)

BOOST_AUTO_TEST_CASE(countries_from_title_then_body_title_or_none) {
  TempDir dir;
  write_file(dir / "l.txt", kListing);
  const std::string l = (dir / "l.txt");
  write_file(dir / "s.toml", spec(""));
  Result r = gazette_run("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "2021-07-20\tCR,PA\ten\tVisit to Bocas\t" + l + ":1\n" +
                          "2021-07-21\tHN\ten\tTraining in Honduras\t" + l + ":7\n");
  write_file(dir / "s.toml", spec("countries_from = \"title\"\n"));
  r = gazette_run("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "2021-07-20\t\ten\tVisit to Bocas\t" + l + ":1\n" +
                          "2021-07-21\tHN\ten\tTraining in Honduras\t" + l + ":7\n");
  write_file(dir / "s.toml", spec("countries_from = \"none\"\n"));
  r = gazette_run("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "2021-07-20\t\ten\tVisit to Bocas\t" + l + ":1\n" +
                          "2021-07-21\t\ten\tTraining in Honduras\t" + l + ":7\n");
}

BOOST_AUTO_TEST_CASE(aliases_tag_an_offices_own_names) {
  TempDir dir;
  write_file(dir / "l.txt", kListing);
  const std::string l = (dir / "l.txt");
  write_file(dir / "s.toml", spec("", "countries = [\"PA\"]\n[aliases]\n\"Bocas\" = \"PA\"\n"));
  Result r = gazette_run("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "2021-07-20\tPA\ten\tVisit to Bocas\t" + l + ":1\n");
  write_file(dir / "s.toml", spec("", "[aliases]\n\"Bocas\" = \"QQ\"\n"));
  r = gazette_run("check " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.substr(0, r.err.find('\n')) ==
             (dir / "s.toml") + ":8:11: error: alias 'Bocas': unknown country code 'QQ'");
}

BOOST_AUTO_TEST_SUITE_END()
