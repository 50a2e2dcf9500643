// Text the new sources bring: Markdown bodies, HTML, web date forms.
#include <boost/test/unit_test.hpp>

#include "corpus/html_text.h"
#include "corpus/markdown.h"
#include "corpus/web_dates.h"

using namespace gz;
using namespace gz::corpus_detail;

namespace {

struct Paragraphs {
  std::vector<std::string> text;
  std::vector<std::vector<TextMark>> marks;
};

Paragraphs markdown(std::string_view body) {
  ParagraphBuilder b;
  markdown_to_paragraphs(body, b);
  Paragraphs p;
  b.finish(p.text, p.marks);
  return p;
}

Paragraphs html(std::string_view body) {
  ParagraphBuilder b;
  html_to_paragraphs(body, b, gz::Location{"t.html", 1, 1});
  Paragraphs p;
  b.finish(p.text, p.marks);
  return p;
}

// "[kind begin,end url]" per mark, for compact assertions.
std::string show(const std::vector<TextMark>& marks) {
  std::string out;
  for (const TextMark& m : marks) {
    const char* k = m.kind == TextMark::Emphasis ? "em"
                    : m.kind == TextMark::Strong ? "strong"
                                                 : "link";
    out += "[" + std::string(k) + " " + std::to_string(m.begin) + "," + std::to_string(m.end);
    if (!m.url.empty()) out += " " + m.url;
    out += "]";
  }
  return out;
}

std::string iso(std::optional<Date> d) { return d ? d->iso() : "none"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(markdown_bodies)

BOOST_AUTO_TEST_CASE(paragraphs_headings_and_list_items) {
  Paragraphs p = markdown(
      "First line\nand its second.\n\n\n## A heading ##\nAfter the heading.\n"
      "- one item\n- two\n  continued\n1. numbered\n\n> quoted\n> text\n");
  BOOST_TEST(p.text == (std::vector<std::string>{"First line and its second.", "A heading",
                                                 "After the heading.", "one item", "two continued",
                                                 "numbered", "quoted text"}),
             boost::test_tools::per_element());
  BOOST_TEST(p.marks.empty());  // no paragraph has any
}

BOOST_AUTO_TEST_CASE(emphasis_strong_and_links_become_marks_over_plain_text) {
  Paragraphs p = markdown("A *b* and **c d** _e_ [f](https://x.org/f) <https://x.org/g>.");
  BOOST_REQUIRE(p.text.size() == 1u);
  BOOST_TEST(p.text[0] == "A b and c d e f https://x.org/g.");
  BOOST_TEST(show(p.marks[0]) ==
             "[em 2,3][strong 8,11][em 12,13][link 14,15 https://x.org/f]"
             "[link 16,31 https://x.org/g]");
}

BOOST_AUTO_TEST_CASE(unpaired_and_intraword_markers_stay_as_written) {
  Paragraphs p = markdown("2 * 3 = 6, snake_case_name, a *b, \\*not\\* and __init__x.");
  BOOST_TEST(p.text[0] == "2 * 3 = 6, snake_case_name, a *b, *not* and __init__x.");
  BOOST_TEST(p.marks.empty());
}

BOOST_AUTO_TEST_CASE(nested_marks_and_text_is_normalised) {
  // NFD "é" is composed; NBSP and runs of spaces fold, across marks too.
  Paragraphs p = markdown("**Cafe\xCC\x81  *con*\xC2\xA0leche**   final");
  BOOST_TEST(p.text[0] == "Café con leche final");
  BOOST_TEST(show(p.marks[0]) == "[strong 0,15][em 6,9]");
}

BOOST_AUTO_TEST_CASE(bare_urls_are_links_without_trailing_punctuation) {
  Paragraphs p = markdown(
      "See https://example.org/a. Or (https://en.wikipedia.org/wiki/A_(b)), "
      "not xhttp://no, and http://x.org/q?a=1;");
  BOOST_REQUIRE(p.text.size() == 1u);
  BOOST_TEST(show(p.marks[0]) ==
             "[link 4,25 https://example.org/a][link 31,66 https://en.wikipedia.org/wiki/A_(b)]"
             "[link 89,107 http://x.org/q?a=1]");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(html_to_text)

BOOST_AUTO_TEST_CASE(blocks_split_paragraphs_and_entities_are_decoded) {
  Paragraphs p = html(
      "<div>Intro &amp; more<br>next line</div><p>Caf&eacute; &#8220;x&#8221; &#x41;</p>"
      "<ul><li>one</li><li>two</li></ul><h2>Head</h2><blockquote>Q</blockquote>"
      "<table><tr><td>a</td><td>b</td></tr></table>");
  BOOST_TEST(
      p.text == (std::vector<std::string>{"Intro & more", "next line", "Café \u201cx\u201d A",
                                          "one", "two", "Head", "Q", "a b"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(scripts_styles_and_comments_are_dropped) {
  Paragraphs p = html(
      "<html><head><title>T</title><style>p{}</style></head><body><p>Kept<script>alert(1)"
      "</script> text<!-- no --></p><noscript>no</noscript></body></html>");
  BOOST_TEST(p.text == (std::vector<std::string>{"Kept text"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tag_soup_is_read_as_browsers_would) {
  Paragraphs p = html("<p>one <b>bold<p>two</i> &nbsp;&nbsp;three &unknown; <");
  BOOST_TEST(p.text == (std::vector<std::string>{"one bold", "two three &unknown; <"}),
             boost::test_tools::per_element());
  BOOST_TEST(show(p.marks[0]) == "[strong 4,8]");
}

BOOST_AUTO_TEST_CASE(inline_elements_become_marks_and_only_web_links_are_kept) {
  Paragraphs p = html(
      "<p><em>a</em> <strong>b</strong> <a href=\"https://x.org\">c</a> "
      "<a href=\"/relative\">d</a> <a href=\"javascript:x()\">e</a></p>");
  BOOST_TEST(p.text[0] == "a b c d e");
  BOOST_TEST(show(p.marks[0]) == "[em 0,1][strong 2,3][link 4,5 https://x.org]");
}

BOOST_AUTO_TEST_CASE(empty_html_gives_no_paragraph) {
  BOOST_TEST(html("").text.empty());
  BOOST_TEST(html("  <p> </p><br><div>\xC2\xA0</div>").text.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(web_dates)

BOOST_AUTO_TEST_CASE(rfc822_takes_the_date_in_the_feeds_own_offset) {
  BOOST_TEST(iso(parse_rfc822_date("Mon, 02 Aug 2021 10:00:00 +0200")) == "2021-08-02");
  // 01:00 at +0200 is 23:00 UTC on 31 July: the feed's day is kept.
  BOOST_TEST(iso(parse_rfc822_date("Sun, 01 Aug 2021 01:00:00 +0200")) == "2021-08-01");
  BOOST_TEST(iso(parse_rfc822_date("Fri, 23 Jul 2021 22:30:00 -0600")) == "2021-07-23");
  BOOST_TEST(iso(parse_rfc822_date("2 Aug 2021 10:00 GMT")) == "2021-08-02");
  BOOST_TEST(iso(parse_rfc822_date("  mon, 2 aug 2021 10:00:59 EST ")) == "2021-08-02");
}

BOOST_AUTO_TEST_CASE(rfc822_refuses_what_is_not_one) {
  for (const char* bad :
       {"", "2021-08-02", "Mon, 02 Aug 21 10:00:00 +0200", "Mon, 31 Feb 2021 10:00:00 +0000",
        "Mon 02 Aug 2021 10:00:00 +0200", "Mon, 02 Agu 2021 10:00:00 +0200",
        "Mon, 02 Aug 2021 25:00:00 +0200", "Mon, 02 Aug 2021 10:00:00", "Mon, 02 Aug 2021",
        "Mon, 02 Aug 2021 10:00:00 +0200 extra"}) {
    BOOST_TEST(iso(parse_rfc822_date(bad)) == "none", bad);
  }
}

BOOST_AUTO_TEST_CASE(rfc3339_takes_the_date_part_as_written) {
  BOOST_TEST(iso(parse_rfc3339_date("2021-08-02T10:00:00+00:00")) == "2021-08-02");
  BOOST_TEST(iso(parse_rfc3339_date("2021-08-01T23:30:00-06:00")) == "2021-08-01");
  BOOST_TEST(iso(parse_rfc3339_date("2021-08-02t10:00:00.123Z")) == "2021-08-02");
  BOOST_TEST(iso(parse_rfc3339_date("2021-08-02 10:00Z")) == "2021-08-02");
  BOOST_TEST(iso(parse_rfc3339_date("2021-08-02")) == "2021-08-02");
  for (const char* bad : {"", "2021-8-02", "2021-02-29T00:00:00Z", "2021-08-02T10:00:00",
                          "2021-08-02T10:00:00+0000", "02 Aug 2021", "2021-08-02T"}) {
    BOOST_TEST(iso(parse_rfc3339_date(bad)) == "none", bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()
