// End to end: the real gazette binary on the seed listing and small specs,
// its PDFs read back with qpdf and poppler.
#include <boost/test/unit_test.hpp>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kSeed = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";

// A spec over the seed listing, with [select] and extra top-level lines.
std::string spec_text(const std::string& select, const std::string& top = "",
                      const std::string& rest = "") {
  return "title = \"Central America — Monthly Digest\"\n" + top + "\n[[sources]]\npath = \"" +
         kSeed + "\"\nlang = \"en\"\n\n[select]\n" + select + "\n" + rest;
}

Result gazette(const std::string& args) {
  // The locale and time zone come from CTest, which runs this suite twice
  // (C.UTF-8, and tr_TR.UTF-8 in another zone): output must not change.
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

std::string pdftotext(const std::string& pdf) {
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return squash(r.out);
}

// The fifth column is the source file and line of each bulletin.
const std::string kJuly013 =
    "2021-07-09\tMX\ten\tForum on Migration Policy Outlines the Challenges and Needs of "
    "Southern Mexico for 2020-2024\t" +
    kSeed +
    ":61\n"
    "2021-07-15\tCR\ten\tCosta Rica: IOM and the Municipality of Mora Inaugurate Municipal "
    "Center for Migrants\t" +
    kSeed +
    ":46\n"
    "2021-07-16\tPA\ten\tInformation sessions on the protection of migrants with a human "
    "rights focus are held in Panama\t" +
    kSeed +
    ":38\n"
    "2021-07-23\tGT,HN,SV\ten\tCentral American Countries Trained their Cross-border and "
    "Local Networks on Border Management and Health\t" +
    kSeed +
    ":32\n"
    "2021-07-26\tSV\ten\tIOM Presented Standard Operating Procedures for the Care and "
    "Assistance of Mixed Migratory Flows at Land Borders in El Salvador\t" +
    kSeed +
    ":26\n"
    "2021-07-29\tPA\ten\tIOM Strengthens Migrant Reception Station Management Capacities in "
    "Panama\t" +
    kSeed +
    ":20\n"
    "2021-07-30\tHN\ten\tIOM Builds Synergies within Local Migration Networks in Honduras\t" +
    kSeed + ":14\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(list_selects_the_seven_central_american_july_bulletins) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]"));
  Result r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == "");
  BOOST_TEST(r.out == kJuly013);
}

// libcurl is opened only to send or fetch (src/deliver/curl_library.cc): a
// build that does neither does not load it or the libraries it needs. The
// email and fetched-source tests show that it is loaded when needed.
// Likewise libcrypto, opened at the first SHA-256 (src/deliver/hash.cc):
// a build without --if-changed hashes nothing; and GMime, opened at the
// first GMime call (src/base/gmime_library.cc): this spec has no [email].
BOOST_AUTO_TEST_CASE(a_build_that_neither_sends_nor_fetches_does_not_load_libcurl) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]"));
  Result r =
      run("env -u SOURCE_DATE_EPOCH LD_DEBUG=files LD_DEBUG_OUTPUT=" + shell_quote(dir / "ld") +
          " " + kGazette + " build " + shell_quote(dir / "s.toml") + " --output-dir " +
          shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::string loaded;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().filename().string().rfind("ld.", 0) == 0) loaded += read_file(e.path().string());
  }
  // The loader's log names what it loads (ICU, always), so its silence on
  // libcurl means something.
  BOOST_TEST_REQUIRE(loaded.find("libicuuc.so") != std::string::npos, loaded.substr(0, 2000));
  BOOST_TEST(loaded.find("libcurl") == std::string::npos);
  BOOST_TEST(loaded.find("libgnutls") == std::string::npos);
  BOOST_TEST(loaded.find("libcrypto") == std::string::npos);
  BOOST_TEST(loaded.find("libgmime") == std::string::npos);
  BOOST_TEST(loaded.find("libgobject") == std::string::npos);
  BOOST_TEST(std::filesystem::exists(dir / "out"));
}

// A library opened at first use that cannot be loaded, or lacks a function
// Gazette calls, is one error line naming it and exit 1, never a crash; the
// digest it was needed for is not written. The loader looks in
// LD_LIBRARY_PATH first: there, libcrypto.so.3 is an empty file (not a
// library) and libgmime-3.0.so.0 a copy of zlib (no GMime functions).
BOOST_AUTO_TEST_CASE(a_library_that_cannot_be_loaded_is_an_error_not_a_crash) {
  TempDir dir;
  std::filesystem::create_directories(dir / "lib");
  write_file(dir / "lib/libcrypto.so.3", "");
  std::filesystem::copy_file("/lib/x86_64-linux-gnu/libz.so.1", dir / "lib/libgmime-3.0.so.0");
  const std::string env = "env LD_LIBRARY_PATH=" + shell_quote(dir / "lib") + " ";
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]"));
  // --if-changed hashes with libcrypto.
  Result r = run(env + kGazette + " build --if-changed --state-dir " + shell_quote(dir / "state") +
                 " " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err == "gazette: error: cannot load libcrypto.so.3 (OpenSSL, for SHA-256): " +
                          dir / "lib/libcrypto.so.3" + ": file too short\n");
  BOOST_TEST(!std::filesystem::exists(dir / "out/Central-America-2021-07.pdf"));
  // An [email] address is parsed with GMime when the spec is checked.
  write_file(dir / "m.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]") +
                                 "[email]\nfrom = \"d@example.org\"\nto = [\"o@example.org\"]\n"
                                 "url = \"smtp://127.0.0.1:1\"\ntls = \"off\"\n");
  r = run(env + kGazette + " check " + shell_quote(dir / "m.toml"));
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err).starts_with("gazette: error: libgmime-3.0.so.0 has no "), r.err);
  BOOST_TEST(first_line(r.err).ends_with(": Gazette needs GMime 3.2 or later"), r.err);
}

BOOST_AUTO_TEST_CASE(the_pdf_holds_the_same_seven_bulletins) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]"));
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == "");
  std::string pdf = dir / "out/Central-America-2021-07.pdf";
  BOOST_TEST(run("qpdf --check " + shell_quote(pdf)).code == 0);
  std::string text = pdftotext(pdf);
  std::istringstream lines(kJuly013);
  for (std::string line; std::getline(lines, line);) {
    std::string title = line.substr(0, line.rfind('\t'));  // the title is the 4th column
    title = title.substr(title.rfind('\t') + 1);
    BOOST_TEST(text.find(title) != std::string::npos, "missing: " << title);
  }
  BOOST_TEST(text.find("Guyana concludes") == std::string::npos);
  BOOST_TEST(text.find("Mexico Concludes Specialized Course") == std::string::npos);
  BOOST_TEST(text.find("Trafficking in Persons") == std::string::npos);
  // The cover: title, period, region, count; the footer.
  BOOST_TEST(text.starts_with("Central America — Monthly Digest July 2021"), text.substr(0, 200));
  BOOST_TEST(text.find("Central America") != std::string::npos);
  BOOST_TEST(text.find("7 bulletins") != std::string::npos);
  BOOST_TEST(text.find("Page 1 of ") != std::string::npos);
  // Groups in English collation order: Costa Rica, El Salvador, Guatemala, Honduras...
  auto at = [&](const char* s) { return text.find(s, text.find("Contents")); };
  BOOST_TEST(at("Costa Rica") < at("El Salvador"));
  BOOST_TEST(at("El Salvador") < at("Guatemala"));
  BOOST_TEST(at("Honduras") < at("Mexico"));
  BOOST_TEST(at("Mexico") < at("Panama"));
}

BOOST_AUTO_TEST_CASE(the_pdf_embeds_the_bundled_fonts, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]"));
  BOOST_TEST_REQUIRE(
      gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir.path().string()))
          .code == 0);
  Result fonts = run("pdffonts " + shell_quote(dir / "Central-America-2021-07.pdf"));
  BOOST_TEST(fonts.code == 0);
  BOOST_TEST(fonts.out.find("NotoSans") != std::string::npos, fonts.out);
  std::istringstream lines(fonts.out);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);  // header and rule
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    BOOST_TEST(line.find(" yes ") != std::string::npos, "not embedded: " << line);
  }
  BOOST_TEST(count >= 2);
}

BOOST_AUTO_TEST_CASE(spanish_report_words_come_from_icu, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml",
             spec_text("period = \"2021-07\"\nregions = [\"Centroamérica\"]", "locale = \"es\"\n"));
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::string text = pdftotext(dir / "out/Centroamérica-2021-07.pdf");
  BOOST_TEST(text.find("julio de 2021") != std::string::npos, text.substr(0, 300));
  BOOST_TEST(text.find("Centroamérica") != std::string::npos);
  BOOST_TEST(text.find("Panamá") != std::string::npos);
  BOOST_TEST(text.find("7 boletines") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_builds_are_byte_identical, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml",
             spec_text("period = \"last-month\"\nregions = [\"013\"]\ncountries = [\"GY\"]"));
  std::string args = "build " + shell_quote(dir / "s.toml") + " --as-of 2021-08-10 -o ";
  BOOST_TEST_REQUIRE(gazette(args + shell_quote(dir / "a")).code == 0);
  BOOST_TEST_REQUIRE(gazette(args + shell_quote(dir / "b")).code == 0);
  std::string name = "/Central-America+Guyana-2021-07.pdf";
  std::string a = read_file(dir / ("a" + name)), b = read_file(dir / ("b" + name));
  BOOST_TEST(!a.empty());
  BOOST_TEST((a == b));
  BOOST_TEST(pdftotext(dir / ("a" + name)).find("8 bulletins") != std::string::npos);
  // SOURCE_DATE_EPOCH sets CreationDate, and only it changes.
  Result r = run("SOURCE_DATE_EPOCH=1628000000 " + kGazette + " " + args + shell_quote(dir / "c"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  Result info = run("pdfinfo -isodates " + shell_quote(dir / ("c" + name)));
  BOOST_TEST(info.out.find("2021-08-03T14:13:20") != std::string::npos, info.out);
}

BOOST_AUTO_TEST_CASE(a_period_without_bulletins_says_so, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2020-01\"\nregions = [\"013\"]"));
  Result list = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(list.code == 0);
  BOOST_TEST(list.out == "");
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::string pdf = dir / "out/Central-America-2020-01.pdf";
  BOOST_TEST(run("qpdf --check " + shell_quote(pdf)).code == 0);
  std::string text = pdftotext(pdf);
  BOOST_TEST(text.find("No bulletins in this period.") != std::string::npos, text);
  BOOST_TEST(text.find("0 bulletins") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(a_bad_spec_is_reported_at_its_position_and_writes_nothing) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"Central Amrica\"]"));
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":9:12: error: unknown region 'Central Amrica'; "
                                      "did you mean 'Central America'?");
  BOOST_TEST(!std::filesystem::exists(dir / "out"));
}

BOOST_AUTO_TEST_CASE(a_bad_listing_keeps_the_earlier_pdf) {
  TempDir dir;
  std::string listing = dir / "l.txt";
  write_file(listing, "2 July, 2021\n\nNews from Panama\n\nBody.\n");
  std::string spec =
      "title = \"T\"\n[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n"
      "[select]\nperiod = \"2021-07\"\n[output]\npath = \"d.pdf\"\n";
  write_file(dir / "s.toml", spec);
  std::string cmd = "build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out");
  BOOST_TEST_REQUIRE(gazette(cmd).code == 0);
  std::string before = read_file(dir / "out/d.pdf");
  BOOST_TEST(!before.empty());
  write_file(listing, "2 July, 2021\n\nNews from Panama\n\n31 February, 2021\n\nX\n");
  Result r = gazette(cmd);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == listing + ":5:1: error: no such date '31 February, 2021'");
  BOOST_TEST((read_file(dir / "out/d.pdf") == before));
  // No temporary file left behind either.
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir / "out"))
    files += bool(e.is_regular_file());
  BOOST_TEST(files == 1);
}

BOOST_AUTO_TEST_CASE(an_output_path_outside_the_output_dir_is_refused) {
  TempDir dir;
  write_file(dir / "s.toml",
             spec_text("period = \"2021-07\"", "", "[output]\npath = \"../x.pdf\"\n"));
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir / "s.toml" + ":10:8: error: output path '../x.pdf' leaves the output folder");
  BOOST_TEST(!std::filesystem::exists(dir / "x.pdf"));
}

BOOST_AUTO_TEST_CASE(check_reads_everything_and_writes_nothing) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"2021-07\"\nregions = [\"013\"]"));
  Result r = run("cd " + shell_quote(dir.path().string()) + " && " + kGazette + " check s.toml");
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err == "");
  BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()),
                           std::filesystem::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  Result r = gazette("biuld x.toml");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == "gazette: error: unknown command 'biuld'; did you mean 'build'?");
  r = gazette("build --as-of 2021-02-30 x.toml");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             "gazette: error: --as-of: '2021-02-30' is not a valid date (YYYY-MM-DD)");
  r = gazette("build --output x.toml");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             "gazette: error: unknown option '--output'; did you mean '--output-dir'?");
  r = gazette("list");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == "gazette: error: 'list' needs at least one spec file");
  r = gazette("list /nonexistent/spec.toml");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err).starts_with("/nonexistent/spec.toml: error: cannot read spec"));
  BOOST_TEST(gazette("--version").out == "gazette 0.1.0\n");
  BOOST_TEST(gazette("--help").out.find("usage: gazette") == 0u);
}

// Each command's help shows its own options and no other command's.
BOOST_AUTO_TEST_CASE(each_command_has_its_own_help, *boost::unit_test::label("slow")) {
  const std::vector<std::string> build_only = {"--output-dir", "--verbose", "--shard",
                                               "--if-changed", "--send",    "--dry-run",
                                               "--resend",     "--wait"};
  Result build = gazette("build --help");
  BOOST_TEST(build.code == 0);
  BOOST_TEST(build.out.starts_with("usage: gazette build SPEC... [options]\n"), build.out);
  for (const char* o : {"--as-of DATE", "-o, --output-dir DIR", "--font-dir DIR", "-j, --jobs N",
                        "--shard K/N", "--state-dir DIR", "--send", "-h, --help"})
    BOOST_TEST(build.out.find(o) != std::string::npos, o);
  BOOST_TEST(build.out.find("--version") == std::string::npos);
  for (std::string command : {"list", "check"}) {
    Result r = gazette(command + " --help");
    BOOST_TEST(r.code == 0);
    BOOST_TEST(r.out.starts_with("usage: gazette " + command + " SPEC... [options]\n"), r.out);
    for (const char* o : {"--as-of DATE", "--font-dir DIR", "-j, --jobs N", "-h, --help"})
      BOOST_TEST(r.out.find(o) != std::string::npos, command << ' ' << o);
    for (const std::string& o : build_only)
      BOOST_TEST(r.out.find(o) == std::string::npos, command << ' ' << o);
    BOOST_TEST(gazette("help " + command).out == r.out);
  }
  BOOST_TEST(gazette("help build").out == build.out);
  // The HTTP cache of fetched sources is in the state folder.
  BOOST_TEST(gazette("list --help").out.find("--state-dir DIR") != std::string::npos);
  BOOST_TEST(gazette("check --help").out.find("--state-dir") == std::string::npos);
  Result fetch = gazette("fetch --help");
  BOOST_TEST(fetch.code == 0);
  for (const char* o : {"--as-of DATE", "-j, --jobs N", "--state-dir DIR", "--record DIR"})
    BOOST_TEST(fetch.out.find(o) != std::string::npos, o);
  for (const std::string& o : build_only)
    BOOST_TEST(fetch.out.find(o) == std::string::npos, "fetch " << o);
  // The general help names the commands, not their options.
  Result all = gazette("--help");
  BOOST_TEST(all.code == 0);
  BOOST_TEST(all.out.find("  build SPEC...") != std::string::npos, all.out);
  BOOST_TEST(all.out.find("--output-dir") == std::string::npos, all.out);
  BOOST_TEST(gazette("help").out == all.out);
  BOOST_TEST(gazette("-h").out == all.out);
}

BOOST_AUTO_TEST_CASE(options_take_values_either_way_and_mistakes_are_named,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", spec_text("period = \"last-month\"\nregions = [\"013\"]"));
  const std::string spec = shell_quote(dir / "s.toml");
  Result equals = gazette("list --as-of=2021-08-15 --jobs=1 " + spec);
  BOOST_TEST(equals.code == 0, equals.err);
  BOOST_TEST(equals.out == kJuly013);
  Result spaced = gazette("list " + spec + " --as-of 2021-08-15 -j 1");
  BOOST_TEST(spaced.out == kJuly013);

  struct Case {
    std::string args, first_line, second_line;
  };
  const std::vector<Case> cases = {
      {"list --as-of=2021-02-30 x.toml",
       "gazette: error: --as-of: '2021-02-30' is not a valid date (YYYY-MM-DD)",
       "run 'gazette help list' for usage"},
      {"build x.toml --as-of", "gazette: error: --as-of needs a date (YYYY-MM-DD)",
       "run 'gazette help build' for usage"},
      {"build --jobs=0 x.toml", "gazette: error: --jobs needs a number from 1 to 256, not '0'",
       "run 'gazette help build' for usage"},
      {"check x.toml -j two", "gazette: error: --jobs needs a number from 1 to 256, not 'two'",
       "run 'gazette help check' for usage"},
      {"build x.toml -o ''", "gazette: error: --output-dir needs a folder",
       "run 'gazette help build' for usage"},
      {"list --as-off 2021-08-15 x.toml",
       "gazette: error: unknown option '--as-off'; did you mean '--as-of'?",
       "run 'gazette help list' for usage"},
      {"list --output-dir out x.toml",
       "gazette: error: unknown option '--output-dir'; it is an option of 'gazette build', not "
       "of 'list'",
       "run 'gazette help list' for usage"},
      {"check --sends x.toml",
       "gazette: error: unknown option '--sends'; did you mean '--send'? (an option of "
       "'gazette build')",
       "run 'gazette help check' for usage"},
      {"--verbose build x.toml",
       "gazette: error: unknown option '--verbose' before the command; write it after the "
       "command: 'gazette build --verbose'",
       "run 'gazette --help' for usage"},
      {"help biuld", "gazette: error: unknown command 'biuld'; did you mean 'build'?",
       "run 'gazette --help' for usage"},
      {"", "gazette: error: no command given", "run 'gazette --help' for usage"},
      {"build --resend x.toml", "gazette: error: --resend goes with --send",
       "run 'gazette help build' for usage"},
  };
  for (const Case& c : cases) {
    Result r = gazette(c.args);
    BOOST_TEST(r.code == 2, c.args);
    BOOST_TEST(r.out == "", c.args);
    BOOST_TEST(r.err == c.first_line + "\n" + c.second_line + "\n", c.args);
  }
}

BOOST_AUTO_TEST_SUITE_END()
