// The corpus phase as a run uses it (corpus/corpus.h): sources read once,
// countries tagged, a spec's pool without the duplicates across its sources.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "base/report.h"
#include "corpus/corpus.h"
#include "support.h"

using namespace gz;
using gz::test::TempDir;
using gz::test::write_file;

namespace {

const char* kListing =
    "9 July, 2021\n"
    "\n"
    "Honduras: local networks trained\n"
    "\n"
    "Officials met in Tegucigalpa.\n"
    "\n"
    "10 July, 2021\n"
    "\n"
    "Regional workshop on migration data\n"
    "\n"
    "Participants met online.\n";

// The second bulletin of kListing again (same day, same title once
// folded), and one of its own.
const char* kOverlapping =
    "10 July, 2021\n"
    "\n"
    "REGIONAL WORKSHOP ON MIGRATION DATA\n"
    "\n"
    "The same meeting, told again.\n"
    "\n"
    "11 July, 2021\n"
    "\n"
    "Guatemala: a new centre\n"
    "\n"
    "It opened.\n";

SourceSpec source(const std::string& path, const std::string& lang = "en") {
  SourceSpec s;
  s.path = path;
  s.lang = lang;
  return s;
}

std::vector<std::string> titles(const std::vector<const Bulletin*>& bs) {
  std::vector<std::string> out;
  for (const Bulletin* b : bs) out.push_back(b->title);
  return out;
}

std::vector<std::string> titles(const std::vector<Bulletin>& bs) {
  std::vector<std::string> out;
  for (const Bulletin& b : bs) out.push_back(b.title);
  return out;
}

using Strings = std::vector<std::string>;

// A bulletin file: front matter (with countries = [...] when given), body.
std::string bulletin_file(const std::string& date, const std::string& title,
                          const std::string& body, const std::string& countries = "") {
  return "+++\ndate = " + date + "\ntitle = \"" + title + "\"\nlang = \"en\"\n" +
         (countries.empty() ? "" : "countries = " + countries + "\n") + "+++\n\n" + body + "\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(corpus_phase)

BOOST_AUTO_TEST_CASE(a_bulletin_two_sources_share_is_in_the_pool_once) {
  TempDir dir;
  write_file(dir / "a.txt", kListing);
  write_file(dir / "b.txt", kOverlapping);
  Corpus corpus;
  CollectingReporter reporter;
  BulletinPool pool = corpus.pool({source(dir / "a.txt"), source(dir / "b.txt")}, reporter);
  BOOST_REQUIRE(pool.bulletins);
  // Source order, the first copy kept.
  BOOST_TEST(titles(*pool.bulletins) ==
                 (Strings{"Honduras: local networks trained", "Regional workshop on migration data",
                          "Guatemala: a new centre"}),
             boost::test_tools::per_element());
  BOOST_TEST((*pool.bulletins)[1]->origin.file == dir / "a.txt");
  // The copy merged away is counted at the source it came from.
  BOOST_REQUIRE(pool.merged.size() == 1u);
  BOOST_TEST(pool.merged[0].first == dir / "b.txt");
  BOOST_TEST(pool.merged[0].second == 1u);
  BOOST_TEST(pool.merged_count() == 1u);
  BOOST_TEST(reporter.items.empty());
}

BOOST_AUTO_TEST_CASE(merged_copies_are_counted_by_source_in_the_order_first_seen) {
  TempDir dir;
  write_file(dir / "a.txt", kListing);
  write_file(dir / "b.txt", kOverlapping);
  write_file(dir / "c.txt", std::string(kListing) + "\n" + kOverlapping);
  Corpus corpus;
  CollectingReporter reporter;
  BulletinPool pool =
      corpus.pool({source(dir / "a.txt"), source(dir / "c.txt"), source(dir / "b.txt")}, reporter);
  BOOST_TEST(pool.bulletins->size() == 3u);
  // c.txt repeats both of a.txt's and its own second copy of the
  // workshop; b.txt only repeats what is already there.
  BOOST_REQUIRE(pool.merged.size() == 2u);
  BOOST_TEST(pool.merged[0].first == dir / "c.txt");
  BOOST_TEST(pool.merged[0].second == 3u);
  BOOST_TEST(pool.merged[1].first == dir / "b.txt");
  BOOST_TEST(pool.merged[1].second == 2u);
  BOOST_TEST(pool.merged_count() == 5u);
}

BOOST_AUTO_TEST_CASE(a_source_named_twice_is_taken_once_and_merges_nothing) {
  TempDir dir;
  write_file(dir / "a.txt", kListing);
  Corpus corpus;
  CollectingReporter reporter;
  // The same file, spelt another way: the same source.
  BulletinPool pool =
      corpus.pool({source(dir / "a.txt"), source(dir.path().string() + "/./a.txt")}, reporter);
  BOOST_TEST(pool.bulletins->size() == 2u);
  BOOST_TEST(pool.merged.empty());
  BOOST_TEST(pool.merged_count() == 0u);
}

BOOST_AUTO_TEST_CASE(the_same_sources_give_the_same_pool) {
  TempDir dir;
  write_file(dir / "a.txt", kListing);
  write_file(dir / "b.txt", kOverlapping);
  Corpus corpus;
  CollectingReporter reporter;
  BulletinPool first = corpus.pool({source(dir / "a.txt"), source(dir / "b.txt")}, reporter);
  BulletinPool again = corpus.pool({source(dir / "a.txt"), source(dir / "b.txt")}, reporter);
  BOOST_TEST(first.bulletins.get() == again.bulletins.get());
  BOOST_TEST(again.merged_count() == 1u);  // still said, for each spec that asks
  // Other sources, another pool; the kept copies are the corpus's own.
  BulletinPool b_only = corpus.pool({source(dir / "b.txt")}, reporter);
  BOOST_TEST(b_only.bulletins.get() != first.bulletins.get());
  BOOST_TEST(b_only.bulletins->size() == 2u);
  BOOST_TEST(b_only.merged.empty());
  BOOST_TEST((*b_only.bulletins)[1] == (*first.bulletins)[2]);
}

BOOST_AUTO_TEST_CASE(a_source_asked_for_twice_is_read_once) {
  TempDir dir;
  write_file(dir / "a.txt", kListing);
  Corpus corpus;
  CollectingReporter reporter;
  const std::vector<Bulletin>& first = corpus.bulletins(source(dir / "a.txt"), reporter);
  BOOST_TEST(first.size() == 2u);
  // Were it read again, it would give one bulletin now.
  write_file(dir / "a.txt", "11 July, 2021\n\nGuatemala: a new centre\n\nIt opened.\n");
  const std::vector<Bulletin>& again = corpus.bulletins(source(dir / "a.txt"), reporter);
  BOOST_TEST(&again == &first);
  BOOST_TEST(titles(again) == (Strings{"Honduras: local networks trained",
                                       "Regional workshop on migration data"}),
             boost::test_tools::per_element());
  // What changes the bulletins makes another source, read on its own.
  SourceSpec title_only = source(dir / "a.txt");
  title_only.countries_from = CountriesFrom::Title;
  BOOST_TEST(titles(corpus.bulletins(title_only, reporter)) == (Strings{"Guatemala: a new centre"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(warnings_are_reported_once_and_a_failure_every_time) {
  TempDir dir;
  write_file(dir / "b/1.md", bulletin_file("2021-07-09", "Floods in Honduras", "Rain."));
  write_file(dir / "b/2.md", "+++\ntitle = \"No date\"\n+++\n\nText.\n");
  SourceSpec skipping = source(dir / "b");
  skipping.on_bad_bulletin = OnBadBulletin::Skip;
  Corpus corpus;
  CollectingReporter reporter;
  BOOST_TEST(corpus.bulletins(skipping, reporter).size() == 1u);
  BOOST_REQUIRE(reporter.items.size() == 1u);
  BOOST_TEST((reporter.items[0].diag.severity == Severity::Warning));
  BOOST_TEST(reporter.items[0].diag.loc.file == dir / "b/2.md");
  BOOST_TEST(corpus.bulletins(skipping, reporter).size() == 1u);
  BOOST_TEST(reporter.items.size() == 1u);  // not again

  // A source that fails throws each time it is asked for (exit 1: a file
  // that cannot be read), and is not read again.
  SourceSpec missing = source(dir / "missing.txt");
  for (int i = 0; i < 2; ++i) {
    try {
      corpus.bulletins(missing, reporter);
      BOOST_FAIL("no Failure");
    } catch (const Failure& f) {
      BOOST_TEST(f.code() == int(kExitRuntime));
      BOOST_TEST(format_diagnostic(f.diag()).find(dir / "missing.txt") != std::string::npos,
                 format_diagnostic(f.diag()));
    }
  }
  // A failing source fails the pool it is in.
  BOOST_CHECK_THROW(corpus.pool({skipping, missing}, reporter), Failure);
  BOOST_TEST(reporter.items.size() == 1u);
}

// Over-long bulletins are dropped where they stand, the others kept in
// their order, a warning each in that order; and one reader reads files
// of any size one after the other (it keeps its text buffer between them).
BOOST_AUTO_TEST_CASE(over_long_bulletins_are_skipped_in_order) {
  TempDir dir;
  std::string long_body;  // over 1 MiB of text, in lines of words
  for (int i = 0; i < 30'000; ++i) long_body += "Rain fell on the hills all day long.\n";
  for (int i = 1; i <= 5; ++i) {
    const std::string title = "Floods " + std::to_string(i);
    write_file(dir / ("b/" + std::to_string(i) + ".md"),
               bulletin_file("2021-07-0" + std::to_string(i), title,
                             i % 2 == 0 ? long_body : std::string("Rain.")));
  }
  SourceSpec skipping = source(dir / "b");
  skipping.on_bad_bulletin = OnBadBulletin::Skip;
  write_file(dir / "a.txt", kListing);
  Corpus corpus;
  CollectingReporter reporter;
  BOOST_TEST(
      titles(corpus.bulletins(source(dir / "a.txt"), reporter)) ==
          (Strings{"Honduras: local networks trained", "Regional workshop on migration data"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      titles(corpus.bulletins(skipping, reporter)) == (Strings{"Floods 1", "Floods 3", "Floods 5"}),
      boost::test_tools::per_element());
  BOOST_REQUIRE(reporter.items.size() == 2u);
  BOOST_TEST(reporter.items[0].diag.loc.file == dir / "b/2.md");
  BOOST_TEST(reporter.items[1].diag.loc.file == dir / "b/4.md");
  BOOST_TEST(reporter.items[1].diag.message.find("bulletin too long") == 0u,
             reporter.items[1].diag.message);
  write_file(dir / "c.txt", "11 July, 2021\n\nGuatemala: a new centre\n");
  BOOST_TEST(titles(corpus.bulletins(source(dir / "c.txt"), reporter)) ==
                 (Strings{"Guatemala: a new centre"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reading_ahead_on_threads_reports_nothing_until_asked) {
  TempDir dir;
  std::vector<SourceSpec> sources;
  for (int i = 0; i < 5; ++i) {
    write_file(dir / ("l" + std::to_string(i) + ".txt"), kListing);
    sources.push_back(source(dir / ("l" + std::to_string(i) + ".txt")));
  }
  write_file(dir / "b/1.md", bulletin_file("2021-07-09", "Floods in Honduras", "Rain."));
  write_file(dir / "b/2.md", "+++\ntitle = \"No date\"\n+++\n\nText.\n");
  sources.push_back(source(dir / "b"));
  sources.back().on_bad_bulletin = OnBadBulletin::Skip;
  sources.push_back(source(dir / "missing.txt"));
  Corpus corpus;
  corpus.read(sources, 3);
  // Read already: what is on disk now is not what they give.
  for (int i = 0; i < 5; ++i) write_file(dir / ("l" + std::to_string(i) + ".txt"), "");
  write_file(dir / "missing.txt", kListing);
  CollectingReporter reporter;
  for (int i = 0; i < 5; ++i) {
    const std::vector<Bulletin>& list = corpus.bulletins(sources[size_t(i)], reporter);
    BOOST_TEST(list.size() == 2u);
    BOOST_TEST(list[0].countries == (Strings{"HN"}), boost::test_tools::per_element());
  }
  BOOST_TEST(reporter.items.empty());
  BOOST_TEST(corpus.bulletins(sources[5], reporter).size() == 1u);
  BOOST_TEST(reporter.items.size() == 1u);  // the bulletin skipped, when asked for
  BOOST_CHECK_THROW(corpus.bulletins(sources[6], reporter), Failure);
}

BOOST_AUTO_TEST_CASE(tagging_fills_countries_only_where_the_source_names_none) {
  TempDir dir;
  write_file(dir / "b/1.md",
             bulletin_file("2021-07-09", "Floods in Honduras", "Rain.", "[\"PA\"]"));
  write_file(dir / "b/2.md", bulletin_file("2021-07-10", "Floods in Honduras", "Rain."));
  write_file(dir / "b/3.md", bulletin_file("2021-07-11", "Floods", "Rain fell on Guatemala."));
  auto countries = [&](CountriesFrom from) {
    SourceSpec src = source(dir / "b");
    src.countries_from = from;
    Corpus corpus;
    CollectingReporter reporter;
    std::vector<Strings> out;
    for (const Bulletin& b : corpus.bulletins(src, reporter)) out.push_back(b.countries);
    BOOST_TEST(reporter.items.empty());
    return out;
  };
  // The countries the source names win over the title's.
  std::vector<Strings> all = countries(CountriesFrom::TitleThenBody);
  BOOST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0] == (Strings{"PA"}), boost::test_tools::per_element());
  BOOST_TEST(all[1] == (Strings{"HN"}), boost::test_tools::per_element());
  BOOST_TEST(all[2] == (Strings{"GT"}), boost::test_tools::per_element());
  std::vector<Strings> title = countries(CountriesFrom::Title);
  BOOST_REQUIRE(title.size() == 3u);
  BOOST_TEST(title[0] == (Strings{"PA"}), boost::test_tools::per_element());
  BOOST_TEST(title[1] == (Strings{"HN"}), boost::test_tools::per_element());
  BOOST_TEST(title[2].empty());
  std::vector<Strings> none = countries(CountriesFrom::None);
  BOOST_REQUIRE(none.size() == 3u);
  BOOST_TEST(none[0] == (Strings{"PA"}), boost::test_tools::per_element());
  BOOST_TEST(none[1].empty());
  BOOST_TEST(none[2].empty());
}

BOOST_AUTO_TEST_CASE(aliases_tag_as_country_names_do) {
  TempDir dir;
  write_file(dir / "a.txt", "9 July, 2021\n\nNews from Catracholandia\n\nText.\n");
  SourceSpec plain = source(dir / "a.txt");
  SourceSpec aliased = plain;
  aliased.aliases = {{"Catracholandia", "HN"}};
  Corpus corpus;
  CollectingReporter reporter;
  BOOST_TEST(corpus.bulletins(plain, reporter)[0].countries.empty());
  BOOST_TEST(corpus.bulletins(aliased, reporter)[0].countries == (Strings{"HN"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fetched_bodies_are_read_with_the_fetch_warnings_first) {
  SourceSpec src;
  src.kind = SourceKind::Url;
  src.url = src.path = "https://example.org/news.txt";
  src.lang = "en";
  Corpus corpus;
  CollectingReporter reporter;
  // Not fetched (gazette check): no bulletins.
  BOOST_TEST(!corpus.has_fetched(src.path));
  SourceSpec other = src;
  other.path = other.url = "https://example.org/other.txt";
  BOOST_TEST(corpus.bulletins(other, reporter).empty());

  FetchedSource fetched;
  fetched.bodies.emplace_back(src.url, kListing);
  fetched.warnings.warning({src.url, 0, 0}, "served from the cache");
  corpus.set_fetched(src.path, std::move(fetched));
  BOOST_TEST(corpus.has_fetched(src.path));
  const std::vector<Bulletin>& list = corpus.bulletins(src, reporter);
  BOOST_REQUIRE(list.size() == 2u);
  BOOST_TEST(list[0].origin.file == src.url);
  BOOST_TEST(list[0].countries == (Strings{"HN"}), boost::test_tools::per_element());
  BOOST_REQUIRE(reporter.items.size() == 1u);
  BOOST_TEST(reporter.items[0].diag.message == "served from the cache");

  // A failed fetch fails the source when it is read, after its warnings.
  SourceSpec failing = src;
  failing.path = failing.url = "https://example.org/down.txt";
  FetchedSource down;
  down.warnings.warning({failing.url, 0, 0}, "retried once");
  try {
    fail({failing.url, 0, 0}, "HTTP 404", {}, kExitBadInput);
  } catch (...) {
    down.failure = std::current_exception();
  }
  corpus.set_fetched(failing.path, std::move(down));
  try {
    corpus.bulletins(failing, reporter);
    BOOST_FAIL("no Failure");
  } catch (const Failure& f) {
    BOOST_TEST(f.diag().message == "HTTP 404");
  }
  BOOST_REQUIRE(reporter.items.size() == 2u);
  BOOST_TEST(reporter.items[1].diag.message == "retried once");
}

BOOST_AUTO_TEST_SUITE_END()
