// End to end: the "At a glance" page after the cover. Its numbers equal
// the selection's counts (from `gazette list`) per country and per ISO
// week, in English and in Arabic (Arabic-Indic digits, mirrored); its
// tables are tagged as tables; pixel references of the page in both
// languages; [layout] glance = false and an empty digest leave it out.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <sstream>

#include "pgm.h"
#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kListing = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";

std::string spec(const std::string& locale, const std::string& extra = "",
                 const std::string& period = "2021-07") {
  return "title = \"Central America — Monthly Digest\"\nlocale = \"" + locale +
         "\"\n[[sources]]\npath = \"" + kListing + "\"\nlang = \"en\"\n[select]\nperiod = \"" +
         period + "\"\nregions = [\"013\"]\n[output]\npath = \"out.pdf\"\n" + extra;
}

std::string build(const TempDir& dir, const std::string& text) {
  write_file(dir / "s.toml", text);
  Result r = run("cd " + shell_quote(dir.path().string()) + " && env -u SOURCE_DATE_EPOCH " +
                 kGazette + " build s.toml -o out");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return dir / "out/out.pdf";
}

// pdftotext -layout of one page.
std::string page_text(const std::string& pdf, int page) { return pdf_page_text(pdf, page, true); }

// The cells of a table row as pdftotext lays it out: text separated by two
// spaces or more.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string cell, word;
  size_t at = 0;
  while (at < line.size()) {
    const size_t start = line.find_first_not_of(' ', at);
    if (start == std::string::npos) break;
    size_t end = line.find("  ", start);
    if (end == std::string::npos) end = line.size();
    out.push_back(line.substr(start, end - start));
    at = end;
  }
  return out;
}

// The selection's counts, from `gazette list`: per country of the region
// (a bulletin of several countries under each) and per ISO week of July
// 2021 (Monday to Sunday, cut to the month: 1-4, 5-11, 12-18, 19-25, 26-31).
struct Counts {
  std::map<std::string, int> country;
  std::vector<int> week = std::vector<int>(5, 0);
  int bulletins = 0;
};

Counts selection_counts(const TempDir& dir) {
  Result r = run("cd " + shell_quote(dir.path().string()) + " && " + kGazette + " list s.toml");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  Counts c;
  const std::string region = "BZ CR GT HN MX NI PA SV";
  for (const std::string& line : lines_of(r.out)) {
    if (line.empty()) continue;
    const std::string date = line.substr(0, 10);
    const size_t tab = line.find('\t', 11);
    std::stringstream codes(line.substr(11, tab - 11));
    bool placed = false;
    for (std::string code; std::getline(codes, code, ',');) {
      if (region.find(code) == std::string::npos) continue;
      ++c.country[code];
      placed = true;
    }
    if (!placed) ++c.country["ZZ"];
    const int day = std::stoi(date.substr(8, 2));
    ++c.week[day < 5 ? 0 : (day - 5) / 7 + 1];
    ++c.bulletins;
  }
  return c;
}

// n in Arabic-Indic digits.
std::string arabic_digits(int n) {
  static const char* digits[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  std::string out;
  for (char c : std::to_string(n)) out += digits[c - '0'];
  return out;
}

// The rows of the table under the header line that starts (or, right to
// left, ends) with header: each row's cells, until a blank line.
std::vector<std::vector<std::string>> table_after(const std::string& text,
                                                  const std::string& header) {
  std::vector<std::vector<std::string>> rows;
  bool in = false;
  for (const std::string& line : lines_of(text)) {
    const std::vector<std::string> c = cells(line);
    if (!in) {
      in = c.size() == 2 && (c.front() == header || c.back() == header);
      continue;
    }
    if (c.empty()) break;
    rows.push_back(c);
  }
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_glance)

BOOST_AUTO_TEST_CASE(the_glance_page_counts_what_the_selection_holds_in_english,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en"));
  const Counts want = selection_counts(dir);
  BOOST_TEST_REQUIRE(want.bulletins == 7);
  const std::string page = page_text(pdf, 2);
  BOOST_TEST(page.find("At a glance") != std::string::npos, page);
  BOOST_TEST(page.find("Bulletins per week") != std::string::npos, page);
  // Per week: every week of the month, the empty first one too.
  const auto weeks = table_after(page, "Week");
  BOOST_TEST_REQUIRE(weeks.size() == 5u, page);
  const char* labels[] = {"July 1", "July 5", "July 12", "July 19", "July 26"};
  int total = 0;
  for (size_t i = 0; i < 5; ++i) {
    BOOST_TEST(weeks[i][0].rfind(labels[i], 0) == 0, weeks[i][0]);
    BOOST_TEST(weeks[i][1] == std::to_string(want.week[i]), weeks[i][0]);
    total += std::stoi(weeks[i][1]);
  }
  BOOST_TEST(total == want.bulletins);
  // Per country: a bulletin of several countries under each, as the note says.
  const std::map<std::string, std::string> names = {
      {"BZ", "Belize"},   {"CR", "Costa Rica"},  {"GT", "Guatemala"},
      {"HN", "Honduras"}, {"MX", "Mexico"},      {"NI", "Nicaragua"},
      {"PA", "Panama"},   {"SV", "El Salvador"}, {"ZZ", "Other"}};
  const auto countries = table_after(page, "Country");
  BOOST_TEST_REQUIRE(countries.size() == want.country.size(), page);
  int listed = 0;
  for (const auto& row : countries) {
    bool found = false;
    for (const auto& [code, n] : want.country) {
      if (names.at(code) != row[0]) continue;
      found = true;
      BOOST_TEST(row[1] == std::to_string(n), row[0]);
    }
    BOOST_TEST(found, row[0]);
    listed += std::stoi(row[1]);
  }
  BOOST_TEST(listed > want.bulletins);
  BOOST_TEST(squash(page).find("A bulletin about several countries counts under each of them.") !=
                 std::string::npos,
             page);

  // Tagged: the tables are tables, the heading an H1 and the outline's first entry.
  Result tree = run("pdfinfo -struct-text " + shell_quote(pdf));
  for (const char* want_text :
       {"H1 (block)\n      \"At a glance\"", "Table (block)\n      TR\n        TH:",
        "/Scope /Column\n          \"Week\"", "TD\n          \"Costa Rica\""}) {
    BOOST_TEST(tree.out.find(want_text) != std::string::npos, want_text);
  }
  Result check = run("/usr/bin/python3 " + std::string(GAZETTE_SOURCE_DIR) +
                     "/tests/check_tagged_pdf.py --default " + shell_quote(pdf));
  BOOST_TEST(check.code == 0, check.out);
  Result outline =
      run("/usr/bin/python3 -c 'import pikepdf, sys\n"
          "with pikepdf.open(sys.argv[1]).open_outline() as o: print(o.root[0].title)' " +
          shell_quote(pdf));
  BOOST_TEST(outline.out == "At a glance\n", outline.err);
}

BOOST_AUTO_TEST_CASE(the_glance_page_counts_in_arabic_digits_right_to_left,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("ar"));
  const Counts want = selection_counts(dir);
  const std::string page = page_text(pdf, 2);
  BOOST_TEST(page.find("لمحة سريعة") != std::string::npos, page);
  // Mirrored: the labels at the right, the counts to their left.
  const auto weeks = table_after(page, "الأسبوع");
  BOOST_TEST_REQUIRE(weeks.size() == 5u, page);
  for (size_t i = 0; i < 5; ++i) {
    BOOST_TEST(weeks[i][0] == arabic_digits(want.week[i]), weeks[i][1]);
  }
  BOOST_TEST(weeks[4][1].find(arabic_digits(26)) != std::string::npos, weeks[4][1]);
  const std::map<std::string, std::string> names = {{"CR", "كوستاريكا"}, {"GT", "غواتيمالا"},
                                                    {"HN", "هندوراس"},   {"MX", "المكسيك"},
                                                    {"PA", "بنما"},      {"SV", "السلفادور"}};
  const auto countries = table_after(page, "البلد");
  BOOST_TEST_REQUIRE(countries.size() == want.country.size(), page);
  for (const auto& [code, n] : want.country) {
    bool found = false;
    for (const auto& row : countries) {
      if (row[1] != names.at(code)) continue;
      found = true;
      BOOST_TEST(row[0] == arabic_digits(n), row[1]);
    }
    BOOST_TEST(found, code);
  }
  Result check = run("/usr/bin/python3 " + std::string(GAZETTE_SOURCE_DIR) +
                     "/tests/check_tagged_pdf.py --default " + shell_quote(pdf));
  BOOST_TEST(check.code == 0, check.out);
}

BOOST_AUTO_TEST_CASE(with_several_regions_the_countries_come_under_their_region,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string text =
      spec("en", "[regions]\nNorth = [\"SV\", \"GT\", \"HN\"]\nSouth = [\"CR\", \"PA\"]\n");
  text.replace(text.find("[\"013\"]"), 7, "[\"North\", \"South\"]");
  const std::string pdf = build(dir, text);
  const auto rows = table_after(page_text(pdf, 2), "Country");
  std::string order;
  for (const auto& row : rows) order += row[0] + (row.size() > 1 ? "=" + row[1] : "") + ";";
  BOOST_TEST(order == "North;El Salvador=2;Guatemala=1;Honduras=2;South;Costa Rica=1;Panama=2;");
  // A region's name heads its row, across both columns.
  Result tree = run("pdfinfo -struct-text " + shell_quote(pdf));
  BOOST_TEST(
      tree.out.find("TH:\n           /Scope /Row\n           /ColSpan 2\n          \"North\"") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_contents_of_its_own_follows_the_glance_page_in_pages_and_tree,
                     *boost::unit_test::label("slow")) {
  // 40 countries: the contents does not fit on the cover.
  const char* countries[] = {
      "Argentina", "Bolivia",   "Brazil",  "Chile",   "Colombia", "Ecuador", "Paraguay", "Peru",
      "Uruguay",   "Venezuela", "Mexico",  "Cuba",    "Haiti",    "Jamaica", "Canada",   "France",
      "Spain",     "Portugal",  "Italy",   "Germany", "Poland",   "Austria", "Belgium",  "Denmark",
      "Norway",    "Sweden",    "Finland", "Greece",  "Turkey",   "Egypt",   "Morocco",  "Tunisia",
      "Kenya",     "Ethiopia",  "Nigeria", "Ghana",   "Senegal",  "India",   "Nepal",    "Japan"};
  std::string listing;
  for (const char* c : countries) {
    listing += "12 July, 2021\n\nWorkshop held in " + std::string(c) + "\n\nText.\n\n";
  }
  TempDir dir;
  write_file(dir / "l.txt", listing);
  std::string text = spec("en");
  text.replace(text.find(kListing), kListing.size(), dir / "l.txt");
  text.replace(text.find("regions = [\"013\"]\n"), 18, "");
  const std::string pdf = build(dir, text);
  BOOST_TEST(page_text(pdf, 2).find("At a glance") != std::string::npos);
  // Its 40 rows go on to page 3, without their header; then the contents.
  BOOST_TEST(page_text(pdf, 3).find("Venezuela") != std::string::npos);
  BOOST_TEST(page_text(pdf, 4).find("Contents") != std::string::npos);
  // In the structure tree too: the glance's Sect, then the contents.
  const std::string tree = run("pdfinfo -struct-text " + shell_quote(pdf)).out;
  const size_t glance = tree.find("\"At a glance\"");
  const size_t contents = tree.find("\"Contents\"");
  BOOST_TEST_REQUIRE(glance != std::string::npos);
  BOOST_TEST(contents > glance);
  Result check = run("/usr/bin/python3 " + std::string(GAZETTE_SOURCE_DIR) +
                     "/tests/check_tagged_pdf.py --default " + shell_quote(pdf));
  BOOST_TEST(check.code == 0, check.out);
}

BOOST_AUTO_TEST_CASE(a_quarter_is_counted_by_month, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en", "", "2021-Q3"));
  const Counts want = selection_counts(dir);
  const auto months = table_after(page_text(pdf, 2), "Month");
  BOOST_TEST_REQUIRE(months.size() == 3u);
  BOOST_TEST(months[0][0] == "July 2021");
  BOOST_TEST(months[2][0] == "September 2021");
  BOOST_TEST(std::stoi(months[0][1]) + std::stoi(months[1][1]) + std::stoi(months[2][1]) ==
             want.bulletins);
}

BOOST_AUTO_TEST_CASE(a_long_period_is_counted_by_year_of_its_bulletins,
                     *boost::unit_test::label("slow")) {
  // Two centuries: a row per year from the first bulletin's to the last's.
  TempDir dir;
  const std::string pdf = build(dir, spec("en", "", "1900-01-01..2100-12-31"));
  const Counts want = selection_counts(dir);
  const auto years = table_after(page_text(pdf, 2), "Year");
  BOOST_TEST_REQUIRE(years.size() == 1u);
  BOOST_TEST(years[0][0] == "2021");
  BOOST_TEST(years[0][1] == std::to_string(want.bulletins));
}

BOOST_AUTO_TEST_CASE(glance_false_or_an_empty_digest_has_no_glance_page,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string pdf = build(dir, spec("en", "[layout]\nglance = false\n"));
  BOOST_TEST(squash(run("pdftotext " + shell_quote(pdf) + " -").out).find("At a glance") ==
             std::string::npos);
  TempDir empty;
  pdf = build(empty, spec("en", "", "2020-01"));
  const std::string text = run("pdftotext " + shell_quote(pdf) + " -").out;
  BOOST_TEST(text.find("At a glance") == std::string::npos, text);
  BOOST_TEST(text.find("No bulletins in this period.") != std::string::npos, text);
  TempDir bad;
  write_file(bad / "s.toml", spec("en", "[layout]\nglance = \"yes\"\n"));
  Result r = run("cd " + shell_quote(bad.path().string()) + " && " + kGazette + " build s.toml");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find("s.toml:12:10: error: 'glance' must be true or false, not a string") !=
                 std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_CASE(the_glance_page_and_cover_match_their_reference_images,
                     *boost::unit_test::label("slow")) {
  TempDir en, ar;
  const std::string en_pdf = build(en, spec("en"));
  // Checked by eye once (tests/data/glance/*.pgm).
  const std::string refs = std::string(GAZETTE_TEST_DATA) + "/glance/";
  check_page_image(en_pdf, 1, refs + "cover-en.pgm");
  check_page_image(en_pdf, 2, refs + "glance-en.pgm");
  check_page_image(build(ar, spec("ar")), 2, refs + "glance-ar.pgm");
}

BOOST_AUTO_TEST_SUITE_END()
