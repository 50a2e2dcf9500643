// End to end: the command line as scripts use it: `list --format`, --header,
// --quiet, --verbose's plurals, language names.
#include <boost/test/unit_test.hpp>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kSeed = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";

Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH " + kGazette + " " + args);
}

// The seed in July 2021, one PDF per country of Costa Rica and Panama.
std::string split_spec() {
  return "title = \"Digest\"\n\n[[sources]]\npath = \"" + kSeed +
         "\"\nlang = \"en\"\n\n[select]\nperiod = \"2021-07\"\ncountries = [\"CR\", \"PA\", "
         "\"BZ\"]\n\n[output]\npath = \"{country}.pdf\"\nsplit_by = [\"country\"]\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_scripting)

// Python's json reads it; every variant is there, empty ones too, with every
// field; the outputs are the files `build` writes.
BOOST_AUTO_TEST_CASE(list_json_parses_and_has_every_field, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", split_spec());
  Result r = gazette("list --format json " + shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  write_file(dir / "list.json", r.out);
  Result py = run(
      "/usr/bin/python3 -c " +
      shell_quote(
          "import json, sys\n"
          "v = json.load(open(sys.argv[1]))\n"
          "assert isinstance(v, list)\n"
          "for x in v:\n"
          "  assert set(x) == {'spec', 'variant', 'output', 'locale', 'period', 'bulletins'}, x\n"
          "  assert set(x['period']) == {'first', 'last'}\n"
          "  for b in x['bulletins']:\n"
          "    assert set(b) == {'date', 'countries', 'lang', 'title', 'source'}, b\n"
          "    assert isinstance(b['countries'], list)\n"
          "for x in v:\n"
          "  print(x['output'], x['period']['first'], x['period']['last'], len(x['bulletins']),\n"
          "        ' '.join(c for b in x['bulletins'] for c in b['countries']))\n") +
      " " + shell_quote(dir / "list.json"));
  BOOST_TEST_REQUIRE(py.code == 0, py.err);
  BOOST_TEST(py.out ==
             "Belize.pdf 2021-07-01 2021-07-31 0 \n"
             "Costa-Rica.pdf 2021-07-01 2021-07-31 1 CR\n"
             "Panama.pdf 2021-07-01 2021-07-31 2 PA PA\n");
  Result b = gazette("build -o " + shell_quote(dir / "out") + " " + shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(b.code == 0, b.err);
  for (const char* f : {"Belize.pdf", "Costa-Rica.pdf", "Panama.pdf"})
    BOOST_TEST(std::filesystem::exists(dir / (std::string("out/") + f)), f);
}

BOOST_AUTO_TEST_CASE(list_tsv_and_csv_name_each_rows_variant_and_output) {
  TempDir dir;
  write_file(dir / "s.toml", split_spec());
  Result r = gazette("list --format tsv --header " + shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(first_line(r.out) == "date\tcountries\tlang\ttitle\tsource\tvariant\toutput");
  BOOST_TEST(r.out.find("\tCR\ten\tCosta Rica: IOM and the Municipality of Mora Inaugurate "
                        "Municipal Center for Migrants\t" +
                        kSeed + ":46\t\tCosta-Rica.pdf\n") != std::string::npos,
             r.out);
  r = gazette("list --format csv --header " + shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  write_file(dir / "list.csv", r.out);
  Result py = run("/usr/bin/python3 -c " +
                  shell_quote("import csv, sys\n"
                              "rows = list(csv.reader(open(sys.argv[1], newline='')))\n"
                              "print(rows[0])\n"
                              "for row in rows[1:]: print(len(row), row[1], row[6])\n") +
                  " " + shell_quote(dir / "list.csv"));
  BOOST_TEST_REQUIRE(py.code == 0, py.err);
  BOOST_TEST(py.out ==
             "['date', 'countries', 'lang', 'title', 'source', 'variant', 'output']\n"
             "7 CR Costa-Rica.pdf\n7 PA Panama.pdf\n7 PA Panama.pdf\n");
  // Without --format: the five columns, as before.
  r = gazette("list " + shell_quote(dir / "s.toml"));
  BOOST_TEST(first_line(r.out).starts_with("2021-07-15\tCR\ten\tCosta Rica: "));
  BOOST_TEST(first_line(r.out).ends_with(kSeed + ":46"));
}

// A title with an escape sequence (it could retitle or clear the terminal)
// is printed escaped in the text formats; JSON escapes control characters
// itself.
BOOST_AUTO_TEST_CASE(list_never_prints_a_control_character_raw) {
  TempDir dir;
  write_file(dir / "l.txt", "2021-07-02\n\nPanama\x1B]0;pwned\x07 news\tand more\n\nBody.\n");
  write_file(dir / "s.toml",
             "title = \"T\"\n[[sources]]\npath = \"l.txt\"\nlang = \"en\"\n[select]\nperiod = "
             "\"2021-07\"\n");
  const std::string spec = shell_quote(dir / "s.toml");
  Result plain = gazette("list " + spec);
  BOOST_TEST_REQUIRE(plain.code == 0, plain.err);
  // (The reader folds the tab into a space.)
  BOOST_TEST(plain.out.find("\tPanama\\x1B]0;pwned\\x07 news and more\t") != std::string::npos,
             plain.out);
  for (const char* format : {"tsv", "csv", "json"}) {
    Result r = gazette("list --format " + std::string(format) + " " + spec);
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    BOOST_TEST(r.out.find('\x1B') == std::string::npos, format);
    BOOST_TEST(r.out.find('\x07') == std::string::npos, format);
  }
}

BOOST_AUTO_TEST_CASE(list_format_is_checked) {
  Result r = gazette("list --format jsno x.toml");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             "gazette: error: --format needs tsv, csv or json, not 'jsno'; did you mean 'json'?");
  r = gazette("list --format json --header x.toml");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             "gazette: error: --header goes with --format tsv or csv, not json");
}

// --quiet: no warnings (a bulletin left out), errors still; --verbose says
// "1 bulletin", "1 page" in the singular.
BOOST_AUTO_TEST_CASE(quiet_and_verbose, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "b/bad.md", "no front matter\n");
  write_file(dir / "b/good.md",
             "+++\ndate = 2021-07-20\ntitle = \"Good\"\ncountries = [\"CR\"]\n+++\n\nText.\n");
  write_file(dir / "s.toml",
             "title = \"T\"\n\n[[sources]]\npath = \"b\"\nlang = \"en\"\n"
             "on_bad_bulletin = \"skip\"\n\n[select]\nperiod = \"2021-07\"\n\n"
             "[output]\npath = \"t.pdf\"\n");
  Result r = gazette("build -o " + shell_quote(dir / "out") + " " + shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err.find(": warning: ") != std::string::npos, r.err);
  r = gazette("build --quiet -o " + shell_quote(dir / "out") + " " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == "");
  r = gazette("list -q " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.err == "");
  BOOST_TEST(r.out.find("\tGood\t") != std::string::npos);
  r = gazette("build -v -o " + shell_quote(dir / "out") + " " + shell_quote(dir / "s.toml"));
  BOOST_TEST(
      r.err.find("gazette: wrote " + dir / "out/t.pdf" + " (1 bulletin, ") != std::string::npos,
      r.err);
  r = gazette("build -q -v " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == "gazette: error: --quiet and --verbose contradict each other");
  write_file(dir / "nope.toml",
             "title = \"T\"\n\n[[sources]]\npath = \"b\"\nlang = \"spanish\"\n"
             "\n[select]\nperiod = \"2021-07\"\n");
  r = gazette("build --quiet " + shell_quote(dir / "nope.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "nope.toml" +
                                      ":5:8: error: unknown language 'spanish'; did you mean 'es' "
                                      "(Spanish)?");
}

// An empty digest is written but not emailed, unless [email] send_empty;
// then it is, with a warning.
BOOST_AUTO_TEST_CASE(empty_digest_is_not_emailed_unless_send_empty,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string email =
      "\n[email]\nfrom = \"d@example.org\"\nto = [\"o@example.org\"]\n"
      "url = \"smtp://127.0.0.1:1\"\ntls = \"off\"\n";
  write_file(dir / "s.toml", split_spec() + email);
  Result r = gazette("build -v --send --dry-run -o " + shell_quote(dir / "out") + " " +
                     shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(std::filesystem::exists(dir / "out/Belize.pdf"));
  BOOST_TEST(!std::filesystem::exists(dir / "out/Belize.eml"));
  BOOST_TEST(std::filesystem::exists(dir / "out/Panama.eml"));
  BOOST_TEST(
      r.err.find("gazette: not emailing " + dir / "out/Belize.pdf" +
                 " (no bulletins; [email] send_empty = true would send it)\n") != std::string::npos,
      r.err);
  write_file(dir / "s.toml", split_spec() + email + "send_empty = true\n");
  r = gazette("build --send --dry-run -o " + shell_quote(dir / "out") + " " +
              shell_quote(dir / "s.toml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(std::filesystem::exists(dir / "out/Belize.eml"));
  BOOST_TEST(r.err == dir / "out/Belize.pdf" +
                          ": warning: emailing a digest with no bulletins ([email] send_empty = "
                          "true in " +
                          dir / "s.toml" + ")\n");
  write_file(dir / "s.toml", split_spec() + email + "send_empty = 1\n");
  r = gazette("check " + shell_quote(dir / "s.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir / "s.toml" + ":20:14: error: 'send_empty' must be true or false, not an integer");
}

BOOST_AUTO_TEST_SUITE_END()
