// `gazette check` finds every mistake of a spec that `build` finds, at the
// same line and column, with the same words; `build` finds it before it
// reads any source. Each spec of the table reads a listing that does not
// exist: a run that reached the sources would say so.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <vector>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;

// The spec every row changes. Its only source cannot be read.
const std::string kBase =
    "title = \"Digest\"\n"                 // 1
    "locale = \"en\"\n"                    // 2
    "time_zone = \"UTC\"\n"                // 3
    "\n"                                   // 4
    "[[sources]]\n"                        // 5
    "path = \"missing.txt\"\n"             // 6
    "lang = \"en\"\n"                      // 7
    "\n"                                   // 8
    "[select]\n"                           // 9
    "period = \"2021-07\"\n"               // 10
    "regions = [\"013\"]\n"                // 11
    "\n"                                   // 12
    "[output]\n"                           // 13
    "path = \"{region}-{period}.pdf\"\n";  // 14

const std::string kEmail =
    "\n[email]\n"                                    // 15, 16
    "from = \"Gazette <digest@gazette.example>\"\n"  // 17
    "to = [\"desk@gazette.example\"]\n"              // 18
    "url = \"smtp://127.0.0.1:2525\"\n"              // 19
    "tls = \"off\"\n";                               // 20

struct Row {
  const char* what;
  // Replacements in kBase (each must occur), then text appended.
  std::vector<std::pair<std::string, std::string>> edits;
  std::string append;
  std::string error;  // the first line of stderr, after "s.toml:"
};

std::string spec_of(const Row& row) {
  std::string s = kBase;
  for (const auto& [from, to] : row.edits) {
    size_t at = s.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, row.what << ": no '" << from << "' in the spec");
    s.replace(at, from.size(), to);
  }
  return s + row.append;
}

Result gazette_in(const TempDir& dir, const std::string& args) {
  return run("cd " + shell_quote(dir.path().string()) +
             " && env -u SOURCE_DATE_EPOCH -u GAZETTE_SMTP_USER -u GAZETTE_SMTP_PASSWORD "
             "-u GAZETTE_SMTP_CREDENTIALS XDG_STATE_HOME=" +
             shell_quote(dir / "state") + " " + kGazette + " " + args);
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

const std::vector<Row> kRows = {
    {"no title", {{"title = \"Digest\"\n", ""}}, "", "1:1: error: missing required key 'title'"},
    {"an empty title", {{"\"Digest\"", "\"\""}}, "", "1:9: error: 'title' must not be empty"},
    {"a title that is a number",
     {{"\"Digest\"", "3"}},
     "",
     "1:9: error: 'title' must be a string, not an integer"},
    {"an unknown top-level key",
     {{"time_zone", "time_zon"}},
     "",
     "3:1: error: unknown key 'time_zon'; did you mean 'time_zone'?"},
    {"an unknown locale",
     {{"locale = \"en\"", "locale = \"xx-bogus\""}},
     "",
     "2:10: error: unknown locale 'xx-bogus'"},
    {"an unknown time zone",
     {{"\"UTC\"", "\"Mars/Olympus\""}},
     "",
     "3:13: error: unknown time zone 'Mars/Olympus'"},
    {"a source language that is not a language",
     {{"lang = \"en\"", "lang = \"espanol\""}},
     "",
     "7:8: error: unknown language 'espanol'; did you mean 'es' (Spanish)?"},
    {"an unknown source format",
     {{"lang = \"en\"\n", "lang = \"en\"\nformat = \"pdf\"\n"}},
     "",
     "8:10: error: unknown format 'pdf'; expected 'listing', 'bulletin', 'reliefweb', 'rss', "
     "'atom' or 'index'"},
    {"an unknown on_bad_bulletin",
     {{"lang = \"en\"\n", "lang = \"en\"\non_bad_bulletin = \"skp\"\n"}},
     "",
     "8:19: error: unknown on_bad_bulletin 'skp'; did you mean 'skip'?"},
    {"an unknown countries_from",
     {{"lang = \"en\"\n", "lang = \"en\"\ncountries_from = \"body\"\n"}},
     "",
     "8:18: error: unknown countries_from 'body'; expected 'title-then-body', 'title' or 'none'"},
    {"a fetching key on a local source",
     {{"lang = \"en\"\n", "lang = \"en\"\nmax_age = \"36h\"\n"}},
     "",
     "8:11: error: 'max_age' is for sources with 'url' or 'reliefweb'"},
    {"a source url that is not http",
     {{"path = \"missing.txt\"", "url = \"ftp://example.org/l.txt\""}},
     "",
     "6:7: error: 'url' must start with https://, not 'ftp://example.org/l.txt'"},
    {"a month that does not exist",
     {{"\"2021-07\"", "\"2021-13\""}},
     "",
     "10:10: error: no month 13 in period '2021-13'"},
    {"a period that is not one",
     {{"\"2021-07\"", "\"last fortnight\""}},
     "",
     "10:10: error: unknown period 'last fortnight' (expected e.g. '2021-07', '2021-Q3', '2021', "
     "'2021-07-01..2021-07-31', 'last-month' or 'last-7-days')"},
    {"no period",
     {{"period = \"2021-07\"\n", ""}},
     "",
     "9:1: error: missing required key 'period' in [select]"},
    {"an unknown region",
     {{"\"013\"", "\"Atlantis\""}},
     "",
     "11:12: error: unknown region 'Atlantis'"},
    {"an unknown country",
     {{"regions = [\"013\"]", "countries = [\"Narnia\"]"}},
     "",
     "11:14: error: unknown country 'Narnia'"},
    {"a region given as a country",
     {{"regions = [\"013\"]", "countries = [\"Central America\"]"}},
     "",
     "11:14: error: 'Central America' is a region, not a country; list it under 'regions'"},
    {"an unknown selected language",
     {{"regions = [\"013\"]\n", "regions = [\"013\"]\nlanguages = [\"xx-bogus\"]\n"}},
     "",
     "12:14: error: unknown language 'xx-bogus'"},
    {"a spec region that contains itself",
     {{"\"013\"", "\"Isthmus\""}},
     "\n[regions]\n\"Isthmus\" = [\"PA\", \"Isthmus\"]\n",
     "17:20: error: region 'Isthmus' contains itself ('Isthmus' -> 'Isthmus')"},
    {"an alias with an unknown country code",
     {},
     "\n[aliases]\n\"The Isthmus\" = \"ZZ\"\n",
     "17:17: error: alias 'The Isthmus': unknown country code 'ZZ'"},
    {"an unknown font",
     {},
     "\n[layout]\nfonts = [\"NotoSanz\"]\n",
     "17:10: error: unknown font 'NotoSanz'; did you mean 'NotoSans'?"},
    {"an unknown paper size",
     {},
     "\n[layout]\npaper = \"A5\"\n",
     "17:9: error: unknown paper size 'A5'; did you mean 'A4'?"},
    {"an issue date that is no date",
     {},
     "\n[cover]\nas_of = \"2021-13-01\"\n",
     "17:9: error: 'as_of' must be a date as YYYY-MM-DD, not '2021-13-01'"},
    {"a logo that does not exist",
     {},
     "\n[cover]\nlogo = \"nologo.png\"\n",
     "17:8: error: cannot read 'nologo.png': no such file"},
    {"a logo that is no image",
     {},
     "\n[cover]\nlogo = \"s.toml\"\n",
     "17:8: error: 's.toml' is not a logo Gazette can use: neither PNG nor JPEG; give a PNG or "
     "JPEG file"},
    {"a logo height out of range",
     {},
     "\n[cover]\nlogo_height = 500\n",
     "17:15: error: 'logo_height' must be between 12 and 120 points"},
    {"an introduction file that does not exist",
     {},
     "\n[cover]\nintro_file = \"intro.md\"\n",
     "17:14: error: cannot read 'intro.md': no such file"},
    {"an introduction given twice",
     {},
     "\n[cover]\nintro = \"Hello\"\nintro_file = \"s.toml\"\n",
     "18:14: error: 'intro' and 'intro_file' are both given; keep one of them"},
    {"an accent that is no colour",
     {},
     "\n[cover]\naccent = \"blue\"\n",
     "17:10: error: 'accent' must be a colour as #rrggbb, not 'blue'; for example \"#0a5b9c\""},
    {"an unknown key in [cover]",
     {},
     "\n[cover]\nacent = \"#0a5b9c\"\n",
     "17:1: error: unknown key 'acent' in [cover]; did you mean 'accent'?"},
    {"an unknown placeholder in the output path",
     {{"{region}-{period}", "{titel}-{period}"}},
     "",
     "14:8: error: unknown placeholder '{titel}' in output path (known: {locale}, {period}, "
     "{region}, {title}); did you mean 'title'?"},
    {"{country} in the output path without a country split",
     {{"{region}-{period}", "{country}-{period}"}},
     "",
     "14:8: error: unknown placeholder '{country}' in output path (known: {locale}, {period}, "
     "{region}, {title})"},
    {"an unclosed placeholder in the output path",
     {{"{region}-{period}.pdf", "{period}-{region.pdf"}},
     "",
     "14:8: error: unclosed '{' in output path '{period}-{region.pdf'"},
    {"an output path that leaves the output folder",
     {{"{region}-{period}", "../{region}"}},
     "",
     "14:8: error: output path '../{region}.pdf' leaves the output folder"},
    {"an unknown split key",
     {{"[output]\n", "[output]\nsplit_by = [\"city\"]\n"}},
     "",
     "14:13: error: cannot split by 'city'; expected 'region', 'country' or 'locale'"},
    {"a split by region without regions",
     {{"regions = [\"013\"]\n", ""}, {"[output]\n", "[output]\nsplit_by = [\"region\"]\n"}},
     "",
     "13:13: error: split_by \"region\" needs [select] regions or countries"},
    {"several locales without a split by locale",
     {{"locale = \"en\"", "locale = [\"en\", \"fr\"]"}},
     "",
     "2:11: error: 'locale' names 2 locales but the output is not split by locale; add \"locale\" "
     "to [output] split_by"},
    {"two splits writing one file",
     {{"[\"013\"]", "[\"013\", \"029\"]"},
      {"path = \"{region}-{period}.pdf\"", "split_by = [\"region\"]\npath = \"{period}.pdf\""}},
     "",
     "15:8: error: two variants would both write '2021-07.pdf'; put the placeholders of split_by "
     "({region}, {country}, {locale}) in the path"},
    {"an unknown on_empty",
     {{"[output]\n", "[output]\non_empty = \"maybe\"\n"}},
     "",
     "14:12: error: unknown on_empty 'maybe'; expected 'render', 'skip' or 'fail'"},
    {"an unknown PDF standard",
     {{"[output]\n", "[output]\npdf_standards = [\"ua-2\"]\n"}},
     "",
     "14:18: error: unknown PDF standard 'ua-2'; did you mean 'ua-1'?"},
    {"an unknown placeholder in the subject",
     {},
     kEmail + "subject = \"{titel} for {period}\"\n",
     "21:12: error: unknown placeholder '{titel}' in the email subject; did you mean 'title'?"},
    {"a recipient that is not an address",
     {},
     "\n[email]\nfrom = \"digest@gazette.example\"\nto = [\"desk at gazette\"]\n"
     "url = \"smtp://127.0.0.1:2525\"\ntls = \"off\"\n",
     "18:7: error: 'desk at gazette' is not an email address (expected name@domain)"},
    {"a sender with two @",
     {},
     "\n[email]\nfrom = \"a@b@gazette.example\"\nto = [\"desk@gazette.example\"]\n"
     "url = \"smtp://127.0.0.1:2525\"\ntls = \"off\"\n",
     "17:8: error: 'a@b@gazette.example' is not an email address (more than one '@')"},
    {"a mail server url that is not smtp",
     {},
     "\n[email]\nfrom = \"digest@gazette.example\"\nto = [\"desk@gazette.example\"]\n"
     "url = \"http://mail.example\"\n",
     "19:7: error: 'url' must start with smtp:// or smtps://, not 'http://mail.example'"},
    {"plain text to a remote mail server",
     {},
     "\n[email]\nfrom = \"digest@gazette.example\"\nto = [\"desk@gazette.example\"]\n"
     "url = \"smtp://mail.example\"\ntls = \"off\"\n",
     "20:7: error: tls = \"off\" is allowed only for a loopback server (127.0.0.1, ::1, "
     "localhost), not 'mail.example'; use \"required\" or \"if-available\""},
    {"an [email] without recipients",
     {},
     "\n[email]\nfrom = \"digest@gazette.example\"\nurl = \"smtp://127.0.0.1:2525\"\n"
     "tls = \"off\"\n",
     "16:1: error: [email] needs at least one recipient in 'to', 'cc' or 'bcc'"},
    {"an unknown locale in a variant",
     {},
     "\n[[variants]]\nname = \"es\"\nlocale = \"espanol\"\n",
     "18:10: error: unknown locale 'espanol'; did you mean 'es' (Spanish)?"},
    {"a bad period in a variant",
     {},
     "\n[[variants]]\nname = \"june\"\n[variants.select]\nperiod = \"2021-06-31\"\n",
     "19:10: error: unknown period '2021-06-31' (expected e.g. '2021-07', '2021-Q3', '2021', "
     "'2021-07-01..2021-07-31', 'last-month' or 'last-7-days')"},
    {"two variants with one name",
     {},
     "\n[[variants]]\nname = \"a\"\n\n[[variants]]\nname = \"a\"\n",
     "20:8: error: two variants are named 'a'"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(check_equals_build)

// Without a mistake, the missing listing is what a run stumbles on: the
// rows below would reach it if they did not stop first.
BOOST_AUTO_TEST_CASE(the_base_spec_fails_only_at_its_source) {
  TempDir dir;
  write_file(dir / "s.toml", kBase);
  Result r = gazette_in(dir, "check s.toml");
  BOOST_TEST(r.code != 0);
  BOOST_TEST(r.err.find("missing.txt") != std::string::npos, r.err);
}

// Rows part, part + parts, ... of the table.
void check_rows(size_t part, size_t parts) {
  BOOST_TEST(kRows.size() >= 30u);
  for (size_t i = part; i < kRows.size(); i += parts) {
    const Row& row = kRows[i];
    BOOST_TEST_CONTEXT(row.what) {
      TempDir dir;
      write_file(dir / "s.toml", spec_of(row));
      const std::string expected = "s.toml:" + row.error;
      Result check = gazette_in(dir, "check s.toml");
      BOOST_TEST(check.code == 2);
      BOOST_TEST(first_line(check.err) == expected);
      BOOST_TEST(check.err.find("missing.txt") == std::string::npos, check.err);
      BOOST_TEST(count_of(check.err, ": error: ") == 1u, check.err);
      // Two threads: sources would be read in parallel before variants
      // are made. --dry-run composes each message.
      Result build = gazette_in(dir, "build -j 2 -o out --send --dry-run s.toml");
      BOOST_TEST(build.code == 2);
      BOOST_TEST(build.err == check.err);
      BOOST_TEST(!fs::exists(dir / "out"));
    }
  }
}

// Every sixth row in the default suite; the rest are labelled slow
// (ctest -C slow, README "Tests"), so that the whole table runs in CI.
BOOST_AUTO_TEST_CASE(check_and_build_report_each_mistake_before_reading_a_source) {
  check_rows(0, 6);
}

BOOST_AUTO_TEST_CASE(check_and_build_report_the_other_mistakes_before_reading_a_source,
                     *boost::unit_test::label("slow")) {
  for (size_t part = 1; part < 6; ++part) check_rows(part, 6);
}

// A spec's variants and splits are copies of it: a mistake in what they
// share is one mistake, reported once.
BOOST_AUTO_TEST_CASE(a_mistake_shared_by_variants_and_splits_is_reported_once,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string spec = kBase;
  spec.replace(spec.find("locale = \"en\""), 13, "locale = \"xx-bogus\"");
  spec.replace(spec.find("[\"013\"]"), 7, "[\"013\", \"029\", \"Narnia\"]");
  spec.replace(spec.find("[output]\n"), 9, "[output]\nsplit_by = [\"region\"]\n");
  spec += "\n[[variants]]\nname = \"a\"\n\n[[variants]]\nname = \"b\"\n";
  write_file(dir / "s.toml", spec);
  for (const std::string command : {"check", "build"}) {
    Result r = gazette_in(dir, command + " s.toml");
    BOOST_TEST(r.code == 2);
    BOOST_TEST(count_of(r.err, ": error: ") == 2u, r.err);
    BOOST_TEST(count_of(r.err, "s.toml:2:10: error: unknown locale 'xx-bogus'") == 1u, r.err);
    BOOST_TEST(count_of(r.err, "s.toml:11:26: error: unknown region 'Narnia'") == 1u, r.err);
  }
}

// Logging in to the mail server needs the spec and the environment: a
// build that sends finds a missing password before reading any source, as
// check does.
BOOST_AUTO_TEST_CASE(a_login_without_a_password_is_found_before_reading_a_source) {
  TempDir dir;
  write_file(dir / "s.toml", kBase + kEmail + "auth = \"plain\"\nuser = \"digest\"\n");
  const std::string expected =
      "s.toml:21:8: error: auth = \"plain\" needs a password; set GAZETTE_SMTP_PASSWORD, or "
      "GAZETTE_SMTP_CREDENTIALS naming a file";
  Result check = gazette_in(dir, "check s.toml");
  BOOST_TEST(check.code == 2);
  BOOST_TEST(first_line(check.err) == expected);
  BOOST_TEST(check.err.find("missing.txt") == std::string::npos, check.err);
  Result build = gazette_in(dir, "build -o out --send s.toml");
  BOOST_TEST(build.code == 2);
  BOOST_TEST(build.err == check.err);
  BOOST_TEST(!fs::exists(dir / "out"));
}

// The run is planned as a whole: every spec is checked before the first
// one's sources are read, so a mistake in the last spec is said first, and
// two specs that would write one file are found without reading either's.
BOOST_AUTO_TEST_CASE(every_spec_is_planned_before_any_source_is_read) {
  TempDir dir;
  write_file(dir / "a.toml", kBase);  // its source cannot be read
  std::string bad = kBase;
  bad.replace(bad.find("lang = \"en\""), 11, "lang = \"espanol\"");
  write_file(dir / "b.toml", bad);
  Result build = gazette_in(dir, "build -o out a.toml b.toml");
  BOOST_TEST(build.code == 2);
  BOOST_TEST(first_line(build.err).starts_with("b.toml:7:8: error: unknown language 'espanol'"),
             build.err);
  BOOST_TEST(build.err.find("missing.txt") > build.err.find("espanol"), build.err);

  write_file(dir / "c.toml", kBase);
  for (const std::string command : {"check", "build -o out"}) {
    Result r = gazette_in(dir, command + " a.toml c.toml");
    BOOST_TEST(r.code == 2);
    BOOST_TEST(
        first_line(r.err) ==
            "c.toml:14:8: error: two variants would both write 'Central-America-2021-07.pdf'; "
            "put the placeholders of split_by ({region}, {country}, {locale}) in the path",
        r.err);
  }
  BOOST_TEST(!fs::exists(dir / "out"));
}

BOOST_AUTO_TEST_SUITE_END()
