// Every line a run writes on stderr goes through the Reporter it is given,
// as data: a captured reporter sees the warning, the error and the
// --verbose line of a run as diagnostics (severity, place, message).
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "app/driver.h"
#include "base/report.h"
#include "support.h"

using namespace gz;
using namespace gz::test;

namespace {

class FixedWorld : public World {
 public:
  int64_t now_unix() const override { return 1625097600; }  // 2021-07-01
  std::optional<std::string> env(const std::string&) const override { return std::nullopt; }
  std::string font_dir() const override { return GAZETTE_SOURCE_DIR "/fonts"; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_run_reports_its_diagnostics_as_data) {
  TempDir dir;
  write_file(dir / "b/bad.md", "no front matter\n");
  write_file(dir / "b/good.md",
             "+++\ndate = 2021-07-20\ntitle = \"Good\"\ncountries = [\"CR\"]\n+++\n\nText.\n");
  write_file(dir / "s.toml",
             "title = \"T\"\n\n[[sources]]\npath = \"b\"\nlang = \"en\"\n"
             "on_bad_bulletin = \"skip\"\n\n[select]\nperiod = \"2021-07\"\n\n"
             "[layout]\nglance = false\n[output]\npath = \"t.pdf\"\n");
  write_file(dir / "nope.toml",
             "title = \"T\"\n\n[[sources]]\npath = \"b\"\nlang = \"spanish\"\n"
             "\n[select]\nperiod = \"2021-07\"\n");
  Options opts;
  opts.command = "build";
  opts.specs = {dir / "s.toml", dir / "nope.toml"};
  opts.output_dir = dir / "out";
  opts.verbose = true;
  opts.progress = true;
  opts.jobs = 2;
  FixedWorld world;
  std::ostringstream out;
  CollectingReporter reporter;
  BOOST_TEST(run_command(opts, world, out, reporter) == kExitBadInput);
  BOOST_TEST(out.str() == "");

  const auto& items = reporter.items;
  BOOST_TEST_REQUIRE(items.size() == 3u, reporter.text());
  const Diagnostic* d[] = {&items[0].diag, &items[1].diag, &items[2].diag};
  // The second spec's mistake, at its line and column: the plan of the
  // whole run is made before any source is read.
  BOOST_TEST(!items[0].info);
  BOOST_TEST((d[0]->severity == Severity::Error));
  BOOST_TEST(d[0]->loc.file == dir / "nope.toml");
  BOOST_TEST(d[0]->loc.line == 5);
  BOOST_TEST(d[0]->loc.col == 8);
  BOOST_TEST(d[0]->message == "unknown language 'spanish'");
  BOOST_TEST(d[0]->hint == "did you mean 'es' (Spanish)?");
  // Then the bulletin left out as the first spec's source is read.
  BOOST_TEST(!items[1].info);
  BOOST_TEST((d[1]->severity == Severity::Warning));
  BOOST_TEST(d[1]->loc.file == dir / "b/bad.md");
  BOOST_TEST(d[1]->message == "expected front matter: a '+++' line, TOML, and another '+++' line");
  // --verbose: what the first spec wrote.
  BOOST_TEST(items[2].info);
  BOOST_TEST(d[2]->loc.file == "gazette");
  BOOST_TEST(d[2]->message ==
             "wrote " + dir / "out/t.pdf" + " (1 bulletin, 2 pages)");  // the contents on the cover
  // The progress line: one variant built, then cleared.
  using Calls = std::vector<std::pair<size_t, size_t>>;
  BOOST_TEST((reporter.progress_calls == Calls{{1, 1}, {0, 0}}));
}
