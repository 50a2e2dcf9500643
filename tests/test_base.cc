#include <boost/test/unit_test.hpp>

#include "base/date.h"
#include "base/diag.h"
#include "base/utf8.h"

using namespace gz;

BOOST_AUTO_TEST_SUITE(dates)

BOOST_AUTO_TEST_CASE(round_trips_and_validates) {
  BOOST_TEST(Date::from_ymd(1970, 1, 1)->days() == 0);
  BOOST_TEST(Date::from_ymd(2021, 7, 31)->iso() == "2021-07-31");
  BOOST_TEST(!Date::from_ymd(2021, 2, 29));
  BOOST_TEST(Date::from_ymd(2024, 2, 29).has_value());
  BOOST_TEST(!Date::from_ymd(1900, 2, 29));
  BOOST_TEST(Date::from_ymd(2000, 2, 29).has_value());
  BOOST_TEST(!Date::from_ymd(0, 1, 1));
  BOOST_TEST(!Date::from_ymd(10000, 1, 1));
  for (int64_t d = -1000; d < 30000; d += 17) {
    Ymd v = Date::from_days(d).ymd();
    BOOST_TEST(Date::from_ymd(v.year, v.month, v.day)->days() == d);
  }
}

BOOST_AUTO_TEST_CASE(parses_iso_strictly) {
  BOOST_TEST(Date::parse_iso("2021-08-02")->iso() == "2021-08-02");
  BOOST_TEST(!Date::parse_iso("2021-8-02"));
  BOOST_TEST(!Date::parse_iso("2021-02-31"));
  BOOST_TEST(!Date::parse_iso("2021-08-02x"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(diagnostics)

BOOST_AUTO_TEST_CASE(formats_position_and_hint) {
  Diagnostic d{
      Severity::Error, {"spec.toml", 3, 7}, "unknown key 'perod'", "did you mean 'period'?"};
  BOOST_TEST(format_diagnostic(d) ==
             "spec.toml:3:7: error: unknown key 'perod'; did you mean 'period'?");
  Diagnostic w{Severity::Warning, {"x.txt", 0, 0}, "empty", ""};
  BOOST_TEST(format_diagnostic(w) == "x.txt: warning: empty");
}

BOOST_AUTO_TEST_CASE(suggests_close_names_only) {
  std::vector<std::string> names{"period", "regions", "countries", "languages"};
  BOOST_TEST(did_you_mean("perod", names) == "did you mean 'period'?");
  BOOST_TEST(did_you_mean("Region", names) == "did you mean 'regions'?");
  BOOST_TEST(did_you_mean("zzzzzz", names) == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(finds_first_invalid_byte) {
  BOOST_TEST(utf8_valid("Panamá — 日本"));
  BOOST_TEST(utf8_first_invalid("ab\xC3") == 2u);
  BOOST_TEST(utf8_first_invalid("ab\xC0\xAF") == 2u);        // overlong
  BOOST_TEST(utf8_first_invalid("x\xED\xA0\x80") == 1u);     // surrogate
  BOOST_TEST(utf8_first_invalid("\xF4\x90\x80\x80") == 0u);  // > U+10FFFF
  BOOST_TEST(utf8_length("Panamá") == 6u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(suggestions)

BOOST_AUTO_TEST_CASE(swaps_and_prefixes_are_close) {
  BOOST_TEST(edit_distance("titel", "title", 3) == 1);
  BOOST_TEST(edit_distance("biuld", "build", 3) == 1);
  BOOST_TEST(edit_distance("abc", "abcdefgh", 2) == 3);
  BOOST_TEST(did_you_mean("biuld", {"build", "list", "check"}) == "did you mean 'build'?");
  BOOST_TEST(did_you_mean("--output", {"--output-dir", "--as-of"}) ==
             "did you mean '--output-dir'?");
  BOOST_TEST(did_you_mean("--out", {"--output-dir", "--outline"}) == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(terminal)

// Issue 13: a title with an escape sequence must not reach the terminal.
BOOST_AUTO_TEST_CASE(control_characters_are_escaped) {
  BOOST_TEST(terminal_safe("News\x1B]0;pwned\x07 here") == "News\\x1B]0;pwned\\x07 here");
  BOOST_TEST(terminal_safe("a\tb") == "a\\x09b");
  BOOST_TEST(terminal_safe("a\tb", true) == "a\tb");
  BOOST_TEST(terminal_safe("\x7F") == "\\x7F");
  BOOST_TEST(terminal_safe("C1 \xC2\x9B"
                           "31m") == "C1 \\u009B31m");  // CSI
  BOOST_TEST(terminal_safe("Panamá — 東京") == "Panamá — 東京");
  BOOST_TEST(terminal_safe("bad \xFF byte") == "bad \\xFF byte");
  Diagnostic d;
  d.loc = {"l.txt", 3, 1};
  d.message = "title 'x\x1B[2J'";
  BOOST_TEST(format_diagnostic(d) == "l.txt:3:1: error: title 'x\\x1B[2J'");
}

BOOST_AUTO_TEST_SUITE_END()
