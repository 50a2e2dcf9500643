// End to end: the body of the digest as a reader meets it. Markdown and
// HTML headings and lists set as such (and tagged H4, L, LI, Lbl, LBody),
// the running header with "(continued)", and the language of a bulletin in
// another language than the report's.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <string>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kListing = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";

const std::string kMarkdown = R"(+++
date = 2021-07-20
title = "Honduras: what the new reception centre offers"
lang = "en"
countries = ["HN"]
+++

The centre in San Pedro Sula opened on 19 July.

## Services

- Temporary shelter for up to **120 people**
- Medical care and psychosocial support
  - a children's corner
  - legal advice
- Information on [regular pathways](https://example.org/paths)

## Next steps

9. Train 40 staff
10. Open a second centre

Closing paragraph.
)";

const std::string kSpanish = R"(+++
date = 2021-07-18
title = "Guatemala: nuevo centro de recepción"
lang = "es"
countries = ["GT"]
+++

La OIM abrió un centro de recepción en Ciudad de Guatemala.
)";

// An RSS item whose description is HTML with a heading and lists.
const std::string kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>IOM</title><link>https://example.org/</link>
<language>en</language>
<item><title>Panama: reception stations</title>
<link>https://example.org/pa</link>
<description><![CDATA[<p>Two stations.</p><h3>Needs</h3><ul><li>Water</li><li>Shade</li></ul>
<ol start="3"><li>Third step</li><li>Fourth step</li></ol>]]></description>
<pubDate>Mon, 19 Jul 2021 10:00:00 +0000</pubDate>
<category>Panama</category></item>
</channel></rss>
)";

std::string spec(const std::string& locale, const std::string& extra = "") {
  return "title = \"Central America — Monthly Digest\"\n"
         "locale = \"" +
         locale +
         "\"\n"
         "[[sources]]\n"
         "path = \"" +
         kListing +
         "\"\n"
         "lang = \"en\"\n"
         "[[sources]]\n"
         "path = \"b\"\n"
         "[[sources]]\n"
         "path = \"feed.xml\"\n"
         "countries_from = \"title\"\n"
         "[select]\n"
         "period = \"2021-07\"\n"
         "regions = [\"Central America\"]\n"
         "[layout]\n"
         "glance = false\n"  // every page after the cover is one of bulletins
         "[output]\n"
         "path = \"out.pdf\"\n" +
         extra;
}

std::string build(const TempDir& dir, const std::string& text) {
  write_file(dir / "b/hn-lists.md", kMarkdown);
  write_file(dir / "b/gt-es.md", kSpanish);
  write_file(dir / "feed.xml", kFeed);
  write_file(dir / "s.toml", text);
  Result r =
      run("cd " + shell_quote(dir.path().string()) + " && " + kGazette + " build s.toml -o out");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return dir / "out/out.pdf";
}

std::string all_text(const std::string& pdf) {
  Result r = run("pdftotext -enc UTF-8 -layout " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return r.out;
}

bool has_line(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex("(^|\n)" + pattern + "(\n|$)"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_body)

BOOST_AUTO_TEST_CASE(markdown_and_html_lists_and_headings_are_set_as_such,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en", "pdf_standards = [\"ua-1\"]\n"));
  const std::string text = all_text(pdf);
  // Labels hang before their text; nested items deeper; numbers as written.
  BOOST_TEST(has_line(text, " *• Temporary shelter for up to 120 people"), text);
  BOOST_TEST(has_line(text, " *• Medical care and psychosocial support"), text);
  BOOST_TEST(has_line(text, " *– a children's corner"), text);
  BOOST_TEST(has_line(text, " *– legal advice"), text);
  BOOST_TEST(has_line(text, " *9\\. Train 40 staff"), text);
  BOOST_TEST(has_line(text, " *10\\. Open a second centre"), text);
  BOOST_TEST(has_line(text, "Services"), text);
  BOOST_TEST(has_line(text, "Next steps"), text);
  // HTML: <h3>, <ul> and <ol start="3">.
  BOOST_TEST(has_line(text, "Needs"), text);
  BOOST_TEST(has_line(text, " *• Water"), text);
  BOOST_TEST(has_line(text, " *3\\. Third step"), text);
  BOOST_TEST(has_line(text, " *4\\. Fourth step"), text);
  // The Markdown markers are gone.
  BOOST_TEST(text.find("## ") == std::string::npos);
  BOOST_TEST(text.find("- Temporary") == std::string::npos);

  // Tagged: the headings are H4, the lists L > LI > Lbl + LBody, the
  // nested list inside the LBody of its item.
  Result r = run("pdfinfo -struct-text " + shell_quote(pdf));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string tree = std::regex_replace(r.out, std::regex("Object [0-9]+ 0"), "Object");
  BOOST_TEST(tree.find(R"(      H4 (block)
        "Services"
      L (block)
        LI (block)
          Lbl (block)
            "•"
          LBody (block)
            "Temporary shelter for up to 120 people"
        LI (block)
          Lbl (block)
            "•"
          LBody (block)
            "Medical care and psychosocial support"
            L (block)
              LI (block)
                Lbl (block)
                  "–"
                LBody (block)
                  "a children's corner")") != std::string::npos,
             tree);
  BOOST_TEST(tree.find(R"(      H4 (block)
        "Next steps"
      L (block)
        LI (block)
          Lbl (block)
            "9."
          LBody (block)
            "Train 40 staff")") != std::string::npos,
             tree);
  Result check = check_pdfs({pdf});
  BOOST_TEST(check.code == 0, check.out + check.err);
}

BOOST_AUTO_TEST_CASE(the_running_header_says_the_group_and_continued,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en"));
  const int n = pdf_pages(pdf);
  BOOST_TEST_REQUIRE(n >= 3);
  // The cover (with the contents) has none; each body page starts with the
  // title and the group at the top of the page, "(continued)" when the
  // group's heading is on an earlier page.
  BOOST_TEST(pdf_page_text(pdf, 1).find("(continued)") == std::string::npos);
  int continued = 0;
  for (int p = 2; p <= n; ++p) {
    const std::string text = pdf_page_text(pdf, p, true);
    const std::string first = text.substr(0, text.find('\n'));
    std::smatch m;
    BOOST_TEST_REQUIRE(
        std::regex_match(first, m, std::regex("Central America — Monthly Digest +(.+)")), first);
    const std::string group = m[1];
    // The page's first heading line after the header.
    if (group.ends_with(" (continued)")) {
      ++continued;
      const std::string name = group.substr(0, group.size() - 12);
      // Its heading was on an earlier page, not on this one.
      BOOST_TEST(!has_line(text, name), "page " << p << ": " << text);
    } else {
      BOOST_TEST(has_line(text, group), "page " << p << ": " << text);
    }
  }
  BOOST_TEST(continued >= 1);
  // Tagged (the default): the header is page furniture of its own kind.
  Result q = run("qpdf --qdf --object-streams=disable " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(q.code == 0, q.err);
  BOOST_TEST(q.out.find("/Artifact <</Type /Pagination /Subtype /Header>> BDC") !=
             std::string::npos);
  BOOST_TEST(q.out.find("/Artifact <</Type /Pagination /Subtype /Footer>> BDC") !=
             std::string::npos);

  // In Spanish and in Arabic, in the report language.
  TempDir es;
  const std::string pdf_es = build(es, spec("es"));
  bool found = false;
  for (int p = 2; p <= pdf_pages(pdf_es); ++p) {
    found = found || pdf_page_text(pdf_es, p).find("(continuación)") != std::string::npos;
  }
  BOOST_TEST(found);
  TempDir ar;
  const std::string pdf_ar = build(ar, spec("ar"));
  found = false;
  for (int p = 2; p <= pdf_pages(pdf_ar); ++p) {
    found = found || pdf_page_text(pdf_ar, p).find("(تابع)") != std::string::npos;
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(a_bulletin_in_another_language_says_which, *boost::unit_test::label("slow")) {
  TempDir en;
  std::string text = all_text(build(en, spec("en")));
  BOOST_TEST(has_line(text, "July 18, 2021 · Guatemala · in Spanish"), text);
  // The English bulletins say nothing.
  BOOST_TEST(has_line(text, "July 20, 2021 · Honduras"), text);
  TempDir fr;
  text = all_text(build(fr, spec("fr")));
  BOOST_TEST(has_line(text, "18 juillet 2021 · Guatemala · en espagnol"), text);
  BOOST_TEST(has_line(text, "20 juillet 2021 · Honduras · en anglais"), text);
  // A Spanish report: the Spanish bulletin is in its language.
  TempDir es;
  text = all_text(build(es, spec("es")));
  BOOST_TEST(has_line(text, "18 de julio de 2021 · Guatemala"), text);
  BOOST_TEST(has_line(text, "20 de julio de 2021 · Honduras · en inglés"), text);
}

BOOST_AUTO_TEST_SUITE_END()
