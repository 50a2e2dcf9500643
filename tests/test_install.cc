// The install tree (`cmake --install`), used the way an operator would:
// installed into a prefix, moved elsewhere (so nothing points back into the
// clone or the build tree), then the installed gazette builds the installed
// example; its man pages render; its bash completion offers the options of
// `gazette help COMMAND`.
#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kBuildDir = GAZETTE_BUILD_DIR;

// The options `gazette help COMMAND` lists ("  -o, --output-dir DIR  ...").
std::set<std::string> help_options(const std::string& gazette, const std::string& command) {
  Result r = run(gazette + " help " + command);
  BOOST_REQUIRE_EQUAL(r.code, 0);
  std::set<std::string> out;
  std::istringstream lines(r.out);
  std::string line;
  bool in_options = false;
  while (std::getline(lines, line)) {
    if (line == "options:") in_options = true;
    if (line.empty()) in_options = false;
    if (!in_options || !line.starts_with("  -")) continue;
    std::istringstream words(line.substr(2, line.find("  ", 2) - 2));
    std::string w;
    while (words >> w) {
      if (w.ends_with(",")) w.pop_back();
      if (w.starts_with("-")) out.insert(w);
    }
  }
  return out;
}

// A prefix with gazette installed, moved from where it was installed.
struct Installed {
  TempDir dir;
  std::string prefix = dir / "moved";
  Installed() {
    Result r = run(std::string(GAZETTE_CMAKE) + " --install " + shell_quote(kBuildDir) +
                   " --prefix " + shell_quote(dir / "stage"));
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    fs::rename(dir / "stage", prefix);
  }
  std::string operator/(const std::string& p) const { return prefix + "/" + p; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(installed_tree_has_every_file) {
  Installed in;
  for (const char* f :
       {"bin/gazette", "share/gazette/fonts/NotoSans-Regular.ttf",
        "share/gazette/fonts/NotoSans-Bold.ttf", "share/gazette/fonts/NotoSans-Italic.ttf",
        "share/gazette/fonts/OFL.txt", "share/man/man1/gazette.1", "share/man/man5/gazette.toml.5",
        "share/bash-completion/completions/gazette",
        "share/doc/gazette/examples/central-america.toml",
        "share/doc/gazette/examples/rosanjose-2021-07.txt",
        "share/doc/gazette/examples/cron/crontab",
        "share/doc/gazette/examples/cron/gazette.service",
        "share/doc/gazette/examples/cron/gazette.timer",
        "share/doc/gazette/examples/cluster/gazette-array.sbatch",
        "share/doc/gazette/examples/cluster/gazette-indexed-job.yaml"})
    BOOST_TEST(fs::is_regular_file(in / f), f);
}

// The installed binary builds the installed example (copied out, as a user
// would) into the same bytes as the build tree's binary builds the clone's;
// it reads the fonts installed next to it, not the clone's.
BOOST_AUTO_TEST_CASE(installed_binary_builds_the_installed_example,
                     *boost::unit_test::label("slow")) {
  Installed in;
  TempDir work;
  fs::copy(in / "share/doc/gazette/examples", work / "examples", fs::copy_options::recursive);
  const std::string gazette = in / "bin/gazette";
  Result r = run("cd " + shell_quote(work / "examples") + " && " + gazette +
                 " build central-america.toml -o ../out");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  Result ref = run(std::string(GAZETTE_BINARY) + " build " + GAZETTE_SOURCE_DIR +
                   "/reports/central-america.toml -o " + shell_quote(work / "ref"));
  BOOST_TEST_REQUIRE(ref.code == 0, ref.err);
  const std::string pdf = read_file(work / "out/Central-America-2021-07.pdf");
  BOOST_TEST(pdf.starts_with("%PDF-"));
  BOOST_TEST((pdf == read_file(work / "ref/Central-America-2021-07.pdf")));

  // The fonts it reads are the installed ones: damaged there, it says so.
  write_file(in / "share/gazette/fonts/NotoSans-Regular.ttf", "not a font\n");
  r = run(gazette + " build " + shell_quote(work / "examples/central-america.toml") + " -o " +
          shell_quote(work / "out2"));
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err) ==
             fs::path(in / "share/gazette/fonts").lexically_normal().string() +
                 "/NotoSans-Regular.ttf: error: not a font file (no OpenType or TrueType table "
                 "directory)");
  BOOST_TEST(!fs::exists(work / "out2/Central-America-2021-07.pdf"));
}

// Both man pages render without a warning from groff, and gazette(1) names
// every option that `gazette help COMMAND` lists.
BOOST_AUTO_TEST_CASE(man_pages_render, *boost::unit_test::label("slow")) {
  if (run("command -v man").code != 0) {
    std::cerr << "SKIPPED man_pages_render: no 'man' (Debian's man-db; scripts/bootstrap "
                 "installs it)\n";
    return;
  }
  Installed in;
  for (const char* page : {"share/man/man1/gazette.1", "share/man/man5/gazette.toml.5"}) {
    Result r =
        run("MANWIDTH=1000 LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l " + shell_quote(in / page));
    BOOST_TEST(r.code == 0, page);
    BOOST_TEST(r.err == "", page);
    BOOST_TEST(r.out.find("NAME") != std::string::npos, page);
  }
  Result r = run("MANWIDTH=1000 LC_ALL=C.UTF-8 man -E ascii -l " +
                 shell_quote(in / "share/man/man1/gazette.1"));
  BOOST_TEST(r.out.find("gazette - compile news bulletins into PDF digests") != std::string::npos);
  for (const char* command : {"build", "list", "check", "fetch"})
    for (const std::string& opt : help_options(in / "bin/gazette", command))
      BOOST_TEST(r.out.find(opt) != std::string::npos,
                 command << ": " << opt << " not in gazette(1)");
  r = run("MANWIDTH=1000 LC_ALL=C.UTF-8 man -E ascii -l " +
          shell_quote(in / "share/man/man5/gazette.toml.5"));
  for (const char* key : {"title", "locale", "time_zone", "[[sources]]", "[select]", "period",
                          "[regions]", "[aliases]", "[layout]", "[output]", "split_by", "on_empty",
                          "[email]", "token_command", "[[variants]]"})
    BOOST_TEST(r.out.find(key) != std::string::npos, key << " not in gazette.toml(5)");
}

// The installed completion offers, after each command, exactly the options
// of its help, and the commands after `gazette`.
BOOST_AUTO_TEST_CASE(bash_completion_offers_the_options_of_each_command,
                     *boost::unit_test::label("slow")) {
  Installed in;
  auto complete = [&](const std::string& words) {
    Result r =
        run("bash -c " +
            shell_quote("source " + shell_quote(in / "share/bash-completion/completions/gazette") +
                        "; COMP_WORDS=(" + words +
                        "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                        "_gazette; printf '%s\\n' \"${COMPREPLY[@]}\""));
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    std::set<std::string> out;
    std::istringstream lines(r.out);
    for (std::string l; std::getline(lines, l);)
      if (!l.empty()) out.insert(l);
    return out;
  };
  BOOST_TEST((complete("gazette ''") == std::set<std::string>{"build", "list", "check", "fetch",
                                                              "help", "--help", "--version"}));
  for (const char* command : {"build", "list", "check", "fetch"})
    BOOST_TEST((complete(std::string("gazette ") + command + " -") ==
                help_options(in / "bin/gazette", command)),
               command);
}
