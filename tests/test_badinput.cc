// The bad-input catalogue: the real gazette binary on one odd input per row.
// Each row asserts the exit code, the exact first line of stderr ("" for a
// silent success) and whether a PDF appears; a refused input must leave the
// output folder without any file. README "Guarantees" lists what is promised.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include "support.h"

// The rows are designated initializers that leave the defaults alone; GCC
// 12 warns about each defaulted member anyway (fixed in GCC 13).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace gz::test;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kFonts = std::string(GAZETTE_SOURCE_DIR) + "/fonts";
// Damaged fonts the font fuzzer keeps as regressions.
const std::string kFuzzFonts = std::string(GAZETTE_SOURCE_DIR) + "/fuzz/regressions/font";
// The bound on the peak memory of the 200,000-bulletin build (README
// "Guarantees"). ASan's shadow memory and quarantine need more.
#ifdef GAZETTE_SANITIZED
constexpr long kPeakRssMib = 4096;  // measured 2,483 MiB before shaping; glyphs add more
constexpr long kSplitPeakRssMib = 2048;
#else
constexpr long kSplitPeakRssMib = 512;  // measured 145 MiB
// Measured 408 MiB (542 with libharu's page objects, about 1,400 before
// streaming): a quarter to spare, and libharu's pages back would fail it.
constexpr long kPeakRssMib = 512;
#endif

const std::string kGood = "2 July, 2021\n\nNews from Panama\n\nBody.\n";

// The parts of the spec a row may change; the rest is fixed.
struct SpecParts {
  std::string title = "Bad input";
  std::string locale = "en";
  std::string source = "l.txt";
  std::string period = "2021-07";
  std::string select;   // more [select] lines
  std::string regions;  // a [regions] table's lines
  std::string output = "d.pdf";
};

std::string spec_text(const SpecParts& p) {
  std::string s = "title = \"" + p.title + "\"\nlocale = \"" + p.locale +
                  "\"\n\n[[sources]]\npath = \"" + p.source +
                  "\"\nlang = \"en\"\n\n[select]\nperiod = \"" + p.period + "\"\n" + p.select +
                  "\n[output]\npath = \"" + p.output + "\"\n";
  if (!p.regions.empty()) s += "\n[regions]\n" + p.regions;
  return s;
}

struct Row {
  std::string name;
  std::string listing = kGood;  // written to l.txt
  SpecParts spec;
  std::string args;    // more command-line arguments; {dir} is the row's folder
  std::string env;     // VAR=value for gazette's environment
  std::string before;  // a shell command run first, in the same shell
  int code = 0;
  std::string err;                            // the first line of stderr; {dir} is the row's folder
  bool pdf = false;                           // out/d.pdf appears (and nothing else does)
  std::function<void(const TempDir&)> setup;  // before the run
  std::function<void(const TempDir&, const Result&)> check;  // after the run
};

std::string with_dir(std::string s, const TempDir& dir) {
  for (size_t at; (at = s.find("{dir}")) != std::string::npos;) {
    s.replace(at, 5, dir.path().string());
  }
  return s;
}

Result gazette(const std::string& args, const std::string& env = "",
               const std::string& before = "") {
  return run(before + "env -u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 " + env + " " + kGazette + " " +
             args);
}

std::string pdf_text(const std::string& pdf) {
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return r.out;
}

// pdftotext's text without the page furniture: the "Page N of M" footer
// lines and the running header (the spec's title, "Panama (continued)").
std::string without_footers(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  const std::regex furniture("\f?(Page [0-9]+ of [0-9]+|Bad input|.* \\(continued\\))");
  for (std::string line; std::getline(in, line);) {
    if (!std::regex_match(line, furniture)) out += line + '\n';
  }
  return out;
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    out.push_back(it->path().filename().string());
  }
  return out;
}

// font with its 'hhea' table's numberOfHMetrics set to 65535 (more metrics
// than the font has glyphs).
std::string with_hmetrics_65535(std::string font) {
  auto be = [&](size_t at, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(font.at(at + size_t(i)));
    return v;
  };
  const uint32_t tables = be(4, 2);
  for (uint32_t i = 0; i < tables; ++i) {
    const size_t entry = 12 + 16 * size_t(i);
    if (font.compare(entry, 4, "hhea") == 0) {
      const size_t at = be(entry + 8, 4) + 34;  // numberOfHMetrics
      font.at(at) = font.at(at + 1) = '\xff';
      return font;
    }
  }
  BOOST_FAIL("the font has no 'hhea' table");
  return font;
}

void run_row(const Row& row) {
  BOOST_TEST_CONTEXT(row.name) {
    TempDir dir;
    write_file(dir / "l.txt", row.listing);
    write_file(dir / "s.toml", spec_text(row.spec));
    if (row.setup) row.setup(dir);
    Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out") +
                           " " + with_dir(row.args, dir),
                       row.env, with_dir(row.before, dir));
    BOOST_TEST(r.code == row.code, r.err.substr(0, 2000));
    BOOST_TEST(first_line(r.err) == with_dir(row.err, dir));
    if (row.pdf) {
      BOOST_TEST(files_in(dir / "out") == std::vector<std::string>{"d.pdf"});
      BOOST_TEST(run("qpdf --check " + shell_quote(dir / "out/d.pdf")).code == 0);
    } else {
      BOOST_TEST(files_in(dir / "out").empty(), "no output file may appear");
    }
    if (row.check) row.check(dir, r);
  }
}

// The bundled fonts in dir/fonts (links to the real ones), with
// NotoSans-<style>.ttf replaced by bytes.
void copy_fonts(const TempDir& dir, const std::string& style, const std::string& bytes) {
  fs::create_directories(dir / "fonts");
  for (const auto& e : fs::directory_iterator(kFonts)) {
    if (e.path().extension() == ".ttf")
      fs::create_symlink(e.path(), dir.path() / "fonts" / e.path().filename());
  }
  const std::string broken = dir / ("fonts/NotoSans-" + style + ".ttf");
  fs::remove(broken);
  write_file(broken, bytes);
}

// A listing line of n bytes of words.
std::string words(size_t n) {
  std::string s;
  while (s.size() < n) s += "word ";
  s.resize(n);
  s.back() = 'x';
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(badinput)

// The catalogue's rows part, part + parts, ...: it runs as `parts` test
// cases, which the shards of tests/CMakeLists.txt run side by side.
void run_catalogue(size_t part, size_t parts) {
  const std::string head = "2 July, 2021\n\nNews from Panama\n\n";  // 32 bytes, 4 lines
  // 5,000 characters (code points) of words, some of them accented.
  std::string long_title = "Panama";
  for (int i = 0; long_title.size() < 6000; ++i) long_title += i % 7 ? " migrant" : " éxodo";
  while (utf8_length(long_title) > 5000) long_title.pop_back();
  BOOST_TEST_REQUIRE(utf8_length(long_title) == 5000);
  const std::string long_word(300, 'W');  // wider than a line at any size Gazette uses

  std::vector<Row> rows = {
      {.name = "valid listing (the baseline)", .pdf = true},
      {.name = "invalid UTF-8",
       .listing = head + "Caf\xC3 au lait\n",
       .code = 2,
       .err = "{dir}/l.txt:5:4: error: invalid UTF-8 at byte offset 35"},
      {.name = "UTF-8 BOM (accepted)",
       .listing = "\xEF\xBB\xBF" + kGood,
       .pdf = true,
       .check =
           [](const TempDir& dir, const Result&) {
             BOOST_TEST(pdf_text(dir / "out/d.pdf").find("News from Panama") != std::string::npos);
           }},
      {.name = "CRLF line ends (accepted)",
       .listing = "2 July, 2021\r\n\r\nNews from Panama\r\n\r\nBody.\r\n",
       .pdf = true,
       .check =
           [](const TempDir& dir, const Result&) {
             BOOST_TEST(pdf_text(dir / "out/d.pdf").find("News from Panama") != std::string::npos);
           }},
      {.name = "NUL byte",
       .listing = head + "Bo\0dy.\n"s,
       .code = 2,
       .err = "{dir}/l.txt:5:3: error: NUL byte at byte offset 34"},
      {.name = "a 10 MB line",
       .listing = head + words(10'000'000) + "\n",
       .code = 2,
       .err = "{dir}/l.txt:5:1: error: line too long: more than 262144 bytes (256 KiB)"},
      {.name = "a title of 5,000 characters (wrapped, not clipped)",
       .listing = "2 July, 2021\n\n" + long_title + "\n\nBody.\n",
       .pdf = true,
       .check =
           [&](const TempDir& dir, const Result&) {
             // It runs over several pages: their footers come in between.
             std::string text = squash(without_footers(pdf_text(dir / "out/d.pdf")));
             BOOST_TEST(text.find(long_title) != std::string::npos, "title not found whole");
           }},
      {.name = "a word longer than a line (broken, not clipped)",
       .listing = head + "Before " + long_word + " after.\n",
       .pdf = true,
       .check =
           [&](const TempDir& dir, const Result&) {
             std::string text = without_space(pdf_text(dir / "out/d.pdf"));
             BOOST_TEST(text.find("Before" + long_word + "after.") != std::string::npos);
           }},
      {.name = "year 0 in a listing",
       .listing = "0000-07-02\n\nNews from Panama\n",
       .code = 2,
       .err = "{dir}/l.txt:1:1: error: no such date '0000-07-02'"},
      {.name = "year 10000 in a listing",
       .listing = "2 July, 10000\n\nNews from Panama\n",
       .code = 2,
       .err = "{dir}/l.txt:1:1: error: no such date '2 July, 10000'"},
      // Once read as a paragraph of the bulletin before it, silently.
      {.name = "year 10000 in a listing, after a bulletin",
       .listing = kGood + "\n10000-07-02\n\nNews from Panama\n",
       .code = 2,
       .err = "{dir}/l.txt:7:1: error: no such date '10000-07-02'"},
      {.name = "31 February of year 10000, after a bulletin",
       .listing = kGood + "\n31 February, 10000\n\nNews from Panama\n",
       .code = 2,
       .err = "{dir}/l.txt:7:1: error: no such date '31 February, 10000'"},
      {.name = "year 0 in a period",
       .spec = {.period = "0000"},
       .code = 2,
       .err = "{dir}/s.toml:9:10: error: year out of range in period '0000' (1 to 9999)"},
      {.name = "year 10000 in a period",
       .spec = {.period = "10000-01-01..10000-01-31"},
       .code = 2,
       .err = "{dir}/s.toml:9:10: error: '10000-01-01' is not a valid date (YYYY-MM-DD) in "
              "period '10000-01-01..10000-01-31'"},
      {.name = "year 0 as today",
       .args = "--as-of 0000-12-31",
       .code = 2,
       .err = "gazette: error: --as-of: '0000-12-31' is not a valid date (YYYY-MM-DD)"},
      {.name = "year 10000 as today",
       .args = "--as-of 10000-01-01",
       .code = 2,
       .err = "gazette: error: --as-of: '10000-01-01' is not a valid date (YYYY-MM-DD)"},
      {.name = "a relative period reaching before year 1",
       .spec = {.period = "last-month"},
       .args = "--as-of 0001-01-15",
       .code = 2,
       .err = "{dir}/s.toml:9:10: error: the period falls outside years 1 to 9999 when today "
              "is 0001-01-15"},
      {.name = "31 February",
       .listing = kGood + "\n31 February, 2021\n\nX\n",
       .code = 2,
       .err = "{dir}/l.txt:7:1: error: no such date '31 February, 2021'"},
      {.name = "an unknown locale",
       .spec = {.locale = "xx-Nowhere"},
       .code = 2,
       .err = "{dir}/s.toml:2:10: error: unknown locale 'xx-Nowhere'"},
      {.name = "a missing font folder",
       .args = "--font-dir {dir}/fonts",
       .code = 1,
       .err = "{dir}/fonts: error: no such font folder (--font-dir)",
       .setup = [](const TempDir&) {}},
      {.name = "a font file that is not a font",
       .args = "--font-dir {dir}/fonts",
       .code = 1,
       .err = "{dir}/fonts/NotoSans-Regular.ttf: error: not a font file (no OpenType or TrueType "
              "table directory)",
       .setup = [](const TempDir& dir) { copy_fonts(dir, "Regular", "not a font\n"); }},
      {.name = "a truncated font file",
       .args = "--font-dir {dir}/fonts",
       .code = 1,
       .err = "{dir}/fonts/NotoSans-Bold.ttf: error: damaged font: its 'DSIG' table runs past "
              "the end of the file",
       .setup =
           [](const TempDir& dir) {
             std::string bold = read_file(kFonts + "/NotoSans-Bold.ttf");
             copy_fonts(dir, "Bold", bold.substr(0, bold.size() / 2));
           }},
      // A font the spec names is opened while the spec is checked: refused
      // at its line, before any source is read.
      {.name = "a font of the spec ([layout] fonts) that is not a font",
       .code = 2,
       .err = "{dir}/s.toml:15:10: error: font 'broken.ttf' cannot be used: {dir}/broken.ttf: "
              "not a font file (no OpenType or TrueType table directory)",
       .setup =
           [](const TempDir& dir) {
             write_file(dir / "broken.ttf", "not a font\n");
             write_file(dir / "s.toml",
                        read_file(dir / "s.toml") + "\n[layout]\nfonts = [\"broken.ttf\"]\n");
           }},
      {.name = "a font of the spec cut in half",
       .code = 2,
       .err = "{dir}/s.toml:15:10: error: font 'half.ttf' cannot be used: {dir}/half.ttf: "
              "damaged font: its 'fpgm' table runs past the end of the file",
       .setup =
           [](const TempDir& dir) {
             fs::copy_file(kFuzzFonts + "/truncated-half.ttf", dir / "half.ttf");
             write_file(dir / "s.toml",
                        read_file(dir / "s.toml") + "\n[layout]\nfonts = [\"half.ttf\"]\n");
           }},
      // More horizontal metrics than glyphs crashed libharu's TrueType
      // loader; HarfBuzz reads the metrics there are.
      {.name = "a font of the spec with hhea.numberOfHMetrics 65535",
       .pdf = true,
       .setup =
           [](const TempDir& dir) {
             write_file(dir / "h.ttf",
                        with_hmetrics_65535(read_file(kFonts + "/NotoSans-Regular.ttf")));
             write_file(dir / "s.toml",
                        read_file(dir / "s.toml") + "\n[layout]\nfonts = [\"h.ttf\"]\n");
           }},
      {.name = "an unreadable source (a folder in place of the file)",
       .code = 1,
       .err = "{dir}/l.txt: error: cannot read source: Is a directory",
       .setup =
           [](const TempDir& dir) {
             fs::remove(dir / "l.txt");
             fs::create_directories(dir / "l.txt");
           }},
      {.name = "a listing that never ends (/dev/zero)",
       .spec = {.source = "/dev/zero"},
       .code = 2,
       .err = "/dev/zero: error: source too large: more than 268435456 bytes (256 MiB)"},
      {.name = "a listing over the size limit",
       .code = 2,
       .err = "{dir}/l.txt: error: source too large: more than 268435456 bytes (256 MiB)",
       .setup =  // sparse: no disk space used; Gazette refuses it from its size
       [](const TempDir& dir) { fs::resize_file(dir / "l.txt", 256 * 1024 * 1024 + 1); }},
      {.name = "a bulletin over the size limit",
       .listing = head + words(200'000) + "\n\n" + words(200'000) + "\n\n" + words(200'000) +
                  "\n\n" + words(200'000) + "\n\n" + words(200'000) + "\n\n" + words(200'000) +
                  "\n",
       .code = 2,
       .err = "{dir}/l.txt:1:1: error: bulletin too long: more than 1048576 bytes (1 MiB) of text"},
      {.name = "a spec over the size limit",
       .code = 2,
       .err = "{dir}/s.toml: error: spec too large: more than 1048576 bytes (1 MiB)",
       .setup =
           [](const TempDir& dir) {
             write_file(dir / "s.toml",
                        read_file(dir / "s.toml") + "# " + words(1024 * 1024) + "\n");
           }},
      {.name = "an unwritable output folder (cannot be made: a file is in the way)",
       .args = "-o {dir}/file/out",
       .code = 1,
       .err = "{dir}/file/out: error: cannot create folder: Not a directory",
       .setup = [](const TempDir& dir) { write_file(dir / "file", "x"); },
       .check = [](const TempDir& dir,
                   const Result&) { BOOST_TEST(read_file(dir / "file") == "x"); }},
      {.name = "a full disk (/dev/full)",
       .spec = {.output = "full"},
       .args = "-o /dev",
       .code = 1,
       .err = "/dev/full: error: cannot write: No space left on device",
       .check =
           [](const TempDir&, const Result&) {
             struct stat st;
             BOOST_TEST_REQUIRE(lstat("/dev/full", &st) == 0);
             BOOST_TEST(S_ISCHR(st.st_mode), "/dev/full must still be the device");
             for (const auto& f : files_in("/dev")) BOOST_TEST(f.find(".full.tmp") != 0u, f);
           }},
      {.name = "an output path escaping the output folder",
       .spec = {.output = "../x.pdf"},
       .code = 2,
       .err = "{dir}/s.toml:12:8: error: output path '../x.pdf' leaves the output folder",
       .check = [](const TempDir& dir, const Result&) { BOOST_TEST(!fs::exists(dir / "x.pdf")); }},
      {.name = "an absolute output path",
       .spec = {.output = "{dir}/x.pdf"},
       .code = 2,
       .err = "{dir}/s.toml:12:8: error: output path '{dir}/x.pdf' must be a relative file name "
              "inside the output folder",
       .setup =  // the spec needs the folder's name
       [](const TempDir& dir) {
         write_file(dir / "s.toml", with_dir(read_file(dir / "s.toml"), dir));
       },
       .check = [](const TempDir& dir, const Result&) { BOOST_TEST(!fs::exists(dir / "x.pdf")); }},
      {.name = "a symbolic link at the output path is replaced, not followed",
       .pdf = true,
       .setup =
           [](const TempDir& dir) {
             fs::create_directories(dir / "out");
             fs::create_symlink(dir / "outside.pdf", dir / "out/d.pdf");
           },
       .check =
           [](const TempDir& dir, const Result&) {
             BOOST_TEST(!fs::exists(dir / "outside.pdf"));
             BOOST_TEST(fs::is_regular_file(fs::symlink_status(dir / "out/d.pdf")));
           }},
      {.name = "a spec that nests regions in a cycle",
       .spec = {.select = "regions = [\"A\"]", .regions = "A = [\"B\", \"013\"]\nB = [\"A\"]\n"},
       .code = 2,
       .err = "{dir}/s.toml:16:6: error: region 'A' contains itself ('A' -> 'B' -> 'A')"},
      // "A spec that includes itself": specs have no include feature; the
      // only way a spec refers to itself is a region naming itself.
      {.name = "a spec that includes itself (a region naming itself)",
       .spec = {.select = "regions = [\"A\"]", .regions = "A = [\"A\"]\n"},
       .code = 2,
       .err = "{dir}/s.toml:15:6: error: region 'A' contains itself ('A' -> 'A')"},
      {.name = "regions nested too deep",
       .spec = {.select = "regions = [\"R0\"]",
                .regions =
                    [] {
                      std::string r;
                      for (int i = 0; i < 100; ++i)
                        r += "R" + std::to_string(i) + " = [\"R" + std::to_string(i + 1) + "\"]\n";
                      return r + "R100 = [\"PA\"]\n";
                    }()},
       .code = 2,
       .err = "{dir}/s.toml:78:8: error: regions nest more than 64 deep at 'R64'"},
      {.name = "regions sharing members 40 levels deep (resolved once each)",
       .spec = {.select = "regions = [\"R0\"]",
                .regions =
                    [] {
                      std::string r;
                      for (int i = 0; i < 40; ++i)
                        r += "R" + std::to_string(i) + " = [\"R" + std::to_string(i + 1) +
                             "\", \"R" + std::to_string(i + 1) + "\"]\n";
                      return r + "R40 = [\"PA\"]\n";
                    }()},
       .pdf = true},
  };
  // A bulletin is listed under each of its countries: 25 of them make a
  // digest 25 times the size of its listing.
  // (Titles are numbered: bulletins with the same date and title are one.)
  const std::string many =
      " from Panama, Costa Rica, Honduras, Guatemala, El Salvador, Mexico, Belize, Nicaragua, "
      "Colombia, Guyana, Peru, Chile, Argentina, Brazil, Bolivia, Ecuador, Paraguay, Uruguay, "
      "Venezuela, Cuba, Jamaica, Haiti, Canada, Spain and France";
  std::string entries_listing, text_listing;
  for (int i = 0; i < 10'001; ++i) {
    entries_listing += "2 July, 2021\n\nNews " + std::to_string(i) + many + "\n\n";
  }
  const std::string body = words(262'000);  // four of them: just under 1 MiB a bulletin
  size_t text_bytes = 0;
  for (int i = 0; i < 11; ++i) {
    const std::string title = "News " + std::to_string(i) + many;
    text_listing += "2 July, 2021\n\n" + title + "\n\n";
    for (int k = 0; k < 4; ++k) text_listing += body + "\n\n";
    text_bytes += 25 * (title.size() + 4 * body.size());
  }
  rows.push_back({.name = "a feed item over the bulletin size limit",
                  .spec = {.source = "feed.xml"},
                  .code = 2,
                  .err = "{dir}/feed.xml:3: error: bulletin too long: more than 1048576 bytes "
                         "(1 MiB) of text",
                  .setup = [](const TempDir& dir) {
                    write_file(dir / "feed.xml",
                               "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                               "<title>T</title><language>en</language>\n<item><title>News "
                               "from Panama</title><pubDate>Fri, 02 Jul 2021 10:00:00 +0000"
                               "</pubDate><description>" +
                                   words(1'100'000) + "</description></item>\n</channel></rss>\n");
                  }});
  rows.push_back({.name = "a digest over the entry limit",
                  .listing = entries_listing,
                  .code = 2,
                  .err = "{dir}/s.toml: error: digest too large: 250025 entries, more than 250000 "
                         "(a bulletin counts once per country it is listed under); select a "
                         "shorter period or fewer countries"});
  rows.push_back({.name = "a digest over the text limit",
                  .listing = text_listing,
                  .code = 2,
                  .err = "{dir}/s.toml: error: digest too large: " + std::to_string(text_bytes) +
                         " bytes of text, more than 268435456 bytes (256 MiB); select a shorter "
                         "period or fewer countries"});

  rows.push_back(
      {.name = "a listing from a named pipe, with a mistake (not read twice for the message)",
       .before = "cat {dir}/bad.txt >{dir}/l.txt & ",
       .code = 2,
       .err = "{dir}/l.txt:7:1: error: no such date '31 February, 2021'",
       .setup =
           [&](const TempDir& dir) {
             write_file(dir / "bad.txt", kGood + "\n31 February, 2021\n\nX\n");
             fs::remove(dir / "l.txt");
             BOOST_TEST_REQUIRE(mkfifo((dir / "l.txt").c_str(), 0600) == 0);
           },
       .check = [](const TempDir&,
                   const Result& r) { BOOST_TEST(r.err == first_line(r.err) + "\n"); }});
  rows.push_back({.name = "the same source named 10,000 times (read and counted once)",
                  .pdf = true,
                  .setup =
                      [](const TempDir& dir) {
                        std::string more;
                        for (int i = 0; i < 10'000; ++i)
                          more += "\n[[sources]]\npath = \"./l.txt\"\nlang = \"en\"\n";
                        write_file(dir / "s.toml", read_file(dir / "s.toml") + more);
                      },
                  .check =
                      [](const TempDir& dir, const Result&) {
                        BOOST_TEST(squash(pdf_text(dir / "out/d.pdf")).find(" 1 bulletin ") !=
                                   std::string::npos);
                      }});
  // Issue 13: hostile structure in every parser; each refused with a
  // located error (exit 2) or read whole, never a crash or a silent cut.
  std::string dotted = "a";
  for (int i = 0; i < 50'000; ++i) dotted += ".a";
  const auto feed = [](const std::string& doctype, const std::string& title,
                       const std::string& description) {
    return "<?xml version=\"1.0\"?>\n" + doctype + "<rss version=\"2.0\"><channel>" +
           "<title>T</title><language>en</language>\n<item><title>" + title +
           "</title><pubDate>Fri, 02 Jul 2021 10:00:00 +0000</pubDate><description>" + description +
           "</description></item>\n</channel></rss>\n";
  };
  const auto with_file = [](const std::string& name, std::string text) {
    return [name, text](const TempDir& dir) { write_file(dir / name, text); };
  };
  rows.push_back({.name = "a spec key of 50,000 dotted parts",
                  .code = 2,
                  .err = "{dir}/s.toml:1:128: error: tables and values nest more than 64 deep",
                  .setup = with_file("s.toml", dotted + " = 1\n")});
  rows.push_back({.name = "a spec table header of 50,000 parts",
                  .code = 2,
                  .err = "{dir}/s.toml:1:129: error: tables and values nest more than 64 deep",
                  .setup = with_file("s.toml", "[" + dotted + "]\n")});
  rows.push_back({.name = "a bulletin front matter key of 50,000 dotted parts",
                  .spec = {.source = "b.md"},
                  .code = 2,
                  .err = "{dir}/b.md:3:128: error: tables and values nest more than 64 deep",
                  .setup = with_file("b.md", "+++\ntitle = \"T\"\n" + dotted +
                                                 " = 1\ndate = 2021-07-02\n+++\nBody.\n")});
  {
    // 1,000 bytes referenced 2,000 times: 2 MB of text from a 12 KB feed.
    const std::string big =
        "<!DOCTYPE rss [\n<!ENTITY big \"" + std::string(1000, 'x') + "\">\n]>\n";
    std::string refs;
    for (int i = 0; i < 2000; ++i) refs += "&big;";
    rows.push_back(
        {.name = "entity amplification in a feed attribute",
         .spec = {.source = "f.xml"},
         .code = 2,
         .err = "{dir}/f.xml:6: error: entities expand to more than 1048576 bytes (1 MiB) of "
                "text in this feed",
         .setup = with_file(
             "f.xml", "<?xml version=\"1.0\"?>\n" + big +
                          "<rss version=\"2.0\"><channel><title>T</title><language>en</language>\n"
                          "<item><title>News from Panama</title><guid isPermaLink=\"" +
                          refs +
                          "\">x</guid><pubDate>Fri, 02 Jul 2021 10:00:00 +0000</pubDate></item>\n"
                          "</channel></rss>\n")});
    rows.push_back({.name = "entity amplification in feed text",
                    .spec = {.source = "f.xml"},
                    .code = 2,
                    .err = "{dir}/f.xml:6: error: entities expand to more than 1048576 bytes "
                           "(1 MiB) of text in this feed",
                    .setup = with_file("f.xml", feed(big, "News from Panama " + refs, "x"))});
  }
  rows.push_back({.name = "an entity the feed's own DTD declares (expanded)",
                  .spec = {.source = "f.xml"},
                  .pdf = true,
                  .setup = with_file("f.xml", feed("<!DOCTYPE rss [\n<!ENTITY aacute \"á\">\n]>\n",
                                                   "News from Panam&aacute;", "Body.")),
                  .check = [](const TempDir& dir, const Result&) {
                    BOOST_TEST(pdf_text(dir / "out/d.pdf").find("News from Panamá") !=
                               std::string::npos);
                  }});
  rows.push_back(
      {.name = "an entity of an external DTD (not read: an error, not dropped text)",
       .spec = {.source = "f.xml"},
       .code = 2,
       .err = "{dir}/f.xml:4: error: entity '&aacute;' is not declared in the feed; Gazette reads "
              "no external DTD: declare it in the feed's own DTD, or write the character itself",
       .setup = with_file(
           "f.xml", feed("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
                         "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n",
                         "News from Panam&aacute;", "Body."))});
  rows.push_back({.name = "HTML 300 elements deep in a feed item",
                  .spec = {.source = "f.xml"},
                  .code = 2,
                  .err = "{dir}/f.xml:3: error: HTML nests more than 256 elements deep "
                         "(unclosed tags?); the text past that depth would be lost",
                  .setup = [&](const TempDir& dir) {
                    std::string deep;
                    for (int i = 0; i < 300; ++i) deep += "&lt;div&gt;";
                    write_file(dir / "f.xml", feed("", "News from Panama", deep + "text"));
                  }});
  rows.push_back({.name = "HTML with 500 unclosed tags in a ReliefWeb report",
                  .spec = {.source = "r.json"},
                  .code = 2,
                  .err = "{dir}/r.json:1:104: error: HTML nests more than 256 elements deep "
                         "(unclosed tags?); the text past that depth would be lost",
                  .setup = [&](const TempDir& dir) {
                    std::string soup;
                    for (int i = 0; i < 500; ++i) soup += "<b>";
                    write_file(dir / "r.json",
                               "{\"data\": [{\"fields\": {\"title\": \"News\", \"date\": "
                               "{\"original\": \"2021-07-02T10:00:00+00:00\"}, \"body-html\": \"" +
                                   soup + "text\", \"country\": [{\"iso3\": \"pan\"}]}}]}\n");
                  }});
  rows.push_back({.name = "JSON nested 100,000 deep",
                  .spec = {.source = "r.json"},
                  .code = 2,
                  .err = "{dir}/r.json:1:257: error: arrays and objects nest more than 256 deep",
                  .setup = with_file("r.json", std::string(100'000, '[') + "\n")});
  rows.push_back({.name = "a date line right under a paragraph, no blank line before it",
                  .listing = kGood + "3 July, 2021\n\nNews from Costa Rica\n",
                  .code = 2,
                  .err = "{dir}/l.txt:6:1: error: expected a blank line before the date line "
                         "'3 July, 2021'; a date line starts a bulletin: put a blank line before "
                         "it (or, if it belongs to the text above, join the two lines)"});
  {
    std::string pattern;
    for (int i = 0; i < 40; ++i) pattern += "**/";
    rows.push_back({.name = "a glob of 40 '**' (polynomial, not exponential)",
                    .spec = {.source = "b/" + pattern + "n*.md"},
                    .pdf = true,
                    .setup = [](const TempDir& dir) {
                      std::string deep = dir / "b";
                      for (int i = 0; i < 30; ++i) deep += "/d";
                      write_file(deep + "/news.md",
                                 "+++\ntitle = \"News from Panama\"\ndate = 2021-07-02\nlang = "
                                 "\"en\"\n+++\nBody.\n");
                      write_file(deep + "/other.md", "not read");
                    }});
  }
  rows.push_back({.name = "SOURCE_DATE_EPOCH past year 9999",
                  .env = "SOURCE_DATE_EPOCH=253402300800",
                  .code = 2,
                  .err = "gazette: error: SOURCE_DATE_EPOCH must be a whole number of seconds "
                         "from 0 to 253402300799, not '253402300800'"});
  rows.push_back({.name = "SOURCE_DATE_EPOCH past 64 bits",
                  .env = "SOURCE_DATE_EPOCH=99999999999999999999",
                  .code = 2,
                  .err = "gazette: error: SOURCE_DATE_EPOCH must be a whole number of seconds "
                         "from 0 to 253402300799, not '99999999999999999999'"});
  rows.push_back({.name = "a file name too long for the file system",
                  .spec = {.title = std::string(300, 'T'), .output = "{title}.pdf"},
                  .code = 1,
                  .err = "{dir}/out: error: cannot create a temporary file: File name too long"});

  if (geteuid() != 0) {
    // Root reads and writes whatever the mode says; these rows need a user.
    rows.push_back({.name = "an unreadable source (mode 000)",
                    .code = 1,
                    .err = "{dir}/l.txt: error: cannot read source: Permission denied",
                    .setup = [](const TempDir& dir) { chmod((dir / "l.txt").c_str(), 0); }});
    rows.push_back({.name = "an unwritable output folder (mode 555)",
                    .code = 1,
                    .err = "{dir}/out: error: cannot create a temporary file: Permission denied",
                    .setup = [](const TempDir& dir) {
                      fs::create_directories(dir / "out");
                      chmod((dir / "out").c_str(), 0555);
                    }});
  } else if (part == 0) {
    BOOST_TEST_MESSAGE("running as root: the mode 000 and 555 rows are left out");
  }
  for (size_t i = part; i < rows.size(); i += parts) run_row(rows[i]);
}

// Every 8th row in the default suite, a sample of every kind of mistake;
// the other seven parts are labelled slow (ctest -C slow, README "Tests").
BOOST_AUTO_TEST_CASE(catalogue_1) { run_catalogue(0, 8); }
BOOST_AUTO_TEST_CASE(catalogue_2, *boost::unit_test::label("slow")) { run_catalogue(1, 8); }
BOOST_AUTO_TEST_CASE(catalogue_3, *boost::unit_test::label("slow")) { run_catalogue(2, 8); }
BOOST_AUTO_TEST_CASE(catalogue_4, *boost::unit_test::label("slow")) { run_catalogue(3, 8); }
BOOST_AUTO_TEST_CASE(catalogue_5, *boost::unit_test::label("slow")) { run_catalogue(4, 8); }
BOOST_AUTO_TEST_CASE(catalogue_6, *boost::unit_test::label("slow")) { run_catalogue(5, 8); }
BOOST_AUTO_TEST_CASE(catalogue_7, *boost::unit_test::label("slow")) { run_catalogue(6, 8); }
BOOST_AUTO_TEST_CASE(catalogue_8, *boost::unit_test::label("slow")) { run_catalogue(7, 8); }

// Scale (label slow: ctest -C slow). split_by "region" over 10,000 spec regions: every split shares
// the spec's [regions] and one resolver, so memory grows with the regions, not with their square
// (it peaked at 7.7 GB when each split copied them all).
BOOST_AUTO_TEST_CASE(ten_thousand_split_regions_take_linear_memory,
                     *boost::unit_test::label("slow")) {
  const char* codes[] = {"PA", "CR", "HN", "GT", "SV", "NI", "BZ", "MX"};
  std::string regions, names;
  for (int i = 0; i < 10'000; ++i) {
    std::string name = "R" + std::to_string(10'000 + i);
    regions += "\"" + name + "\" = [\"" + codes[i % 8] + "\"]\n";
    names += (i ? ", \"" : "\"") + name + "\"";
  }
  SpecParts parts;
  parts.select = "regions = [" + names + "]\n";
  parts.output = "{region}.pdf\"\nsplit_by = [\"region\"]  # ";
  parts.regions = regions;
  TempDir dir;
  write_file(dir / "l.txt", "2021-07-02\n\nNews from Panama\n\nBody.\n");
  write_file(dir / "s.toml", spec_text(parts));
  long peak_kib = 0;
  Result r = run_with_peak(
      "exec env LC_ALL=C.UTF-8 " + kGazette + " list " + shell_quote(dir / "s.toml"), &peak_kib);
  BOOST_TEST_REQUIRE(r.code == 0, r.err.substr(0, 2000));
  BOOST_TEST_MESSAGE("peak RSS of listing 10,000 splits: " << peak_kib / 1024 << " MiB");
  BOOST_TEST(peak_kib / 1024 <= kSplitPeakRssMib);
}

// Scale (label slow: about 30 s). libharu keeps a document's pages in one
// /Kids array of at most 32,767 elements: the 32,768th page crashed the
// writer. The benchmarks' 200,000 bulletins (bench/gen_listing.py) make
// 37,646 pages, in order, in a page tree qpdf accepts.
BOOST_AUTO_TEST_CASE(more_pages_than_one_pdf_array_holds, *boost::unit_test::label("slow")) {
#ifdef GAZETTE_SANITIZED
  // Minutes under the sanitizers for what the plain build shows.
  std::cerr << "SKIPPED under the sanitizers: more_pages_than_one_pdf_array_holds\n";
  return;
#endif
  TempDir dir;
  Result gen =
      run("python3 " + shell_quote(std::string(GAZETTE_SOURCE_DIR) + "/bench/gen_listing.py") +
          " 200000 " + shell_quote(dir / "c"));
  BOOST_TEST_REQUIRE(gen.code == 0, gen.err);
  std::string spec = "title = \"T\"\nlocale = \"en\"\n";
  for (const char* lang : {"en", "es", "fr", "pt"}) {
    spec += std::string("[[sources]]\npath = \"c/listing-") + lang + ".txt\"\nlang = \"" + lang +
            "\"\n";
  }
  spec += "[select]\nperiod = \"2018-01-01..2023-12-31\"\n[output]\npath = \"d.pdf\"\n";
  write_file(dir / "s.toml", spec);
  Result r = gazette("build " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err.substr(0, 2000));
  const std::string pdf = dir / "out/d.pdf";
  BOOST_TEST(run("qpdf --check " + shell_quote(pdf)).code == 0);
  Result info = run("pdfinfo " + shell_quote(pdf));
  BOOST_TEST(info.out.find("Pages:           37646\n") != std::string::npos, info.out);
  // Page numbers are not grouped (layout/digest.h, PageNumbers).
  for (const char* page : {"8192", "8193", "32768", "37646"}) {
    Result text =
        run(std::string("pdftotext -f ") + page + " -l " + page + " " + shell_quote(pdf) + " -");
    BOOST_TEST(text.out.find(std::string("Page ") + page + " of 37646") != std::string::npos, page);
  }
}

// Scale (label slow: ctest -C slow, about 2 minutes). Far beyond a real month, to show the reader,
// tagger, layout and writer scale: 200,000 bulletins (about 30 MB) in one digest of about 25,000
// pages. The peak memory of the run is bounded (README "Guarantees").
BOOST_AUTO_TEST_CASE(two_hundred_thousand_bulletins, *boost::unit_test::label("slow")) {
  const char* countries[] = {"Panama", "Costa Rica", "Honduras",  "Guatemala", "El Salvador",
                             "Mexico", "Belize",     "Nicaragua", "Colombia",  "Guyana"};
  std::string listing;
  listing.reserve(32 << 20);
  for (int i = 0; i < 200'000; ++i) {
    listing += "2021-07-" + std::string(i % 31 < 9 ? "0" : "") + std::to_string(i % 31 + 1) +
               "\n\nBulletin " + std::to_string(i) + " from " + countries[i % 10] +
               "\n\nThe office reports on migration flows, border management and health, " +
               "with figures for the month.\n\n";
  }
  TempDir dir;
  write_file(dir / "l.txt", listing);
  write_file(dir / "s.toml", spec_text({}));
  // The peak of this build alone: getrusage(RUSAGE_CHILDREN) would also
  // count earlier children, such as the qpdf --check of the 37,646-page
  // digest above, which holds its million objects in 2.4 GiB.
  long peak_kib = 0;
  Result r = run_with_peak("exec env -u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 " + kGazette + " build " +
                               shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"),
                           &peak_kib);
  BOOST_TEST_REQUIRE(r.code == 0, r.err.substr(0, 2000));
  BOOST_TEST(r.err == "");
  const long peak_mib = peak_kib / 1024;
  BOOST_TEST_MESSAGE("peak RSS of the 200,000-bulletin build: " << peak_mib << " MiB");
  BOOST_TEST(peak_mib <= kPeakRssMib);

  BOOST_TEST(run("qpdf --check " + shell_quote(dir / "out/d.pdf")).code == 0);
  Result info = run("pdfinfo " + shell_quote(dir / "out/d.pdf"));
  BOOST_TEST(info.out.find("Pages:") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
