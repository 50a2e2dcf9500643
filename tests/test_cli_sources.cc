// End to end: a spec mixing the seed listing, a folder of bulletin files, a
// ReliefWeb export and an RSS feed, through the real binary.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kSeed = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";
const std::string kData = std::string(GAZETTE_TEST_DATA) + "/sources";

// Locale and time zone from CTest, as in test_cli.cc: two runs, same output.
Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

std::string source(const std::string& path, const std::string& extra = "") {
  return "[[sources]]\npath = \"" + path + "\"\n" + extra;
}

// The four kinds of source the issue names, in this order; no format given.
std::string mixed(const std::string& select) {
  return "title = \"Mesoamérica\"\n" + source(kSeed, "lang = \"en\"\n") +
         source(kData + "/bulletins") + source(kData + "/reliefweb-2021-07.json") +
         source(kData + "/news.xml") + "[select]\n" + select + "\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_sources)

BOOST_AUTO_TEST_CASE(mixed_sources_give_the_months_bulletins_of_a_region_once_each) {
  TempDir dir;
  write_file(dir / "s.toml", mixed("period = \"2021-07\"\nregions = [\"013\"]"));
  Result r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == "");
  // Left out: Haiti, Cuba and Guyana (other regions), June and August
  // items, a feed item dated 1 August in its own offset (31 July in UTC).
  // Once each: the Honduras bulletin file repeats the listing (same day and
  // title), the feed's El Salvador item repeats the ReliefWeb report (same
  // URL); the first source in spec order is kept. Countries: given by the
  // bulletin file and ReliefWeb; tagged from the title for the Guatemala
  // file and the feed items, which give none.
  const std::string b = kData + "/bulletins/2021/07/";
  const std::string json = kData + "/reliefweb-2021-07.json:";
  const std::string rss = kData + "/news.xml:";
  BOOST_TEST(r.out ==
             "2021-07-09\tMX\ten\tForum on Migration Policy Outlines the Challenges and Needs of "
             "Southern Mexico for 2020-2024\t" +
                 kSeed +
                 ":61\n"
                 "2021-07-12\tGT\tfr\tLe Guatemala forme ses réseaux locaux de migration\t" +
                 b +
                 "gt-reseaux.md:1\n"
                 "2021-07-15\tCR\ten\tCosta Rica: IOM and the Municipality of Mora Inaugurate "
                 "Municipal Center for Migrants\t" +
                 kSeed +
                 ":46\n"
                 "2021-07-16\tPA\ten\tInformation sessions on the protection of migrants with a "
                 "human rights focus are held in Panama\t" +
                 kSeed +
                 ":38\n"
                 "2021-07-20\tPA\tes\tPanamá refuerza la lucha contra la trata de personas\t" +
                 b +
                 "pa-trata.md:1\n"
                 "2021-07-21\tCR\tes\tCosta Rica: la OIM apoya a personas migrantes en Upala\t" +
                 json +
                 "5\n"
                 "2021-07-23\tGT,HN,SV\ten\tCentral American Countries Trained their Cross-border "
                 "and Local Networks on Border Management and Health\t" +
                 kSeed +
                 ":32\n"
                 "2021-07-23\tHN\tes\tHonduras: capacitación sobre gestión de fronteras\t" +
                 rss +
                 "8\n"
                 "2021-07-26\tSV\ten\tIOM Presented Standard Operating Procedures for the Care and "
                 "Assistance of Mixed Migratory Flows at Land Borders in El Salvador\t" +
                 kSeed +
                 ":26\n"
                 "2021-07-27\tSV\ten\tEl Salvador strengthens health posts at its borders\t" +
                 json +
                 "31\n"
                 "2021-07-29\tPA\ten\tIOM Strengthens Migrant Reception Station Management "
                 "Capacities in Panama\t" +
                 kSeed +
                 ":20\n"
                 "2021-07-30\tHN\ten\tIOM Builds Synergies within Local Migration Networks in "
                 "Honduras\t" +
                 kSeed +
                 ":14\n"
                 "2021-07-31\tNI\tfr\tLe Nicaragua accueille un atelier régional\t" +
                 rss + "15\n");
}

BOOST_AUTO_TEST_CASE(countries_and_languages_select_across_formats) {
  TempDir dir;
  write_file(dir / "s.toml", mixed("period = \"2021-07\"\ncountries = [\"HT\"]"));
  Result r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out ==
             "2021-07-22\tHT\tfr\tHaïti : des cliniques mobiles pour les personnes "
             "déplacées\t" +
                 kData +
                 "/bulletins/2021/07/ht-sante.md:1\n"
                 "2021-07-25\tHT\tfr\tHaïti : l'OIM soutient les familles déplacées\t" +
                 kData + "/reliefweb-2021-07.json:20\n");
  write_file(dir / "s.toml", mixed("period = \"2021-07-01..2021-08-31\"\nregions = [\"013\"]\n"
                                   "languages = [\"es\"]"));
  r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out ==
             "2021-07-20\tPA\tes\tPanamá refuerza la lucha contra la trata de personas\t" + kData +
                 "/bulletins/2021/07/pa-trata.md:1\n"
                 "2021-07-21\tCR\tes\tCosta Rica: la OIM apoya a personas migrantes en Upala\t" +
                 kData +
                 "/reliefweb-2021-07.json:5\n"
                 "2021-07-23\tHN\tes\tHonduras: capacitación sobre gestión de fronteras\t" +
                 kData +
                 "/news.xml:8\n"
                 "2021-08-01\tPA\tes\tPanamá inaugura una estación de recepción\t" +
                 kData +
                 "/news.xml:28\n"
                 "2021-08-03\tCR\tes\tCosta Rica abre un nuevo centro de atención a migrantes\t" +
                 kData + "/bulletins/2021/08/cr-agosto.md:1\n");
}

BOOST_AUTO_TEST_CASE(atom_feeds_and_globs_too) {
  TempDir dir;
  write_file(dir / "s.toml", "title = \"T\"\n" + source(kData + "/atom.xml") +
                                 source(kData + "/bulletins/**/0[7]/p*.md") +
                                 "[select]\nperiod = \"2021-07\"\n");
  Result r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out ==
             "2021-07-19\tCR\tfr\tLe Costa Rica ouvre un centre d'accueil\t" + kData +
                 "/atom.xml:6\n"
                 "2021-07-20\tPA\tes\tPanamá refuerza la lucha contra la trata de personas\t" +
                 kData +
                 "/bulletins/2021/07/pa-trata.md:1\n"
                 "2021-07-28\tBZ\tes\tBelice: nuevas rutas de protección\t" +
                 kData + "/atom.xml:15\n");
}

BOOST_AUTO_TEST_CASE(the_pdf_holds_the_spanish_and_french_bulletins,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml",
             mixed("period = \"2021-07\"\nregions = [\"013\"]") + "[output]\npath = \"d.pdf\"\n");
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(run("qpdf --check " + shell_quote(dir / "out/d.pdf")).code == 0);
  Result text = run("pdftotext -enc UTF-8 " + shell_quote(dir / "out/d.pdf") + " -");
  std::string t = squash(text.out);
  BOOST_TEST(t.find("13 bulletins") != std::string::npos);
  for (const char* s :
       {"Le Guatemala forme ses réseaux locaux de migration", "Panamá refuerza la lucha",
        "La OIM entregó kits de higiene en Upala.", "Funcionarios de tres países participaron.",
        "Un atelier s\u2019est tenu à Managua."}) {
    BOOST_TEST(t.find(s) != std::string::npos, "missing: " << s);
  }
  BOOST_TEST(t.find("track()") == std::string::npos);  // the script in body-html
}

BOOST_AUTO_TEST_CASE(an_unknown_format_is_reported_at_its_position) {
  TempDir dir;
  write_file(dir / "s.toml", "title = \"T\"\n" + source(kData + "/news.xml", "format = \"rs\"\n") +
                                 "[select]\nperiod = \"2021-07\"\n");
  Result r = gazette("check " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err == dir / "s.toml" +
                          ":4:10: error: unknown format 'rs'; did you mean 'rss'?\n"
                          "  format = \"rs\"\n"
                          "           ^\n");
}

BOOST_AUTO_TEST_CASE(each_format_reports_bad_content_at_its_file_line_and_column,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "b/ok.md", "+++\ndate = 2021-07-20\ntitle = \"Ok\"\n+++\nBody.\n");
  write_file(dir / "b/bad.md", "+++\ndate = 2021-07-20\ntitle = Bad\n+++\nBody.\n");
  write_file(dir / "r.json", "{\"data\": [\n  {\"fields\": {\"title\": 1}}\n]}\n");
  write_file(dir / "f.rss", "<rss><channel>\n<item><title>x</item>\n</channel></rss>\n");
  write_file(dir / "l", "2 July, 2021\n\nNews from Panama\n");
  auto check = [&](const std::string& src) {
    write_file(dir / "s.toml", "title = \"T\"\n" + src + "[select]\nperiod = \"2021-07\"\n");
    return gazette("list " + shell_quote(dir / "s.toml"));
  };
  Result r = check(source("b", "lang = \"en\"\n"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err == dir / "b/bad.md" +
                          ":3:9: error: front matter is not TOML: Error while parsing value: "
                          "could not determine value type\n"
                          "  title = Bad\n"
                          "          ^\n");
  r = check(source("r.json", "lang = \"en\"\n"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "r.json" +
                                      ":2:24: error: data[0].fields.title: expected a string, "
                                      "found a number");
  r = check(source("f.rss", "lang = \"en\"\n"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "f.rss" +
                                      ":2:22: error: not well-formed XML: Opening and ending tag "
                                      "mismatch: title line 2 and item");
  // A file that turns out to be a listing needs the language of its dates.
  r = check(source("l"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":2:1: error: missing required key 'lang' in [[sources]]; "
                                      "'l' is a listing, whose dates are read in that language");
  r = check(source("none/**/*.md"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" + ":3:8: error: no file matches 'none/**/*.md'");
  r = check(source("missing.xml"));
  BOOST_TEST(r.code == 1);
  // A missing file, at its [[sources]] path.
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":3:8: error: source 'missing.xml' not found (no "
                                      "file " +
                                      dir / "missing.xml" + ")");
}

BOOST_AUTO_TEST_CASE(skip_warns_for_each_bad_bulletin_and_goes_on) {
  TempDir dir;
  write_file(dir / "b/a.md", "+++\ndate = 2021-07-20\ntitle = \"News from Panama\"\n+++\n");
  write_file(dir / "b/b.md", "+++\ntitle = \"No date\"\n+++\n");
  write_file(dir / "b/c.md", "no front matter\n");
  write_file(dir / "s.toml", "title = \"T\"\n" +
                                 source("b", "lang = \"en\"\non_bad_bulletin = \"skip\"\n") +
                                 "[select]\nperiod = \"2021-07\"\n");
  Result r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "2021-07-20\tPA\ten\tNews from Panama\t" + dir / "b/a.md" + ":1\n");
  BOOST_TEST(r.err == dir / "b/b.md" +
                          ":1:1: warning: missing required key 'date' in front matter; bulletin "
                          "skipped\n"
                          "  +++\n"
                          "  ^\n" +
                          dir / "b/c.md" +
                          ":1:1: warning: expected front matter: a '+++' line, TOML, and another "
                          "'+++' line; bulletin skipped\n"
                          "  no front matter\n"
                          "  ^\n");
  // Without skip the first bad bulletin stops the run.
  write_file(dir / "s.toml", "title = \"T\"\n" + source("b", "lang = \"en\"\n") +
                                 "[select]\nperiod = \"2021-07\"\n");
  r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.out == "");
  BOOST_TEST(first_line(r.err) ==
             dir / "b/b.md" + ":1:1: error: missing required key 'date' in front matter");
}

// Sources are read in parallel (--jobs), but what is printed and how the run
// ends is what reading them one by one in spec order gives: the warnings of
// the sources before a failing one, then its error, and nothing of those
// after it.
BOOST_AUTO_TEST_CASE(sources_read_in_parallel_report_as_read_one_by_one,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "b/a.md", "+++\ndate = 2021-07-20\ntitle = \"News from Panama\"\n+++\n");
  write_file(dir / "b/b.md", "+++\ntitle = \"No date\"\n+++\n");
  write_file(dir / "f.rss", "<rss><channel>\n<item><title>x</item>\n</channel></rss>\n");
  const std::string skipping = source("b", "lang = \"en\"\non_bad_bulletin = \"skip\"\n");
  const std::string broken = source("f.rss", "lang = \"en\"\n");
  const std::string seed = source(kSeed, "lang = \"en\"\n");
  const std::string warning = dir / "b/b.md" +
                              ":1:1: warning: missing required key 'date' in front matter; "
                              "bulletin skipped\n"
                              "  +++\n"
                              "  ^\n";
  const std::string error = dir / "f.rss" +
                            ":2:22: error: not well-formed XML: Opening and ending tag mismatch: "
                            "title line 2 and item\n";
  auto list = [&](const std::string& sources, int jobs) {
    write_file(dir / "s.toml", "title = \"T\"\n" + sources + "[select]\nperiod = \"2021-07\"\n");
    return gazette("list --jobs " + std::to_string(jobs) + " " + shell_quote(dir / "s.toml"));
  };
  const std::string listed = list(skipping + seed, 1).out;
  BOOST_TEST(listed.find("\tNews from Panama\t") != std::string::npos);
  for (int jobs : {1, 2, 3}) {
    Result r = list(skipping + broken + seed, jobs);
    BOOST_TEST(r.code == 2, jobs);
    BOOST_TEST(r.out == "", jobs);
    BOOST_TEST(r.err.substr(0, warning.size() + error.size()) == warning + error, jobs);
    r = list(broken + skipping + seed, jobs);
    BOOST_TEST(r.code == 2, jobs);
    BOOST_TEST(first_line(r.err) + "\n" == error, jobs);
    BOOST_TEST(r.err.find("warning") == std::string::npos, jobs);
    r = list(skipping + seed, jobs);
    BOOST_TEST(r.code == 0, jobs);
    BOOST_TEST(r.err == warning, jobs);
    BOOST_TEST(r.out == listed, jobs);
  }
}

// A bulletin file's *emphasis*, **strong** and bare URL (pa-trata.md): the
// text is still all there, the bold and italic faces are embedded, and the
// URL is a link annotation over the URL as drawn.
BOOST_AUTO_TEST_CASE(marks_become_bold_italic_and_a_uri_link, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", "title = \"Panamá\"\n" + source(kData + "/bulletins") +
                                 "[select]\nperiod = \"2021-07\"\ncountries = [\"PA\"]\n"
                                 "[output]\npath = \"d.pdf\"\n");
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string pdf = shell_quote(dir / "out/d.pdf");
  BOOST_TEST(run("qpdf --check " + pdf).code == 0);

  Result fonts = run("pdffonts " + pdf);
  BOOST_TEST(fonts.out.find("+NotoSans-Bold") != std::string::npos, fonts.out);
  BOOST_TEST(fonts.out.find("+NotoSans-Italic") != std::string::npos, fonts.out);

  Result text = run("pdftotext -enc UTF-8 " + pdf + " -");
  const std::string t = squash(text.out);
  for (const char* s :
       {"presentaron un protocolo nacional para la identificación", "de trata de personas.",
        "Publicar la guía en https://example.org/es/guia-trata."}) {
    BOOST_TEST(t.find(s) != std::string::npos, "missing: " << s);
  }

  // Every URI action as "uri left bottom right top" (qpdf decodes the
  // string, which libharu writes with escaped slashes).
  Result links = run("qpdf --json " + pdf +
                     " | python3 -c 'import json, sys\n"
                     "for o in json.load(sys.stdin)[\"qpdf\"][1].values():\n"
                     "  v = o.get(\"value\")\n"
                     "  if isinstance(v, dict) and \"/URI\" in v.get(\"/A\", {}):\n"
                     "    print(v[\"/A\"][\"/URI\"][2:], *v[\"/Rect\"])'");
  BOOST_TEST_REQUIRE(links.code == 0, links.err);
  // The inline URL's, then "Read more" (test_cli_links.cc).
  std::istringstream in(links.out);
  std::string uri;
  double left = 0, bottom = 0, right = 0, top = 0;
  BOOST_TEST_REQUIRE(static_cast<bool>(in >> uri >> left >> bottom >> right >> top), links.out);
  BOOST_TEST(uri == "https://example.org/es/guia-trata");
  std::string more;
  double ignored = 0;
  BOOST_TEST_REQUIRE(static_cast<bool>(in >> more >> ignored >> ignored >> ignored >> ignored));
  BOOST_TEST(more == "https://example.org/es/panama-trata");
  BOOST_TEST(!(in >> uri), "two links only: " << links.out);

  // The word as pdftotext finds it (y from the top; with the final period,
  // which the link leaves out).
  Result boxes = run("pdftotext -bbox " + pdf + " -");
  std::smatch m;
  BOOST_TEST_REQUIRE(std::regex_search(boxes.out, m,
                                       std::regex("<page width=\"[0-9.]+\" height=\"([0-9.]+)\">"
                                                  "(?:(?!<page)[\\s\\S])*"
                                                  "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                                  "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">"
                                                  "https://example.org/es/guia-trata.</word>")));
  const double height = std::stod(m[1]);
  namespace tt = boost::test_tools;
  BOOST_TEST(left == std::stod(m[2]), tt::tolerance(0.01));
  BOOST_TEST(right < std::stod(m[4]));
  BOOST_TEST(right > std::stod(m[4]) - 5);  // all but the period
  BOOST_TEST(top == height - std::stod(m[3]), tt::tolerance(0.01));
  BOOST_TEST(bottom == height - std::stod(m[5]), tt::tolerance(0.01));
}

BOOST_AUTO_TEST_SUITE_END()
