#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "base/date.h"
#include "base/diag.h"
#include "base/parallel.h"
#include "base/report.h"
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
  // Past runs of ASCII (read eight bytes at a time), and across their ends.
  BOOST_TEST(utf8_first_invalid("abcdefghijklmnop\xC3") == 16u);
  BOOST_TEST(utf8_first_invalid("abcdefgh\xFFijklmnop") == 8u);
  BOOST_TEST(utf8_first_invalid("abcdefghij\xED\xA0\x80 and more text") == 10u);
  BOOST_TEST(utf8_first_invalid("abcdefg\xE2\x82\xAC and more ASCII text") ==
             std::string_view::npos);
  BOOST_TEST(utf8_first_invalid("abcdefghijklmno\xE2\x82") == 15u);  // cut short at the end
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

BOOST_AUTO_TEST_SUITE(reporter)

// The one place stderr's lines are formatted.
BOOST_AUTO_TEST_CASE(formats_every_kind_of_line) {
  std::ostringstream err;
  StreamReporter r(err);
  r.error("no command given", "run it with one");
  r.report(Diagnostic{Severity::Warning, {"s.toml", 0, 0}, "odd", {}});
  r.info(verbose_line("wrote out/t.pdf (1 bulletin, 1 page)"));
  Diagnostic usage;
  usage.message = "run 'gazette --help' for usage";
  r.info(usage);
  r.progress(1, 2);
  r.progress(0, 0);
  BOOST_TEST(err.str() ==
             "gazette: error: no command given; run it with one\n"
             "s.toml: warning: odd\n"
             "gazette: wrote out/t.pdf (1 bulletin, 1 page)\n"
             "run 'gazette --help' for usage\n"
             "\rgazette: built 1 of 2\r\033[K");
  // --quiet: errors only.
  err.str("");
  r.show_warnings(false);
  r.warning("odd");
  r.error("bad");
  BOOST_TEST(err.str() == "gazette: error: bad\n");
}

BOOST_AUTO_TEST_CASE(collects_diagnostics_as_data) {
  CollectingReporter r;
  r.warning("w");
  r.report(Diagnostic{Severity::Error, {"f", 2, 3}, "e", {}});
  r.info(verbose_line("sent d.pdf to a@example.org"));
  BOOST_TEST_REQUIRE(r.items.size() == 3u);
  BOOST_TEST((r.items[0].diag.severity == Severity::Warning));
  BOOST_TEST(r.items[1].diag.loc.line == 2);
  BOOST_TEST(!r.items[1].info);
  BOOST_TEST(r.items[2].info);
  BOOST_TEST(r.text() ==
             "gazette: warning: w\nf:2:3: error: e\ngazette: sent d.pdf to a@example.org\n");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parallel)

BOOST_AUTO_TEST_CASE(every_index_once_results_in_order) {
  for (int jobs : {0, 1, 2, 4, 64}) {
    std::vector<size_t> out(100, 0);
    std::vector<std::atomic<int>> calls(100);
    parallel_for(out.size(), jobs, [&](size_t i) {
      out[i] = i * i;
      ++calls[i];
    });
    for (size_t i = 0; i < out.size(); ++i) {
      BOOST_TEST(out[i] == i * i);
      BOOST_TEST(calls[i] == 1);
    }
  }
  parallel_for(0, 4, [](size_t) { BOOST_FAIL("no item"); });
}

BOOST_AUTO_TEST_CASE(bounded_by_jobs_with_a_state_per_thread) {
  std::atomic<int> states{0}, running{0}, most{0};
  std::mutex m;
  std::set<std::thread::id> ids;
  parallel_for(
      64, 3,
      [&](int thread) {
        BOOST_TEST(thread >= 0);
        BOOST_TEST(thread < 3);
        ++states;
        return std::make_unique<int>(thread);
      },
      [&](std::unique_ptr<int>& state, size_t) {
        BOOST_TEST(*state >= 0);
        int now = ++running;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        {
          std::lock_guard lock(m);
          ids.insert(std::this_thread::get_id());
        }
        std::this_thread::yield();
        --running;
      });
  BOOST_TEST(most <= 3);
  BOOST_TEST(states <= 3);
  BOOST_TEST(int(ids.size()) == states);
  // jobs = 1: all on the calling thread.
  const std::thread::id self = std::this_thread::get_id();
  parallel_for(8, 1, [&](size_t) { BOOST_TEST((std::this_thread::get_id() == self)); });
}

// The exception of the lowest failing index, whatever the threads; every
// item before it ran, none after it started on the calling thread's side.
BOOST_AUTO_TEST_CASE(the_lowest_failure_is_rethrown) {
  for (int jobs : {1, 2, 8}) {
    std::vector<std::atomic<int>> ran(200);
    try {
      parallel_for(ran.size(), jobs, [&](size_t i) {
        ++ran[i];
        if (i == 37 || i == 150) throw std::runtime_error("item " + std::to_string(i));
      });
      BOOST_FAIL("no exception");
    } catch (const std::runtime_error& e) {
      BOOST_TEST(std::string(e.what()) == "item 37");
    }
    for (size_t i = 0; i <= 37; ++i) BOOST_TEST(ran[i] == 1);
    if (jobs == 1)
      for (size_t i = 38; i < ran.size(); ++i) BOOST_TEST(ran[i] == 0);
  }
  // A state that cannot be made fails its item.
  BOOST_CHECK_THROW(
      parallel_for(
          4, 2, [](int) -> int { throw std::runtime_error("no state"); }, [](int, size_t) {}),
      std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
