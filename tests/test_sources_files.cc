// Bulletin files (front matter + Markdown), folders and globs of them, and
// format inference.
#include <boost/test/unit_test.hpp>

#include "base/utf8.h"
#include "corpus/bulletin_file.h"
#include "corpus/source_files.h"
#include "corpus/sources.h"
#include "support.h"

using namespace gz;
using namespace gz::corpus_detail;
using gz::test::TempDir;
using gz::test::write_file;

namespace {

const std::string kData = GAZETTE_TEST_DATA "/sources";

Bulletin parse(std::string_view text, const std::string& lang = "") {
  ReadContext ctx{lang, OnBadBulletin::Fail, nullptr};
  return parse_bulletin_file(text, "b.md", ctx);
}

std::string failure_of(std::string_view text, const std::string& lang = "") {
  return gz::test::bad_input_of([&] { parse(text, lang); });
}

std::string inferred(const std::string& path, std::string_view content) {
  return format_name(infer_format(path, content));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bulletin_file_reader)

BOOST_AUTO_TEST_CASE(reads_front_matter_and_body) {
  Bulletin b = parse(
      "+++\ndate = 2021-07-20\ntitle = \"Panamá  refuerza\"\nlang = \"es\"\n"
      "countries = [\"pa\", \"CRI\", \"PA\"]\nurl = \"https://x.org/a\"\nsource = \"OIM\"\n"
      "tags = [\"trata\"]\ndraft = false\n+++\n\nUn *párrafo*.\n\nOtro https://x.org/b.\n");
  BOOST_TEST(b.date.iso() == "2021-07-20");
  BOOST_TEST(b.title == "Panamá refuerza");
  BOOST_TEST(b.lang == "es");
  BOOST_TEST(b.countries == (std::vector<std::string>{"CR", "PA"}),
             boost::test_tools::per_element());
  BOOST_TEST(b.url == "https://x.org/a");
  BOOST_TEST(b.publisher == "OIM");
  BOOST_TEST(b.tags == (std::vector<std::string>{"trata"}), boost::test_tools::per_element());
  BOOST_TEST(b.paragraphs == (std::vector<std::string>{"Un párrafo.", "Otro https://x.org/b."}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(b.marks.size() == 2u);
  BOOST_TEST((b.marks[0] == std::vector<TextMark>{{3, 11, TextMark::Emphasis, ""}}));
  BOOST_TEST((b.marks[1] == std::vector<TextMark>{{5, 20, TextMark::Link, "https://x.org/b"}}));
  BOOST_TEST(b.origin.file == "b.md");
  BOOST_TEST(b.origin.line == 1);
  BOOST_TEST(b.source == "b.md");
}

// A piece of text that starts with a combining mark (here after emphasis,
// and at the start of a list item) stays valid UTF-8: U+0344 is normalised on
// its own, not composed with whatever framed it (found by fuzz_sources).
BOOST_AUTO_TEST_CASE(text_starting_with_a_combining_mark_stays_valid_utf8) {
  Bulletin b =
      parse("+++\ndate = 2021-07-20\ntitle = \"T\"\n+++\n\n*a*\u0344b\n\n- \u0344\x07c\n", "en");
  BOOST_TEST(b.paragraphs == (std::vector<std::string>{"a\u0308\u0301b", "\u0308\u0301\x07c"}),
             boost::test_tools::per_element());
  for (const std::string& p : b.paragraphs) BOOST_TEST(utf8_valid(p));
}

BOOST_AUTO_TEST_CASE(dates_as_toml_dates_date_times_or_strings) {
  BOOST_TEST(parse("+++\ndate = \"2021-07-20\"\ntitle = \"T\"\n+++\n", "en").date.iso() ==
             "2021-07-20");
  // The date part as written, not the UTC day (2021-07-21T04:30Z).
  BOOST_TEST(
      parse("+++\ndate = 2021-07-20T23:30:00-05:00\ntitle = \"T\"\n+++\n", "en").date.iso() ==
      "2021-07-20");
}

BOOST_AUTO_TEST_CASE(language_from_front_matter_or_the_source) {
  BOOST_TEST(parse("+++\ndate = 2021-07-20\ntitle = \"T\"\n+++\n", "fr").lang == "fr");
  BOOST_TEST(parse("+++\ndate = 2021-07-20\ntitle = \"T\"\nlang = \"es-mx\"\n+++\n", "fr").lang ==
             "es-MX");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\"\n+++\n") ==
             "b.md:1:1: error: bulletin gives no language; set 'lang' in its [[sources]] entry "
             "of the spec");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\"\nlang = \"espanol\"\n+++\n") ==
             "b.md:4:8: error: unknown language 'espanol'; did you mean 'es' (Spanish)?");
}

BOOST_AUTO_TEST_CASE(crlf_and_bom_are_accepted) {
  Bulletin b =
      parse("\xEF\xBB\xBF+++\r\ndate = 2021-07-20\r\ntitle = \"T\"\r\n+++\r\n\r\nBody\r\n", "en");
  BOOST_TEST(b.title == "T");
  BOOST_TEST(b.paragraphs == (std::vector<std::string>{"Body"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_front_matter_errors_at_their_line_in_the_file) {
  BOOST_TEST(failure_of("date = 2021-07-20\n") ==
             "b.md:1:1: error: expected front matter: a '+++' line, TOML, and another '+++' line");
  // Hugo's and Jekyll's YAML front matter is named as such.
  BOOST_TEST(failure_of("---\ndate: 2021-07-20\ntitle: T\n---\n") ==
             "b.md:1:1: error: front matter starts with '---' (YAML): expected TOML between '+++' "
             "lines; write the fields as TOML (date = 2021-07-15, title = \"...\") between '+++' "
             "lines");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\"\n\nBody\n") ==
             "b.md:1:1: error: front matter is not closed; expected a '+++' line after it");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\n+++\n") ==
             "b.md:3:11: error: front matter is not TOML: Error while parsing string: unescaped "
             "control characters other than TAB (U+0009) are explicitly prohibited");
  BOOST_TEST(failure_of("+++\ntitle = \"T\"\n+++\n", "en") ==
             "b.md:1:1: error: missing required key 'date' in front matter");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\n+++\n", "en") ==
             "b.md:1:1: error: missing required key 'title' in front matter");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = 3\n+++\n", "en") ==
             "b.md:3:9: error: 'title' must be a string, not an integer");
  BOOST_TEST(failure_of("+++\ndate = \"20 July 2021\"\ntitle = \"T\"\n+++\n", "en") ==
             "b.md:2:8: error: cannot read date '20 July 2021'; expected YYYY-MM-DD");
  BOOST_TEST(failure_of("+++\ndate = \"2021-02-30\"\ntitle = \"T\"\n+++\n", "en") ==
             "b.md:2:8: error: cannot read date '2021-02-30'; expected YYYY-MM-DD");
  BOOST_TEST(failure_of("+++\ndate = 2021\ntitle = \"T\"\n+++\n", "en") ==
             "b.md:2:8: error: 'date' must be a date, not an integer");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\"\ncountries = [\"PA\", "
                        "\"Panama\", \"XX\"]\n+++\n",
                        "en") ==
             "b.md:4:20: error: unknown country code 'Panama'; write its ISO 3166 code 'PA'");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\"\ncountries = [\"XX\"]\n+++\n",
                        "en") == "b.md:4:14: error: unknown country code 'XX'");
  BOOST_TEST(failure_of("+++\ndate = 2021-07-20\ntitle = \"T\"\n+++\nCaf\xC3 au lait\n", "en") ==
             "b.md:5:4: error: invalid UTF-8 at byte offset 41");
}

BOOST_AUTO_TEST_CASE(a_folder_gives_its_md_files_recursively_and_sorted) {
  std::vector<std::string> files = bulletin_files(kData + "/bulletins");
  std::vector<std::string> want;
  for (const char* f : {"2021/07/gt-reseaux.md", "2021/07/hn-synergies.md", "2021/07/ht-sante.md",
                        "2021/07/pa-trata.md", "2021/08/cr-agosto.md"})
    want.push_back(kData + "/bulletins/" + f);
  BOOST_TEST(files == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(globs_match_segments_and_double_stars_any_depth) {
  BOOST_TEST(glob_match("bulletins/**/*.md", "bulletins/a.md"));
  BOOST_TEST(glob_match("bulletins/**/*.md", "bulletins/2021/07/a.md"));
  BOOST_TEST(!glob_match("bulletins/**/*.md", "bulletins/2021/07/a.txt"));
  BOOST_TEST(!glob_match("bulletins/*.md", "bulletins/2021/a.md"));
  BOOST_TEST(glob_match("b/2021/0[78]/?.md", "b/2021/08/x.md"));
  BOOST_TEST(!glob_match("b/**/*.md", "b/.hidden.md"));  // as a shell would
  std::vector<std::string> files = bulletin_files(kData + "/bulletins/**/0[7]/*.md");
  BOOST_TEST(files.size() == 4u);
  BOOST_TEST(files.front() == kData + "/bulletins/2021/07/gt-reseaux.md");
  // A relative glob gives relative paths.
  TempDir dir;
  write_file(dir / "b/x/1.md", "");
  write_file(dir / "b/2.md", "");
  std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(dir.path());
  std::vector<std::string> rel = bulletin_files("b/**/*.md");
  std::filesystem::current_path(cwd);
  BOOST_TEST(rel == (std::vector<std::string>{"b/2.md", "b/x/1.md"}),
             boost::test_tools::per_element());
}

// Issue 13: many "**" took exponential time (backtracking); now each pair
// of pattern and path segments is decided once.
BOOST_AUTO_TEST_CASE(globs_with_many_double_stars_take_polynomial_time) {
  std::string pattern, path;
  for (int i = 0; i < 60; ++i) pattern += "**/a/";
  for (int i = 0; i < 200; ++i) path += "a/";
  BOOST_TEST(!glob_match(pattern + "x.md", path + "y.md"));
  BOOST_TEST(glob_match(pattern + "y.md", path + "y.md"));
  BOOST_TEST(glob_match("**/**/**/*.md", "a.md"));
  BOOST_TEST(!glob_match("a/**/b", "a"));
  BOOST_TEST(glob_match("a/**/b", "a/b"));
  BOOST_TEST(glob_match("a/**", "a"));
}

// Issue 13: a front matter nesting past the limit is refused before toml++
// recurses on it, at its line in the file; a huge one too.
BOOST_AUTO_TEST_CASE(deep_or_huge_front_matter_is_refused) {
  std::string dotted = "a";
  for (int i = 0; i < 50'000; ++i) dotted += ".a";
  BOOST_TEST(failure_of("+++\ntitle = \"T\"\n" + dotted + " = 1\n+++\nBody.\n") ==
             "b.md:3:128: error: tables and values nest more than 64 deep");
  BOOST_TEST(failure_of("+++\n# " + std::string(2 << 20, 'x') + "\n+++\nBody.\n") ==
             "b.md:2:1: error: front matter too large: more than 1048576 bytes (1 MiB)");
}

BOOST_AUTO_TEST_CASE(infers_the_format_from_the_name_folder_or_xml_root) {
  BOOST_TEST(inferred("a/*.md", "") == "bulletin");
  BOOST_TEST(inferred("a/x.MD", "") == "bulletin");
  BOOST_TEST(inferred(kData + "/bulletins", "") == "bulletin");
  BOOST_TEST(inferred("r.json", "") == "reliefweb");
  BOOST_TEST(inferred("l.txt", "<rss>") == "listing");
  BOOST_TEST(inferred("f", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<rss>") == "rss");
  BOOST_TEST(inferred("f.xml", "<!DOCTYPE feed [ <!ENTITY a \"b\"> ]>\n<feed xmlns=\"x\">") ==
             "atom");
  BOOST_TEST(inferred("f.xml", "<atom:feed xmlns:atom=\"x\">") == "atom");
  BOOST_TEST(inferred("f.xml", "<html>") == "listing");
  BOOST_TEST(inferred("l", "2 August, 2021\n\nTitle\n") == "listing");
}

BOOST_AUTO_TEST_SUITE_END()
