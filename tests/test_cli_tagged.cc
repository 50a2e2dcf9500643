// End to end: tagged PDFs (PDF/UA-1, PDF/A-2a; README "PDF standards").
// The structure tree as poppler reads it (pdfinfo -struct-text), the rules
// tests/check_tagged_pdf.py checks (with qpdf's library, through pikepdf),
// and pdf_standards = [] for a plain PDF.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kData = std::string(GAZETTE_TEST_DATA) + "/multilingual";

Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

// A spec of the listings (path, lang) in locale, for August 2021.
std::string spec(const std::string& title, const std::string& locale,
                 const std::vector<std::pair<std::string, std::string>>& sources,
                 const std::string& output = "") {
  std::string s = "title = \"" + title + "\"\nlocale = \"" + locale + "\"\n";
  for (const auto& [path, lang] : sources) {
    s += "[[sources]]\npath = \"" + path + "\"\nlang = \"" + lang + "\"\n";
  }
  return s +
         "[layout]\nglance = false\n[select]\nperiod = \"2021-08\"\n[output]\npath = \"d.pdf\"\n" +
         output;
}

// Builds spec_text in dir; the PDF's path.
std::string build(const TempDir& dir, const std::string& spec_text) {
  write_file(dir / "s.toml", spec_text);
  Result r = gazette("build --as-of 2021-09-01 " + shell_quote(dir / "s.toml") + " -o " +
                     shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  return dir / "out/d.pdf";
}

// The structure tree with the text of each marked-content sequence, as
// poppler prints it; annotations' object numbers left out.
// What pdfinfo -struct-text prints, each element's text in one string:
// poppler prints each marked-content sequence of an element apart (a word
// with /ActualText is a sequence of its own), and the test is about the
// element's text.
std::string struct_text(const std::string& pdf) {
  Result r = run("pdfinfo -struct-text " + shell_quote(pdf));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  std::string out;
  std::istringstream lines(std::regex_replace(r.out, std::regex("Object [0-9]+ 0"), "Object"));
  std::string previous_indent;
  bool previous_string = false;
  for (std::string line; std::getline(lines, line);) {
    const size_t indent = line.find_first_not_of(' ');
    const bool string = indent != std::string::npos && line[indent] == '"' && line.back() == '"';
    if (string && previous_string && line.compare(0, indent, previous_indent) == 0 &&
        previous_indent.size() == indent) {
      out.pop_back();  // the newline
      out.pop_back();  // the closing quote
      out += line.substr(indent + 1) + "\n";
      continue;
    }
    previous_string = string;
    previous_indent = string ? line.substr(0, indent) : "";
    out += line + "\n";
  }
  return out;
}

const char* const kEnglishListing = R"(2 August, 2021

Floods in Guatemala: IOM Delivers Shelter Kits to 300 Families

Heavy rains displaced families in three departments of Guatemala. IOM teams delivered shelter kits, hygiene items and water filters to the families, with the support of the municipal authorities and local volunteers.

The full report is at https://example.org/gt-floods for partners.

5 August, 2021

Honduras: Border Officials Trained

Officials from Honduras took part in a training on border management.
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(tagged)

// Reading order is the document's: cover, contents, then each country's
// section and each bulletin's. A paragraph broken over lines reads with
// its spaces (the one a line break swallows is kept, invisible), a link
// is a Link element with its annotation, the TOC's entries are Links.
BOOST_AUTO_TEST_CASE(english_digest_reads_in_logical_order) {
  TempDir dir;
  write_file(dir / "en.txt", kEnglishListing);
  const std::string pdf = build(dir, spec("Migration News", "en", {{"en.txt", "en"}}));
  BOOST_TEST(struct_text(pdf) == R"(Document
  H1 (block)
    "Migration News"
  P (block)
    "August 2021"
  P (block)
    "world"
  P (block)
    "2 bulletins"
  P (block)
    "As of August 31, 2021"
  H2 (block)
    "Contents"
  TOC
    TOCI
      Link (inline)
        "Guatemala 2"
        Object
    TOCI
      Link (inline)
        "Honduras 2"
        Object
  Sect
    H2 (block)
      "Guatemala"
    Sect
      H3 (block)
        "Floods in Guatemala: IOM Delivers Shelter Kits to 300 Families"
      P (block)
        "August 2, 2021 · Guatemala"
      P (block)
        "Heavy rains displaced families in three departments of Guatemala. IOM teams delivered shelter kits, hygiene items and water filters to the families, with the support of the municipal authorities and local volunteers."
      P (block)
        "The full report is at "
        Link (inline)
          "https://example.org/gt-floods"
          Object
        " for partners."
  Sect
    H2 (block)
      "Honduras"
    Sect
      H3 (block)
        "Honduras: Border Officials Trained"
      P (block)
        "August 5, 2021 · Honduras"
      P (block)
        "Officials from Honduras took part in a training on border management."
)");
  Result check = check_pdfs({pdf}, true);
  BOOST_TEST(check.code == 0, check.out + check.err);
}

BOOST_AUTO_TEST_CASE(spanish_digest_reads_in_logical_order, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf =
      build(dir, spec("Noticias de migración", "es", {{kData + "/es.txt", "es"}}));
  BOOST_TEST(struct_text(pdf) == R"(Document
  H1 (block)
    "Noticias de migración"
  P (block)
    "agosto de 2021"
  P (block)
    "Mundo"
  P (block)
    "1 boletín"
  P (block)
    "Situación al 31 de agosto de 2021"
  H2 (block)
    "Índice"
  TOC
    TOCI
      Link (inline)
        "Honduras 2"
        Object
  Sect
    H2 (block)
      "Honduras"
    Sect
      H3 (block)
        "Honduras: la OIM capacita a 40 funcionarios en gestión de fronteras"
      P (block)
        "3 de agosto de 2021 · Honduras"
      P (block)
        "El curso reunió a funcionarios de migración de Honduras durante tres días."
)");
  Result check = check_pdfs({pdf}, true);
  BOOST_TEST(check.code == 0, check.out + check.err);
}

// Right to left too, each element's text reads in logical order: poppler's
// marked-content reader (22.12) takes glyphs in the order they are drawn,
// without bidi, and the writer draws the words of such lines in logical
// order ("IOM 2021" inside stays left to right). pdftotext, which rebuilds
// lines from where glyphs fall, reads the same page in logical order too.
BOOST_AUTO_TEST_CASE(arabic_digest_reads_in_logical_order, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("أخبار الهجرة", "ar", {{kData + "/ar.txt", "ar"}}));
  BOOST_TEST(struct_text(pdf) == R"(Document
  H1 (block)
    "أخبار الهجرة"
  P (block)
    "أغسطس ٢٠٢١"
  P (block)
    "العالم"
  P (block)
    "نشرة واحدة"
  P (block)
    "حتى ٣١ أغسطس ٢٠٢١"
  H2 (block)
    "المحتويات"
  TOC
    TOCI
      Link (inline)
        "الأردن ٢"
        Object
  Sect
    H2 (block)
      "الأردن"
    Sect
      H3 (block)
        "الأردن: المنظمة الدولية للهجرة تطلق تقرير IOM 2021 عن الهجرة"
      P (block)
        "٦ أغسطس ٢٠٢١ · الأردن"
      P (block)
        "قدمت المنظمة (IOM) في الأردن تقريرها السنوي لعام 2021 إلى الشركاء."
)");
  Result text = run("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
  BOOST_TEST(squash(text.out).find("أخبار الهجرة") != std::string::npos, text.out);
  Result check = check_pdfs({pdf}, true);
  BOOST_TEST(check.code == 0, check.out + check.err);
}

// An English report of bulletins in four scripts: each bulletin's title and
// paragraphs say their language (/Lang), the report's own words do not
// repeat the catalog's.
BOOST_AUTO_TEST_CASE(mixed_script_digest_says_each_language, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("Migration News", "en",
                                          {{kData + "/en.txt", "en"},
                                           {kData + "/ar.txt", "ar"},
                                           {kData + "/zh.txt", "zh"},
                                           {kData + "/ru.txt", "ru"}}));
  const std::string text = struct_text(pdf);
  BOOST_TEST(text.find(R"(
  Sect
    H2 (block)
      "China"
    Sect
      H3 (block)
        "国际移民组织在中国举办移民健康研讨会"
      P (block)
        "August 8, 2021 · China · in Chinese"
      P (block)
        "来自中国各地的专家讨论了移民的医疗服务问题。"
  Sect
    H2 (block)
      "Guatemala"
    Sect
      H3 (block)
        "Floods in Guatemala: IOM Delivers Shelter Kits to 300 Families"
      P (block)
        "August 2, 2021 · Guatemala"
      P (block)
        "Heavy rains displaced families in three departments of Guatemala."
  Sect
    H2 (block)
      "Jordan"
    Sect
      H3 (block)
        "الأردن: المنظمة الدولية للهجرة تطلق تقرير IOM 2021 عن الهجرة"
      P (block)
        "August 6, 2021 · Jordan · in Arabic"
      P (block)
        "قدمت المنظمة (IOM) في الأردن تقريرها السنوي لعام 2021 إلى الشركاء."
  Sect
    H2 (block)
      "Kazakhstan"
    Sect
      H3 (block)
        "Казахстан: МОМ открывает центр поддержки мигрантов в Алматы"
      P (block)
        "August 7, 2021 · Kazakhstan · in Russian"
      P (block)
        "Центр в Казахстане будет консультировать мигрантов бесплатно."
)") != std::string::npos,
             text);
  // The elements that carry /Lang, in reading order.
  Result langs =
      run("/usr/bin/python3 -c " +
          shell_quote("import sys, pikepdf\n"
                      "p = pikepdf.open(sys.argv[1])\n"
                      "print('catalog', p.Root.Lang)\n"
                      "def walk(e):\n"
                      "    if '/Lang' in e: print(str(e.S)[1:], e.Lang)\n"
                      "    k = e.get('/K')\n"
                      "    for c in (k if isinstance(k, pikepdf.Array) else [k]):\n"
                      "        if isinstance(c, pikepdf.Dictionary) and '/S' in c: walk(c)\n"
                      "walk(p.Root.StructTreeRoot.K)\n") +
          " " + shell_quote(pdf));
  BOOST_TEST(langs.out == "catalog en\nDocument en\nH3 zh\nP zh\nH3 ar\nP ar\nH3 ru\nP ru\n",
             langs.err);
  Result check = check_pdfs({pdf}, true);
  BOOST_TEST(check.code == 0, check.out + check.err);
}

// No bulletins: a cover and a paragraph saying so, still a valid tagged PDF.
BOOST_AUTO_TEST_CASE(an_empty_digest_is_still_valid, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "en.txt", kEnglishListing);
  std::string s = spec("Migration News", "en", {{"en.txt", "en"}});
  s.replace(s.find("2021-08"), 7, "2021-03");
  const std::string pdf = build(dir, s);
  BOOST_TEST(struct_text(pdf) == R"(Document
  H1 (block)
    "Migration News"
  P (block)
    "March 2021"
  P (block)
    "world"
  P (block)
    "0 bulletins"
  P (block)
    "As of March 31, 2021"
  P (block)
    "No bulletins in this period."
)");
  Result qpdf = run("qpdf --check " + shell_quote(pdf));
  BOOST_TEST(qpdf.code == 0, qpdf.out);
  Result check = check_pdfs({pdf}, true);
  BOOST_TEST(check.code == 0, check.out + check.err);
}

// The same inputs give the same bytes, /ID included; other content gives
// another /ID.
BOOST_AUTO_TEST_CASE(builds_are_byte_identical_and_the_id_follows_the_content,
                     *boost::unit_test::label("slow")) {
  TempDir a, b, c;
  write_file(a / "en.txt", kEnglishListing);
  write_file(b / "en.txt", kEnglishListing);
  write_file(c / "en.txt", kEnglishListing);
  const std::string s = spec("Migration News", "en", {{"en.txt", "en"}});
  const std::string pa = build(a, s), pb = build(b, s);
  const std::string pc = build(c, spec("Migration News!", "en", {{"en.txt", "en"}}));
  BOOST_TEST(read_file(pa) == read_file(pb));
  auto id = [](const std::string& pdf) {
    Result r = run("qpdf --show-object=trailer " + shell_quote(pdf));
    std::smatch m;
    BOOST_TEST_REQUIRE(
        std::regex_search(r.out, m, std::regex("/ID \\[ <([0-9a-f]{32})> <\\1> \\]")), r.out);
    return m[1].str();
  };
  BOOST_TEST(id(pa) == id(pb));
  BOOST_TEST(id(pa) != id(pc));
  Result qpdf = run("qpdf --check " + shell_quote(pa));
  BOOST_TEST(qpdf.code == 0, qpdf.out);
}

// pdf_standards = []: the plain PDF of before, untagged, no metadata stream;
// the checker, asked for the defaults, says what is missing.
BOOST_AUTO_TEST_CASE(no_standards_give_a_plain_pdf, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "en.txt", kEnglishListing);
  const std::string pdf =
      build(dir, spec("Migration News", "en", {{"en.txt", "en"}}, "pdf_standards = []\n"));
  Result info = run("pdfinfo " + shell_quote(pdf));
  BOOST_TEST(info.out.find("Tagged:          no\n") != std::string::npos, info.out);
  BOOST_TEST(info.out.find("Metadata Stream: no\n") != std::string::npos, info.out);
  Result check = check_pdfs({pdf}, true);
  BOOST_TEST(check.code == 1);
  BOOST_TEST(check.out == pdf + ": not tagged: no /MarkInfo\n");
}

// "ua-1" alone: tagged, PDF/UA's identifier, no PDF/A identifier or output
// intent.
BOOST_AUTO_TEST_CASE(ua_alone_has_no_output_intent, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "en.txt", kEnglishListing);
  const std::string pdf =
      build(dir, spec("Migration News", "en", {{"en.txt", "en"}}, "pdf_standards = [\"ua-1\"]\n"));
  Result meta = run("pdfinfo -meta " + shell_quote(pdf));
  BOOST_TEST(meta.out.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
  BOOST_TEST(meta.out.find("<pdfaid:") == std::string::npos);
  Result root = run("qpdf --show-object=1 " + shell_quote(pdf));
  BOOST_TEST(root.out.find("/StructTreeRoot") != std::string::npos, root.out);
  BOOST_TEST(root.out.find("/OutputIntents") == std::string::npos, root.out);
  Result check = check_pdfs({pdf});
  BOOST_TEST(check.code == 0, check.out + check.err);
}

// The checker finds what it is there to find: a copy of a good PDF broken
// in six ways (glyph 1 is not in the subset's ToUnicode map).
BOOST_AUTO_TEST_CASE(the_checker_finds_broken_tagging, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "en.txt", kEnglishListing);
  const std::string pdf = build(dir, spec("Migration News", "en", {{"en.txt", "en"}}));
  const std::string broken = dir / "broken.bin";  // not .pdf: TempDir's own check skips it
  Result r = run("/usr/bin/python3 -c " +
                 shell_quote("import sys, pikepdf\n"
                             "p = pikepdf.open(sys.argv[1])\n"
                             "del p.pages[1].obj.Annots[0]['/Contents']\n"
                             "st = p.Root.StructTreeRoot\n"
                             "st.ParentTree.Nums[1].append(st.ParentTree.Nums[1][0])\n"
                             "st.K.K[0].S = pikepdf.Name.H2\n"
                             "p.pages[1].contents_add(pikepdf.Stream(p, b'BT [<0001>] TJ ET'))\n"
                             "del p.Root['/OutputIntents']\n"
                             "p.save(sys.argv[2])\n") +
                 " " + shell_quote(pdf) + " " + shell_quote(broken));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  Result check = check_pdfs({broken});
  BOOST_TEST(check.code == 1);
  BOOST_TEST(check.out == broken + ": the first heading is H2, not H1\n" + broken +
                              ": page 1 id 8 is in the parent tree, not in the structure tree\n" +
                              broken + ": page 2: TJ outside marked content and artifacts\n" +
                              broken + ": font /F1: codes without ToUnicode: [1]\n" + broken +
                              ": page 2: a link annotation has no /Contents\n" + broken +
                              ": no single /GTS_PDFA1 output intent\n");
}

BOOST_AUTO_TEST_SUITE_END()
