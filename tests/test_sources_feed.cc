// RSS 2.0 and Atom feeds.
#include <boost/test/unit_test.hpp>

#include "corpus/feed.h"
#include "support.h"

using namespace gz;
using namespace gz::corpus_detail;

namespace {

const std::string kData = GAZETTE_TEST_DATA "/sources";

std::vector<Bulletin> parse(std::string_view text, Diagnostics* warnings = nullptr,
                            SourceFormat expected = SourceFormat::Auto,
                            const std::string& lang = "en") {
  ReadContext ctx{lang, warnings ? OnBadBulletin::Skip : OnBadBulletin::Fail, warnings};
  return parse_feed(text, "f.xml", expected, ctx);
}

std::string failure_of(std::string_view text, SourceFormat expected = SourceFormat::Auto) {
  return gz::test::bad_input_of([&] { parse(text, nullptr, expected); });
}

std::string rss(const std::string& items) {
  return "<rss version=\"2.0\">\n<channel>\n<title>C</title>\n" + items + "</channel>\n</rss>\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(feeds)

BOOST_AUTO_TEST_CASE(reads_the_rss_fixture) {
  const std::string path = kData + "/news.xml";
  ReadContext ctx{"", OnBadBulletin::Fail, nullptr};
  auto bs = parse_feed(gz::test::read_file(path), path, SourceFormat::Rss, ctx);
  BOOST_REQUIRE(bs.size() == 5u);
  BOOST_TEST(bs[0].title == "Honduras: capacitación sobre gestión de fronteras");
  BOOST_TEST(bs[0].date.iso() == "2021-07-23");  // 04:30 UTC on the 24th
  BOOST_TEST(bs[0].lang == "es");                // the channel's
  BOOST_TEST(bs[0].url == "https://example.org/es/honduras-fronteras");
  BOOST_TEST(bs[0].publisher == "OIM Mesoamérica");
  BOOST_TEST(bs[0].countries.empty());  // tagging is the driver's, from the text
  BOOST_TEST(bs[0].tags == (std::vector<std::string>{"fronteras"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      bs[0].paragraphs ==
          (std::vector<std::string>{"Funcionarios de tres países participaron.", "Segunda parte."}),
      boost::test_tools::per_element());
  BOOST_TEST(bs[0].origin.line == 8);
  BOOST_TEST(bs[0].origin.col == 0);
  BOOST_TEST(bs[1].lang == "fr");  // dc:language
  BOOST_TEST(
      bs[1].paragraphs == (std::vector<std::string>{"Un atelier s\u2019est tenu à Managua."}),
      boost::test_tools::per_element());
  BOOST_TEST(bs[3].date.iso() == "2021-08-01");  // still 31 July in UTC
}

BOOST_AUTO_TEST_CASE(reads_the_atom_fixture) {
  const std::string path = kData + "/atom.xml";
  ReadContext ctx{"", OnBadBulletin::Fail, nullptr};
  auto bs = parse_feed(gz::test::read_file(path), path, SourceFormat::Auto, ctx);
  BOOST_REQUIRE(bs.size() == 2u);
  BOOST_TEST(bs[0].title == "Le Costa Rica ouvre un centre d'accueil");  // type="html"
  BOOST_TEST(bs[0].date.iso() == "2021-07-19");                          // published
  BOOST_TEST(bs[0].lang == "fr");                                        // the feed's xml:lang
  BOOST_TEST(bs[0].url == "https://example.org/fr/costa-rica-centre");
  BOOST_TEST(bs[0].publisher == "OIM — Bureau régional");
  BOOST_TEST(bs[0].tags == (std::vector<std::string>{"Accueil"}), boost::test_tools::per_element());
  BOOST_TEST(bs[0].paragraphs == (std::vector<std::string>{"Le centre a ouvert à San José.",
                                                           "Premier point", "Second point"}),
             boost::test_tools::per_element());
  BOOST_TEST(bs[1].title == "Belice: nuevas rutas de protección");
  BOOST_TEST(bs[1].date.iso() == "2021-07-28");  // updated
  BOOST_TEST(bs[1].lang == "es");                // the entry's own xml:lang
  BOOST_TEST(bs[1].paragraphs ==
                 (std::vector<std::string>{"Primera parte, con énfasis.", "Segunda parte."}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(bs[1].marks.size() == 2u);
  BOOST_TEST((bs[1].marks[0] == std::vector<TextMark>{{19, 27, TextMark::Emphasis, ""}}));
}

BOOST_AUTO_TEST_CASE(language_falls_back_to_the_source) {
  auto bs = parse(rss("<item><title>T</title><pubDate>2 Aug 2021 10:00 GMT</pubDate></item>\n"),
                  nullptr, SourceFormat::Rss, "pt-br");
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].lang == "pt-BR");
}

BOOST_AUTO_TEST_CASE(reports_xml_that_is_not_well_formed_at_its_line_and_column) {
  BOOST_TEST(failure_of("<rss>\n<channel>\n<item><title>T</titel></item>\n") ==
             "f.xml:3:23: error: not well-formed XML: Opening and ending tag mismatch: title line "
             "3 and titel");
  BOOST_TEST(failure_of("<rss><channel><title>A &nbsp; B</title></channel></rss>") ==
             "f.xml:1:30: error: not well-formed XML: Entity 'nbsp' not defined");
  BOOST_TEST(failure_of("") == "f.xml:1:1: error: not well-formed XML: Document is empty");
}

BOOST_AUTO_TEST_CASE(reports_a_root_that_is_not_a_feed) {
  BOOST_TEST(failure_of("<?xml version=\"1.0\"?>\n<html/>") ==
             "f.xml:2: error: expected an RSS 2.0 (<rss>) or Atom (<feed>) feed, found <html>");
  BOOST_TEST(failure_of("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", SourceFormat::Rss) ==
             "f.xml:1: error: expected an RSS 2.0 feed (<rss>), found <feed>");
  BOOST_TEST(failure_of("<feed/>") ==  // no Atom namespace
             "f.xml:1: error: expected an RSS 2.0 (<rss>) or Atom (<feed>) feed, found <feed>");
  BOOST_TEST(failure_of("<rss>\n</rss>") == "f.xml:1: error: <rss> has no <channel>");
}

BOOST_AUTO_TEST_CASE(reports_bad_items_at_their_line) {
  BOOST_TEST(
      failure_of(rss("<item>\n<pubDate>Mon, 02 Aug 2021 10:00:00 +0200</pubDate></item>\n")) ==
      "f.xml:4: error: <item> has no <title>");
  BOOST_TEST(failure_of(rss("<item><title>T</title></item>\n")) ==
             "f.xml:4: error: <item> has no <pubDate>");
  BOOST_TEST(failure_of(rss("<item><title>T</title>\n<pubDate>2021-08-02</pubDate></item>\n")) ==
             "f.xml:5: error: cannot read <pubDate> '2021-08-02' as an RFC 822 date; expected a "
             "date like 'Mon, 02 Aug 2021 10:00:00 +0200'");
  BOOST_TEST(failure_of(rss("<item><title>T</title><pubDate>2 Aug 2021 10:00 GMT</pubDate>"
                            "<dc:language xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                            "klingon</dc:language></item>\n")) ==
             "f.xml:4: error: unknown language 'klingon'");
  const std::string atom =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n<title>T</title>\n";
  BOOST_TEST(failure_of(atom + "</entry></feed>") ==
             "f.xml:2: error: <entry> has no <published> or <updated>");
  BOOST_TEST(failure_of(atom + "<updated>Mon, 02 Aug 2021</updated></entry></feed>") ==
             "f.xml:4: error: cannot read <updated> 'Mon, 02 Aug 2021' as an RFC 3339 date; "
             "expected a date like '2021-08-02T10:00:00+00:00'");
}

BOOST_AUTO_TEST_CASE(skip_leaves_out_bad_items_with_a_warning_each) {
  Diagnostics warnings;
  auto bs = parse(rss("<item><title>Bad</title>\n<pubDate>yesterday</pubDate></item>\n"
                      "<item><title>Good</title><pubDate>2 Aug 2021 10:00 GMT</pubDate></item>\n"
                      "<item><pubDate>2 Aug 2021 10:00 GMT</pubDate></item>\n"),
                  &warnings);
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].title == "Good");
  BOOST_REQUIRE(warnings.items().size() == 2u);
  BOOST_TEST(format_diagnostic(warnings.items()[0]) ==
             "f.xml:5: warning: cannot read <pubDate> 'yesterday' as an RFC 822 date; expected a "
             "date like 'Mon, 02 Aug 2021 10:00:00 +0200'; bulletin skipped");
  BOOST_TEST(format_diagnostic(warnings.items()[1]) ==
             "f.xml:7: warning: <item> has no <title>; bulletin skipped");
  // A document that is not XML is not one bad bulletin: it still fails.
  BOOST_CHECK_THROW(parse("<rss>", &warnings), Failure);
}

// Issue 13: entities the feed's own DTD declares are expanded (they used to
// vanish: "Panam&aacute;" became "Panam"), within a budget; an external
// entity is never read, and is an error rather than text silently lost.
BOOST_AUTO_TEST_CASE(internal_entities_are_expanded_and_external_ones_never_read) {
  gz::test::TempDir dir;
  gz::test::write_file(dir / "secret.txt", "SECRET");
  const std::string xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY x SYSTEM \"file://" +
                          (dir / "secret.txt") + "\">\n<!ENTITY y \"inner\">\n]>\n" +
                          rss("<item><title>A &x; &y; B</title>"
                              "<pubDate>2 Aug 2021 10:00 GMT</pubDate></item>\n");
  BOOST_TEST(failure_of(xxe) ==
             "f.xml:9: error: entity '&x;' is external: Gazette reads no file or URL a feed "
             "names");
  const std::string declared =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY aacute \"&#225;\">\n"
      "<!ENTITY y \"in &aacute; <b>bold</b>\">\n]>\n" +
      rss("<item><title>Panam&aacute; &y;</title><link>https://x.example/&aacute;</link>"
          "<pubDate>2 Aug 2021 10:00 GMT</pubDate></item>\n");
  auto bs = parse(declared);
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].title == "Panamá in á bold");
  BOOST_TEST(bs[0].url == "https://x.example/á");
}

BOOST_AUTO_TEST_CASE(entity_expansion_is_bounded) {
  // 1,000 bytes referenced 2,000 times: 2 MB from a 12 KB feed, in text or
  // in an attribute; stopped at 1 MiB, at the line of the reference.
  const std::string big = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY big \"" +
                          std::string(1000, 'x') + "\">\n]>\n";
  std::string refs;
  for (int i = 0; i < 2000; ++i) refs += "&big;";
  const std::string item = "<pubDate>2 Aug 2021 10:00 GMT</pubDate></item>\n";
  BOOST_TEST(failure_of(big + rss("<item><title>" + refs + "</title>" + item)) ==
             "f.xml:8: error: entities expand to more than 1048576 bytes (1 MiB) of text in "
             "this feed");
  BOOST_TEST(failure_of(big + rss("<item><title>T</title><guid isPermaLink=\"" + refs +
                                  "\">g</guid>" + item)) ==
             "f.xml:8: error: entities expand to more than 1048576 bytes (1 MiB) of text in "
             "this feed");
  // Empty entities, 8 of each in the next, 9 deep: no text, but 8^9 visits.
  std::string empty = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY e0 \"\">\n";
  for (int i = 1; i <= 9; ++i) {
    empty += "<!ENTITY e" + std::to_string(i) + " \"";
    for (int k = 0; k < 8; ++k) empty += "&e" + std::to_string(i - 1) + ";";
    empty += "\">\n";
  }
  empty += "]>\n";
  BOOST_TEST(failure_of(empty + rss("<item><title>T &e9;</title>" + item)).starts_with("f.xml:"));
  // A billion laughs libxml2 refuses itself, as it parses.
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    laughs += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&l" + std::to_string(i - 1) + ";";
    laughs += "\">\n";
  }
  laughs += "]>\n";
  BOOST_TEST(failure_of(laughs + rss("<item><title>&l9;</title>" + item)) ==
             "f.xml:1:5: error: not well-formed XML: Detected an entity reference loop");
}

BOOST_AUTO_TEST_SUITE_END()
