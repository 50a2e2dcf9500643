// End to end: nothing is lost silently. A bulletin naming no country goes
// under "Other" or, when a region filter leaves it out, is warned about at
// its position; duplicates merged away are counted by source (--verbose).
#include <boost/test/unit_test.hpp>

#include <regex>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;

Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

const char* kListing =
    "9 July, 2021\n"
    "\n"
    "Honduras: local networks trained\n"
    "\n"
    "Officials met in Tegucigalpa.\n"
    "\n"
    "10 July, 2021\n"
    "\n"
    "Regional workshop on migration data\n"
    "\n"
    "Participants met online.\n";

std::string spec(const std::string& listing, const std::string& select,
                 const std::string& extra = "") {
  return "title = \"Digest\"\n[[sources]]\npath = \"" + listing + "\"\nlang = \"en\"\n" + extra +
         "[select]\nperiod = \"2021-07\"\n" + select + "[output]\npath = \"d.pdf\"\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_lost)

BOOST_AUTO_TEST_CASE(a_region_filter_warns_at_each_bulletin_without_country,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "l.txt", kListing);
  write_file(dir / "s.toml", spec(dir / "l.txt", "regions = [\"013\"]\n"));
  const std::string warning =
      dir / "l.txt" +
      ":7:1: warning: no country found in bulletin 'Regional workshop on migration data': left "
      "out of the digests that select by region or country; name its countries in the source (a "
      "bulletin file's `countries`) or in its title\n";
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(first_line(r.err) + "\n" == warning);
  // list says the same (once), and --quiet silences it.
  r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(first_line(r.err) + "\n" == warning);
  BOOST_TEST(r.err.find("warning", r.err.find("warning") + 1) == std::string::npos, r.err);
  BOOST_TEST(r.out.find("Regional workshop") == std::string::npos);
  r = gazette("list -q " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.err == "");
}

BOOST_AUTO_TEST_CASE(without_a_region_filter_it_is_under_other_last,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "l.txt", kListing);
  write_file(dir / "s.toml", spec(dir / "l.txt", ""));
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  Result text = run("pdftotext -enc UTF-8 " + shell_quote(dir / "out/d.pdf") + " -");
  const std::string t = squash(text.out);
  // In the contents, then as the last group with its bulletin.
  BOOST_TEST(std::regex_search(t, std::regex("Contents Honduras \\.+ 3 Other \\.+ 3")), t);
  BOOST_TEST(t.find("Other Regional workshop on migration data July 10, 2021 Participants met "
                    "online.") != std::string::npos,
             t);
  BOOST_TEST(t.rfind("Other") > t.find("Officials met in Tegucigalpa."));
}

BOOST_AUTO_TEST_CASE(other_is_in_the_report_language, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "l.txt", kListing);
  write_file(dir / "s.toml", "locale = \"fr\"\n" + spec(dir / "l.txt", ""));
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  Result text = run("pdftotext -enc UTF-8 " + shell_quote(dir / "out/d.pdf") + " -");
  BOOST_TEST(squash(text.out).find("Autres Regional workshop") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(verbose_counts_the_duplicates_merged_by_source,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "l.txt", kListing);
  // The same two bulletins again (same days and titles), and one more.
  write_file(dir / "m.txt",
             std::string(kListing) + "\n11 July, 2021\n\nHonduras: a new centre\n\nIt opened.\n");
  write_file(dir / "s.toml",
             spec(dir / "l.txt", "", "[[sources]]\npath = \"m.txt\"\nlang = \"en\"\n"));
  Result r = gazette("build -v " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(first_line(r.err) ==
             dir / "s.toml" + ": note: 2 duplicate bulletins merged: 2 from " + dir / "m.txt");
  BOOST_TEST(r.err.find("(3 bulletins,") != std::string::npos, r.err);
  // Silent without --verbose.
  r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST(r.err == "");
}

BOOST_AUTO_TEST_SUITE_END()
