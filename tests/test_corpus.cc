#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/listing.h"
#include "support.h"

using namespace gz;
using namespace std::string_literals;

namespace {

// One parser per language for the whole run: ICU formatters are slow to make.
const intl::DateParser& dates(const std::string& lang) {
  static std::map<std::string, intl::DateParser> parsers;
  auto it = parsers.find(lang);
  if (it == parsers.end()) it = parsers.emplace(lang, intl::DateParser(lang)).first;
  return it->second;
}

std::vector<Bulletin> parse(std::string_view text, const std::string& lang = "en") {
  return parse_listing(text, "t.txt", lang, dates(lang));
}

// The formatted diagnostic of the Failure parsing throws, or "" if none.
std::string failure_of(std::string_view text, const std::string& lang = "en") {
  return gz::test::bad_input_of([&] { parse(text, lang); });
}

const std::string kSeed = GAZETTE_SOURCE_DIR "/examples/rosanjose-2021-07.txt";

void check_same(const std::vector<Bulletin>& a, const std::vector<Bulletin>& b) {
  BOOST_REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].date.iso() == b[i].date.iso());
    BOOST_TEST(a[i].title == b[i].title);
    BOOST_TEST(a[i].paragraphs == b[i].paragraphs, boost::test_tools::per_element());
    BOOST_TEST(a[i].origin.line == b[i].origin.line);
    BOOST_TEST(a[i].origin.col == b[i].origin.col);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(listing)

BOOST_AUTO_TEST_CASE(reads_the_seed_listing) {
  std::vector<Bulletin> bs = read_listing(kSeed, "en", dates("en"));
  BOOST_REQUIRE(bs.size() == 10u);

  const std::vector<int> lines{1, 8, 14, 20, 26, 32, 38, 46, 53, 61};
  for (size_t i = 0; i < bs.size(); ++i) {
    BOOST_TEST(bs[i].origin.file == kSeed);
    BOOST_TEST(bs[i].origin.line == lines[i]);
    BOOST_TEST(bs[i].origin.col == 1);
    BOOST_TEST(bs[i].lang == "en");
    BOOST_TEST(bs[i].countries.empty());
    BOOST_TEST(bs[i].paragraphs.size() == 1u);
  }

  BOOST_TEST(bs[0].date.iso() == "2021-08-02");
  BOOST_TEST(bs[0].title == "Mexico Concludes Specialized Course on Labour Mobility Programs");
  BOOST_TEST(bs[1].title == "Panama is committed to the fight against Trafficking in Persons");
  BOOST_TEST(bs[2].date.iso() == "2021-07-30");
  BOOST_TEST(bs[9].date.iso() == "2021-07-09");
  // The last line has no line end.
  BOOST_TEST(bs[9].paragraphs[0].ends_with("inter-institutional communication more effective."));

  // Runs of no-break spaces between words, and at the end, are folded.
  BOOST_TEST(bs[6].date.iso() == "2021-07-16");
  BOOST_TEST(bs[6].title ==
             "Information sessions on the protection of migrants with a human rights focus are "
             "held in Panama");
  BOOST_TEST(bs[6].paragraphs[0] ==
             "Within the framework of the International Organization for Migration's (IOM) "
             "protection strategy in Panama, which involves objectives of the \"Western "
             "Hemisphere Program\" and the \"Refugee and Migrant Response Plan for Venezuela\", "
             "both funded by the U.S. Department of State's Bureau of Population, Refugees and "
             "Migration (PRM), introductory briefings were organized to inform and update "
             "protection concepts from a human rights perspective aimed at key actors who "
             "provide guidance, assistance or services to vulnerable migrants in Panama.");
  BOOST_TEST(bs[3].paragraphs[0].ends_with("in the province of Darién."));
}

// Plain text, but bare URLs become links as in the other formats; a listing
// without any has no marks at all.
BOOST_AUTO_TEST_CASE(bare_urls_become_links) {
  auto bs = parse(
      "July 9, 2021\n\nTitle\n\nFirst paragraph.\n\n"
      "Read https://example.org/report (PDF) or http://x.org/a.\n");
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_REQUIRE(bs[0].marks.size() == 2u);
  BOOST_TEST(bs[0].marks[0].empty());
  BOOST_TEST((bs[0].marks[1] ==
              std::vector<TextMark>{{5, 31, TextMark::Link, "https://example.org/report"},
                                    {41, 55, TextMark::Link, "http://x.org/a"}}));
  BOOST_TEST(parse("July 9, 2021\n\nTitle\n\nNo link here.\n")[0].marks.empty());
}

BOOST_AUTO_TEST_CASE(crlf_and_bom_give_the_same_bulletins) {
  const std::string lf = gz::test::read_file(kSeed);
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::vector<Bulletin> want = parse(lf);
  check_same(parse(crlf), want);
  check_same(parse("\xEF\xBB\xBF" + lf), want);
  check_same(parse("\xEF\xBB\xBF" + crlf), want);
}

BOOST_AUTO_TEST_CASE(joins_lines_and_skips_any_number_of_blank_lines) {
  auto bs = parse(
      "\n \t\n2 August, 2021\n\n\n  Two-line\r\r\n   title\n\nFirst   paragraph\n"
      "goes on.\n \n\t\n\nSecond\xC2\xA0paragraph.   \n\n"
      "  2021-07-30\n\nNo paragraphs at all\n\n\n");
  BOOST_REQUIRE(bs.size() == 2u);
  BOOST_TEST(bs[0].origin.line == 3);
  BOOST_TEST(bs[0].title == "Two-line title");
  BOOST_TEST(bs[0].paragraphs ==
                 (std::vector<std::string>{"First paragraph goes on.", "Second paragraph."}),
             boost::test_tools::per_element());
  BOOST_TEST(bs[1].date.iso() == "2021-07-30");
  BOOST_TEST(bs[1].origin.line == 16);
  BOOST_TEST(bs[1].origin.col == 3);  // where the text starts
  BOOST_TEST(bs[1].title == "No paragraphs at all");
  BOOST_TEST(bs[1].paragraphs.empty());
}

BOOST_AUTO_TEST_CASE(normalises_to_nfc) {
  auto bs = parse("2 August, 2021\n\nPanama\xCC\x81 and Dari\xCC\x81\x65n\n");
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].title == "Panamá and Daríen");
}

BOOST_AUTO_TEST_CASE(keeps_short_lines_with_years_that_are_not_dates) {
  auto bs = parse(
      "2 August, 2021\n\nCOVID-19 in 2021\n\nRead the 2021 report.\n\nPanama 2021\n\n"
      "Plan 2020-2024\n");
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].title == "COVID-19 in 2021");
  BOOST_TEST(bs[0].paragraphs == (std::vector<std::string>{"Read the 2021 report.", "Panama 2021",
                                                           "Plan 2020-2024"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_spanish_and_french) {
  const std::string es_path = GAZETTE_TEST_DATA "/listing/es.txt";
  auto es = read_listing(es_path, "es", dates("es"));
  BOOST_REQUIRE(es.size() == 2u);
  BOOST_TEST(es[0].date.iso() == "2021-08-02");
  BOOST_TEST(es[0].lang == "es");
  BOOST_TEST(es[0].title == "Panamá se compromete con la lucha contra la trata de personas");
  BOOST_TEST(es[0].paragraphs ==
                 (std::vector<std::string>{
                     "Panamá se une a los esfuerzos globales para erradicar la trata de personas.",
                     "Segundo párrafo."}),
             boost::test_tools::per_element());
  BOOST_TEST(es[1].date.iso() == "2021-07-30");
  BOOST_TEST(es[1].origin.line == 10);
  BOOST_TEST(es[1].paragraphs.empty());

  auto fr = read_listing(GAZETTE_TEST_DATA "/listing/fr.txt", "fr", dates("fr"));
  BOOST_REQUIRE(fr.size() == 2u);
  BOOST_TEST(fr[0].date.iso() == "2021-08-01");
  BOOST_TEST(fr[0].title == "Le Panama s’engage dans la lutte contre la traite des personnes");
  BOOST_TEST(fr[1].date.iso() == "2021-07-30");
  BOOST_TEST(fr[1].origin.line == 7);
  BOOST_TEST(fr[1].paragraphs ==
                 (std::vector<std::string>{
                     "Les réseaux locaux de migration réunissent diverses organisations."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_invalid_utf8_and_nul_bytes) {
  const std::string head = "2 August, 2021\n\nTitle\n\n";  // 23 bytes, 4 lines
  BOOST_TEST(failure_of(head + "Caf\xC3 au lait\n") ==
             "t.txt:5:4: error: invalid UTF-8 at byte offset 26");
  // Columns count code points; offsets count bytes, a BOM included.
  BOOST_TEST(failure_of("\xEF\xBB\xBF" + head + "Café \xFF\n") ==
             "t.txt:5:6: error: invalid UTF-8 at byte offset 32");
  BOOST_TEST(failure_of("\xEF\xBB\xBF\xED\xA0\x80") ==
             "t.txt:1:1: error: invalid UTF-8 at byte offset 3");
  BOOST_TEST(failure_of(head + "Ti\0tle\n"s) == "t.txt:5:3: error: NUL byte at byte offset 25");
  // CRLF counts as one line end.
  BOOST_TEST(failure_of("2 August, 2021\r\n\r\nT\0"s) ==
             "t.txt:3:2: error: NUL byte at byte offset 19");
}

BOOST_AUTO_TEST_CASE(reports_text_before_the_first_date) {
  BOOST_TEST(failure_of("Hello world\n\n2 August, 2021\n\nTitle\n") ==
             "t.txt:1:1: error: expected a date line like '2 August, 2021' or '2021-08-02', "
             "found 'Hello world'");
  BOOST_TEST(failure_of("\n\n  IOM Builds Synergies within Local Migration\nNetworks\n") ==
             "t.txt:3:3: error: expected a date line like '2 August, 2021' or '2021-08-02', "
             "found 'IOM Builds Synergies within Local Migrat…'");
  BOOST_TEST(failure_of("Información sobre los derechos de las personas migrantes\n", "es") ==
             "t.txt:1:1: error: expected a date line like '2 de agosto de 2021' or "
             "'2021-08-02', found 'Información sobre los derechos de las pe…'");
}

BOOST_AUTO_TEST_CASE(reports_dates_that_do_not_exist) {
  BOOST_TEST(failure_of("31 February, 2021\n\nTitle\n") ==
             "t.txt:1:1: error: no such date '31 February, 2021'");
  BOOST_TEST(failure_of("2 August, 2021\n\nTitle\n\nBody.\n\n2021-02-29\n\nTitle\n") ==
             "t.txt:7:1: error: no such date '2021-02-29'");
  BOOST_TEST(failure_of("2 August, 2021\n\n30 February, 2021\n\nTitle\n") ==
             "t.txt:3:1: error: no such date '30 February, 2021'");
}

BOOST_AUTO_TEST_CASE(reports_misspelt_dates) {
  BOOST_TEST(failure_of("2 August, 2021\n\nTitle\n\nBody.\n\n2 Agust, 2021\n\nTitle\n") ==
             "t.txt:7:1: error: cannot read date '2 Agust, 2021' as en; expected a date line "
             "like '2 August, 2021' or '2021-08-02'");
  BOOST_TEST(failure_of("2 Agust, 2021\n\nTitle\n") ==
             "t.txt:1:1: error: cannot read date '2 Agust, 2021' as en; expected a date line "
             "like '2 August, 2021' or '2021-08-02'");
  // A listing read in the wrong language.
  BOOST_TEST(failure_of("2 August, 2021\n\nTitle\n", "es") ==
             "t.txt:1:1: error: cannot read date '2 August, 2021' as es; expected a date line "
             "like '2 de agosto de 2021' or '2021-08-02'");
}

// A short paragraph with a year and a number is text when it ends a
// sentence, in any script: "。" as well as ".".
BOOST_AUTO_TEST_CASE(short_sentences_with_years_are_text_in_any_script) {
  auto list = parse(
      "2022-11-02\n\n2022\u5E74\u65E5\u672C\u5927\u8CFD\n\n"
      "\u6B50\u529B\u58EB\u4EE54\u6BD42\u64CA\u6557\u6771\u4EAC\uFF0C\u8D0F\u5F972022"
      "\u5E74\u51A0\u8ECD\u3002\n",
      "zh");
  BOOST_REQUIRE(list.size() == 1u);
  BOOST_TEST(list[0].paragraphs.size() == 1u);
  BOOST_TEST(parse("2021-08-02\n\nT\n\nEl 2 de agosto de 2021 \u061F\n", "ar").size() == 1u);
}

BOOST_AUTO_TEST_CASE(reports_a_date_with_no_title) {
  BOOST_TEST(failure_of("2 August, 2021\n\n3 August, 2021\n\nTitle\n") ==
             "t.txt:1:1: error: date line with no title after it");
  BOOST_TEST(failure_of("2 August, 2021\n\nTitle\n\nBody.\n\n\n  9 July, 2021\n\n") ==
             "t.txt:8:3: error: date line with no title after it");
  BOOST_TEST(failure_of("2 August, 2021\n\nTitle\n\nBody.\n\n2 August, 2021\nTitle\n\nBody.\n") ==
             "t.txt:7:1: error: expected a blank line after the date line");
}

BOOST_AUTO_TEST_CASE(reports_an_empty_listing) {
  for (std::string text : {""s, "\xEF\xBB\xBF"s, " \n\t\r\n\n"s, "\xC2\xA0\n"s}) {
    BOOST_TEST(failure_of(text) == "t.txt:1:1: error: listing has no bulletins");
  }
}

BOOST_AUTO_TEST_CASE(read_fails_with_exit_1_when_unreadable) {
  const std::string path = GAZETTE_TEST_DATA "/listing/missing.txt";
  try {
    read_listing(path, "en", dates("en"));
    BOOST_FAIL("no Failure");
  } catch (const Failure& f) {
    BOOST_TEST(f.code() == int(kExitRuntime));
    BOOST_TEST(format_diagnostic(f.diag()) ==
               path + ": error: cannot read listing: No such file or directory");
  }
}

BOOST_AUTO_TEST_SUITE_END()
