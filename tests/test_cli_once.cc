// End to end: a bulletin naming several countries is printed once, in the
// first of its groups; the others list it with its page and a link there
// ([layout] repeat_multi_country = true prints it under each).
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
// The bundled example: the seed listing, Central America, July 2021.
const std::string kExample = std::string(GAZETTE_SOURCE_DIR) + "/reports/central-america.toml";
const std::string kTitle =
    "Central American Countries Trained their Cross-border and Local Networks on Border "
    "Management and Health";

Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_once)

BOOST_AUTO_TEST_CASE(the_seed_digest_prints_the_three_country_bulletin_once,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  Result r = gazette("build " + shell_quote(kExample) + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string pdf = dir / "out/Central-America-2021-07.pdf";
  Result text = run("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
  const std::string t = squash(text.out);
  BOOST_TEST(count(t, "Officials from institutions and organizations") == 1u);
  BOOST_TEST(t.find("El Salvador IOM Presented Standard Operating Procedures") !=
             std::string::npos);
  // Guatemala and Honduras: "See also", the title cut to leave room for
  // the page number, 3 (the contents is on the cover, "At a glance" on
  // page 2).
  const std::string xref =
      "See also Central American Countries Trained their Cross-border and "
      "Local Networks on Border\u2026 3";
  BOOST_TEST(t.find("Guatemala " + xref + " Honduras") != std::string::npos, t);
  BOOST_TEST(t.find("in favour of migrants " + xref + " Mexico") != std::string::npos, t);

  // The links: to page 3, at the top of the bulletin's title, which is on
  // page 3 (pdftotext -f 3 -l 3), named by the title (/Contents).
  Result links =
      run("/usr/bin/python3 -c 'import pikepdf, sys\n"
          "pdf = pikepdf.open(sys.argv[1])\n"
          "pages = [p.objgen for p in pdf.pages]\n"
          "for i, p in enumerate(pdf.pages):\n"
          "  for a in p.get(\"/Annots\", []):\n"
          "    if \"/Dest\" in a and str(a.get(\"/Contents\", \"\")).startswith(\"Central\"):\n"
          "      d = a.Dest\n"
          "      print(i + 1, pages.index(d[0].objgen) + 1, str(d[1]), float(d[2]), "
          "str(a.Contents))' " +
          shell_quote(pdf));
  BOOST_TEST_REQUIRE(links.code == 0, links.err);
  std::istringstream in(links.out);
  int from = 0, to = 0, n = 0;
  std::string fit, title;
  double top = 0;
  while (in >> from >> to >> fit >> top && std::getline(in, title)) {
    ++n;
    BOOST_TEST(from == 3);
    BOOST_TEST(to == 3);
    BOOST_TEST(fit == "/FitH");
    BOOST_TEST(title == " " + kTitle);
    // The title's first line: its top within a line of where the link goes.
    Result box = run("pdftotext -f 3 -l 3 -bbox " + shell_quote(pdf) +
                     " - | grep -m1 "
                     "'>Trained</word>'");
    const size_t y = box.out.find("yMin=\"");
    BOOST_TEST_REQUIRE(y != std::string::npos, box.out);
    const double y_min = std::stod(box.out.substr(y + 6));
    BOOST_TEST(top > 841.89 - y_min);
    BOOST_TEST(top < 841.89 - y_min + 6);
  }
  BOOST_TEST(n == 2, links.out);  // Guatemala's and Honduras's
}

BOOST_AUTO_TEST_CASE(repeat_multi_country_prints_it_under_each, *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string spec = read_file(kExample);
  spec.replace(spec.find("../examples/"), 12, std::string(GAZETTE_SOURCE_DIR) + "/examples/");
  spec.replace(spec.find("paper = \"A4\""), 12, "paper = \"A4\"\nrepeat_multi_country = true");
  write_file(dir / "s.toml", spec);
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  Result text =
      run("pdftotext -enc UTF-8 " + shell_quote(dir / "out/Central-America-2021-07.pdf") + " -");
  const std::string t = squash(text.out);
  BOOST_TEST(count(t, "Officials from institutions and organizations") == 3u);
  BOOST_TEST(t.find("See also") == std::string::npos);
  // Not a boolean: an error at the value.
  spec.replace(spec.find("repeat_multi_country = true"), 27, "repeat_multi_country = \"yes\"");
  write_file(dir / "s.toml", spec);
  r = gazette("check " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err).find(
                 ": error: 'repeat_multi_country' must be true or false, not a string") !=
                 std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_SUITE_END()
