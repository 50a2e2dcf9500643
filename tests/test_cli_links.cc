// End to end: where each bulletin comes from and a link to read it, for
// bulletin files, RSS and ReliefWeb; links drawn as links; long URLs broken
// only where a URL may break.
#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kData = std::string(GAZETTE_TEST_DATA) + "/sources";

Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

std::string source(const std::string& path) { return "[[sources]]\npath = \"" + path + "\"\n"; }

// Every link annotation of pdf as "uri|contents" lines ("" contents when it
// has none), with pikepdf (Debian's Python).
std::set<std::string> uri_annotations(const std::string& pdf) {
  Result r =
      run("/usr/bin/python3 -c 'import pikepdf, sys\n"
          "pdf = pikepdf.open(sys.argv[1])\n"
          "for p in pdf.pages:\n"
          "  for a in p.get(\"/Annots\", []):\n"
          "    if \"/A\" in a and \"/URI\" in a.A:\n"
          "      print(str(a.A.URI) + \"|\" + str(a.get(\"/Contents\", \"\")))' " +
          shell_quote(pdf));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::set<std::string> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) out.insert(line);
  return out;
}

std::string text_of(const std::string& pdf) {
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return r.out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_links)

BOOST_AUTO_TEST_CASE(publishers_and_read_more_links_of_files_feeds_and_reliefweb,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", "title = \"Mesoamérica\"\n" + source(kData + "/bulletins") +
                                 source(kData + "/reliefweb-2021-07.json") +
                                 source(kData + "/news.xml") +
                                 "[select]\nperiod = \"2021-07\"\nregions = [\"013\"]\n"
                                 "[output]\npath = \"d.pdf\"\n");
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string pdf = dir / "out/d.pdf";
  const std::string t = squash(text_of(pdf));
  // Each after its bulletin's text: a bulletin file's `source`, ReliefWeb's
  // source shortname, the feed's channel title.
  for (const char* s :
       {"Publicar la guía en https://example.org/es/guia-trata. Source: OIM Panamá · Read more",
        "en el sitio. Source: IOM · Read more",
        "Three border health posts were refurbished. Read more",
        "Funcionarios de tres países participaron. Segunda parte. Source: OIM Mesoamérica · Read "
        "more"}) {
    BOOST_TEST(t.find(s) != std::string::npos, "missing: " << s << "\nin: " << t);
  }
  // "Read more" opens the bulletin's URL (a file's `url`, ReliefWeb's `url`,
  // the item's <link>); the inline URL is a link too. Each annotation says
  // where it goes (/Contents, PDF/UA).
  const std::set<std::string> links = uri_annotations(pdf);
  for (const char* uri :
       {"https://example.org/es/panama-trata", "https://example.org/es/guia-trata",
        "https://reliefweb.int/report/costa-rica/oim-upala",
        "https://reliefweb.int/report/el-salvador/border-health-posts",
        "https://example.org/es/honduras-fronteras"}) {
    BOOST_TEST(links.count(std::string(uri) + "|" + uri) == 1u, "no link to " << uri);
  }
  // Drawn in the link colour and underlined.
  Result colour =
      run("/usr/bin/python3 -c 'import pikepdf, sys\n"
          "pdf = pikepdf.open(sys.argv[1])\n"
          "def streams(c): return list(c) if isinstance(c, pikepdf.Array) else [c]\n"
          "data = b\"\".join(s.read_bytes() for p in pdf.pages for s in streams(p.Contents))\n"
          "print(data.count(b\"0.024 0.271 0.678 rg\"), data.count(b\" re\\n\"))' " +
          shell_quote(pdf));
  BOOST_TEST_REQUIRE(colour.code == 0, colour.err);
  int coloured = 0, rules = 0;
  std::istringstream(colour.out) >> coloured >> rules;
  BOOST_TEST(coloured >= 2);  // the text, then the underlines, on each page with links
  BOOST_TEST(rules >= int(links.size()));
}

BOOST_AUTO_TEST_CASE(the_source_line_is_in_the_report_language, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", "title = \"Panamá\"\nlocale = \"es\"\n" +
                                 source(kData + "/bulletins") +
                                 "[select]\nperiod = \"2021-07\"\ncountries = [\"PA\"]\n"
                                 "[output]\npath = \"d.pdf\"\n");
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string t = squash(text_of(dir / "out/d.pdf"));
  BOOST_TEST(t.find("Fuente: OIM Panamá · Leer más") != std::string::npos, t);
}

// pdftotext gives each drawn line as a line: the URL's lines must end
// after "/", "?" or "&", or before "."; the link covers each of them.
BOOST_AUTO_TEST_CASE(a_long_url_breaks_only_where_urls_may, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string url =
      "https://www.example-agency.org/news/2021/07/border-management/"
      "training-for-local-migration-networks-in-the-north/report?lang=es&country=hn&page=2&"
      "format=full.html";
  write_file(dir / "l.txt",
             "9 July, 2021\n\nHonduras: networks trained\n\nRead "
             "the whole report at " +
                 url + " before August.\n");
  write_file(dir / "s.toml", "title = \"Honduras\"\n" + source(dir / "l.txt") +
                                 "lang = \"en\"\n[select]\nperiod = \"2021-07\"\n"
                                 "[output]\npath = \"d.pdf\"\n");
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::istringstream in(text_of(dir / "out/d.pdf"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  size_t first = 0;
  while (first < lines.size() && lines[first].find("https://") == std::string::npos) ++first;
  BOOST_TEST_REQUIRE(first < lines.size());
  std::string joined = lines[first].substr(lines[first].find("https://"));
  BOOST_TEST(joined.size() > 8u, "a line ends after the scheme: " << lines[first]);
  size_t n = 1;
  for (size_t i = first + 1; joined.size() < url.size() && i < lines.size(); ++i, ++n) {
    const char before = joined.back();
    const std::string& next = lines[i];
    BOOST_TEST((before == '/' || before == '?' || before == '&' || next.starts_with(".")),
               "a break between '" << joined << "' and '" << next << "'");
    joined += next.substr(0, next.find(' '));
  }
  BOOST_TEST(joined == url);
  BOOST_TEST(n >= 3u);  // the URL is longer than two lines
  // Its link annotations (one per line) all open the whole URL.
  const std::set<std::string> links = uri_annotations(dir / "out/d.pdf");
  BOOST_TEST(links.size() == 1u);
  BOOST_TEST(*links.begin() == url + "|" + url);
}

BOOST_AUTO_TEST_SUITE_END()
