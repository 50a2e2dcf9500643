// The PDF writer, checked with the tools readers use: qpdf, poppler.
// (property_tree still includes boost/bind.hpp, which asks for this.)
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/diag.h"
#include "layout/layout.h"
#include "pdf/pdf_writer.h"
#include "support.h"

using namespace gz;
namespace fs = std::filesystem;

namespace {

// Commands' stderr is not looked at: poppler warns about libharu's
// ToUnicode CMap, harmlessly (see FINDINGS.md).
using gz::test::Result;
using gz::test::run;
using gz::test::shell_quote;
using gz::test::TempDir;

const FontSet& fonts() {
  static const FontSet f = load_noto_sans(std::string(GAZETTE_SOURCE_DIR) + "/fonts");
  return f;
}

Digest small_digest() {
  Digest d;
  d.title = "Centroamérica — Resumen";
  d.period_text = "julio de 2021";
  d.regions_text = "Centroamérica";
  d.count_text = "3 boletines";
  d.contents_text = "Contenido";
  d.empty_text = "No hay boletines.";
  d.footer = [](int page, int pages) {
    return "Page " + std::to_string(page) + " of " + std::to_string(pages);
  };
  d.subject = "Boletines humanitarios";
  d.keywords = "Panamá, Costa Rica";
  d.creator = "Gazette 0.1.0";
  d.creation_time = 1627779723;  // 2021-08-01 01:02:03 UTC
  DigestItem rain{"Lluvias en Darién",
                  "9 de julio de 2021",
                  "Panamá",
                  {"Las lluvias afectan a 1.200 familias en la provincia de Darién.",
                   "Emoji beyond the BMP: 😀."},
                  {},
                  {}};
  DigestItem fires{"Incendios forestales",
                   "2 de julio de 2021",
                   "Costa Rica, Panamá",
                   {"Se registran incendios en Guanacaste."},
                   {},
                   {}};
  DigestItem roads{"Carreteras cerradas",
                   "3 de julio de 2021",
                   "Costa Rica",
                   {"Varias rutas cerradas por deslizamientos."},
                   {},
                   {}};
  d.groups = {{"Panamá", {rain}}, {"Costa Rica", {fires, roads}}};
  return d;
}

// Writes the digest and returns the file's path.
std::string write(const TempDir& dir, const Digest& d, LaidOut* laid_out = nullptr) {
  LaidOut laid = layout_digest(d, fonts());
  std::string bytes = write_pdf(laid, d, fonts());
  std::string path = dir / "digest.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  if (laid_out) *laid_out = std::move(laid);
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_writer)

BOOST_AUTO_TEST_CASE(qpdf_accepts_it) {
  TempDir dir;
  std::string path = write(dir, small_digest());
  Result r = run("qpdf --check " + shell_quote(path));
  BOOST_TEST(r.code == 0, r.out);
  BOOST_TEST(r.out.find("No syntax or stream encoding errors") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_is_extractable) {
  TempDir dir;
  LaidOut laid;
  std::string path = write(dir, small_digest(), &laid);
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(path) + " -");
  BOOST_REQUIRE(r.code == 0);
  const std::string pages = std::to_string(laid.pages.size());
  for (std::string s :
       {"Centroamérica — Resumen", "julio de 2021", "Contenido", "Panamá", "Costa Rica",
        "Lluvias en Darién", "Incendios forestales", "Carreteras cerradas",
        "9 de julio de 2021 · Panamá", "Las lluvias afectan a 1.200 familias"}) {
    BOOST_TEST(r.out.find(s) != std::string::npos, "missing: " << s);
  }
  BOOST_TEST(r.out.find("Page 1 of " + pages) != std::string::npos);
  BOOST_TEST(r.out.find("Page " + pages + " of " + pages) != std::string::npos);
  // libharu cannot draw code points beyond the BMP: U+FFFD stands in.
  BOOST_TEST(r.out.find("BMP: \uFFFD.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fonts_are_embedded) {
  TempDir dir;
  std::string path = write(dir, small_digest());
  Result r = run("pdffonts " + shell_quote(path));
  BOOST_REQUIRE(r.code == 0);
  std::istringstream lines(r.out);
  int noto = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("NotoSans") == std::string::npos) continue;
    ++noto;
    // name, type (two words), encoding, then emb: "yes".
    std::istringstream cols(line);
    std::string name, type1, type2, encoding, emb;
    cols >> name >> type1 >> type2 >> encoding >> emb;
    BOOST_TEST(emb == "yes", line);
  }
  BOOST_TEST(noto == 3);
}

BOOST_AUTO_TEST_CASE(document_information) {
  TempDir dir;
  std::string path = write(dir, small_digest());
  Result r = run("TZ=UTC pdfinfo -isodates " + shell_quote(path));
  BOOST_REQUIRE(r.code == 0);
  for (std::string s :
       {"Title:           Centroamérica — Resumen\n", "Subject:         Boletines humanitarios\n",
        "Keywords:        Panamá, Costa Rica\n", "Creator:         Gazette 0.1.0\n",
        "Producer:        Gazette 0.1.0 with libharu 2.3.0\n",
        "CreationDate:    2021-08-01T01:02:03Z\n", "ModDate:         2021-08-01T01:02:03Z\n",
        "Page size:       595.276 x 841.89 pts (A4)\n"}) {
    BOOST_TEST(r.out.find(s) != std::string::npos, "missing: " << s << "in\n" << r.out);
  }
}

BOOST_AUTO_TEST_CASE(non_bmp_titles_get_a_replacement_character) {
  TempDir dir;
  Digest d = small_digest();
  d.title = "Lluvias 🌧 en Panamá";
  d.groups[0].name = "Panamá 🌧";
  std::string path = write(dir, d);
  Result info = run("pdfinfo " + shell_quote(path));
  BOOST_TEST(info.out.find("Title:           Lluvias \uFFFD en Panamá\n") != std::string::npos,
             info.out);
  Result outline = run("qpdf --json --json-key=outlines " + shell_quote(path));
  BOOST_TEST(outline.out.find("\"title\": \"Panamá \uFFFD\"") != std::string::npos, outline.out);
}

BOOST_AUTO_TEST_CASE(one_font_file_for_all_styles) {
  TempDir dir;
  FontSet one = fonts();
  one.faces[kBold].path = one.faces[kItalic].path = one.faces[kRegular].path;
  const Digest d = small_digest();
  std::string path = dir / "one.pdf";
  std::ofstream(path, std::ios::binary) << write_pdf(layout_digest(d, fonts()), d, one);
  BOOST_TEST(run("qpdf --check " + shell_quote(path)).code == 0);
  Result r = run("pdffonts " + shell_quote(path));
  BOOST_TEST(r.out.find("NotoSans-Regular") != std::string::npos);
  BOOST_TEST(r.out.find("NotoSans-Bold") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(letter_paper) {
  TempDir dir;
  Digest d = small_digest();
  d.paper = Paper::Letter;
  Result r = run("pdfinfo " + shell_quote(write(dir, d)));
  BOOST_TEST(r.out.find("Page size:       612 x 792 pts (letter)") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(outline_lists_groups_and_items) {
  TempDir dir;
  LaidOut laid;
  std::string path = write(dir, small_digest(), &laid);
  Result r = run("qpdf --json --json-key=outlines " + shell_quote(path));
  BOOST_REQUIRE(r.code == 0);
  boost::property_tree::ptree json;
  std::istringstream in(r.out);
  boost::property_tree::read_json(in, json);
  std::vector<std::string> titles;
  std::vector<int> pages;
  for (const auto& [_, group] : json.get_child("outlines")) {
    titles.push_back(group.get<std::string>("title"));
    pages.push_back(group.get<int>("destpageposfrom1"));
    for (const auto& [__, item] : group.get_child("kids")) {
      titles.push_back("  " + item.get<std::string>("title"));
      pages.push_back(item.get<int>("destpageposfrom1"));
    }
  }
  const std::vector<std::string> expected = {"Panamá", "  Lluvias en Darién", "Costa Rica",
                                             "  Incendios forestales", "  Carreteras cerradas"};
  BOOST_TEST(titles == expected, boost::test_tools::per_element());
  BOOST_REQUIRE(pages.size() == laid.outline.size());
  for (size_t i = 0; i < pages.size(); ++i) BOOST_TEST(pages[i] == laid.outline[i].page + 1);
  // The reader opens with the outline shown.
  Result raw = run("qpdf --qdf --object-streams=disable " + shell_quote(path) + " -");
  BOOST_TEST(raw.out.find("/PageMode /UseOutlines") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(toc_links_have_no_border) {
  TempDir dir;
  std::string path = write(dir, small_digest());
  Result raw = run("qpdf --qdf --object-streams=disable " + shell_quote(path) + " -");
  BOOST_REQUIRE(raw.code == 0);
  size_t links = 0;
  for (size_t at = 0; (at = raw.out.find("/Subtype /Link", at)) != std::string::npos; ++at) ++links;
  BOOST_TEST(links == 2u);  // one per group
  BOOST_TEST(raw.out.find("/Border [\n    0\n    0\n    0\n  ]") != std::string::npos);
}

// Layout measures lines with FontMetrics; they are exact only if the PDF
// reader uses the same widths: those of the fonts' /W arrays and /DW.
BOOST_AUTO_TEST_CASE(pdf_widths_equal_font_metrics) {
  TempDir dir;
  Result raw =
      run("qpdf --qdf --object-streams=disable " + shell_quote(write(dir, small_digest())) + " -");
  BOOST_REQUIRE(raw.code == 0);
  const std::string& q = raw.out;
  int fonts_checked = 0;
  for (size_t at = 0; (at = q.find("/Subtype /CIDFontType2", at)) != std::string::npos; ++at) {
    const size_t obj = q.rfind(" obj\n", at);
    const size_t base = q.find("/BaseFont /", obj);
    const std::string name = q.substr(base + 11, q.find('\n', base) - base - 11);
    const FontId id = name.find("Bold") != std::string::npos     ? kBold
                      : name.find("Italic") != std::string::npos ? kItalic
                                                                 : kRegular;
    const FontMetrics& m = fonts()[id].metrics;
    const size_t dw = q.find("/DW ", obj);
    BOOST_TEST(std::stoi(q.substr(dw + 4)) == m.missing_width());
    // /W [ c [w1 w2 ...] c [...] ... ]: widths of consecutive CIDs, which
    // libharu's UTF-8 mode makes the Unicode code points.
    std::istringstream w(q.substr(q.find("/W [", obj) + 4));
    int checked = 0;
    for (std::string tok; w >> tok && tok != "]";) {
      long cid = std::stol(tok);
      w >> tok;
      BOOST_REQUIRE(tok == "[");
      for (; w >> tok && tok != "]"; ++cid, ++checked) {
        BOOST_TEST(std::stoi(tok) == m.advance(static_cast<char32_t>(cid)),
                   name << " U+" << std::hex << cid);
      }
    }
    BOOST_TEST(checked > 2000);
    ++fonts_checked;
  }
  BOOST_TEST(fonts_checked == 3);
}

BOOST_AUTO_TEST_CASE(same_input_same_bytes) {
  const Digest d = small_digest();
  LaidOut laid = layout_digest(d, fonts());
  std::string a = write_pdf(laid, d, fonts());
  std::string b = write_pdf(layout_digest(d, fonts()), d, fonts());
  BOOST_TEST((a == b));
  BOOST_TEST(a.find("/ID") == std::string::npos);
  Digest undated = d;
  undated.creation_time = 0;
  std::string c = write_pdf(laid, undated, fonts());
  BOOST_TEST(c.find("/CreationDate") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_digest) {
  TempDir dir;
  Digest d = small_digest();
  d.groups.clear();
  std::string path = write(dir, d);
  BOOST_TEST(run("qpdf --check " + shell_quote(path)).code == 0);
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(path) + " -");
  BOOST_TEST(r.out.find("No hay boletines.") != std::string::npos);
  BOOST_TEST(r.out.find("Page 2 of 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_font_names_the_file) {
  TempDir dir;
  FontSet broken = fonts();
  broken.faces[kBold].path = dir / "NotoSans-Bold.ttf";
  const Digest d = small_digest();
  try {
    write_pdf(layout_digest(d, fonts()), d, broken);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(e.code() == kExitRuntime);
    BOOST_TEST(format_diagnostic(e.diag()) == broken.faces[kBold].path +
                                                  ": error: cannot open font file: No such file "
                                                  "or directory");
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_font) {
  TempDir dir;
  FontSet broken = fonts();
  broken.faces[kItalic].path = dir / "fake.ttf";
  std::ofstream(broken.faces[kItalic].path) << "not a font";
  const Digest d = small_digest();
  try {
    write_pdf(layout_digest(d, fonts()), d, broken);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(e.diag().loc.file == broken.faces[kItalic].path);
    BOOST_TEST(e.diag().message == "not a font file FreeType can read");
  }
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// The whole bundled fallback chain, so that runs change font mid-line.
const FontSet& all_fonts() {
  static const FontSet f = [] {
    const std::string dir = std::string(GAZETTE_SOURCE_DIR) + "/fonts/";
    auto family = [&](const std::string& name, bool styles) {
      return FamilyFiles{name, dir + name + "-Regular.ttf", styles ? dir + name + "-Bold.ttf" : "",
                         name == "NotoSans" ? dir + name + "-Italic.ttf" : ""};
    };
    return FontSet::load({family("NotoSans", true), family("NotoSansArabic", true),
                          family("NotoSansHebrew", true), family("NotoSansThai", true),
                          FamilyFiles{"Part1", dir + "DroidSansFallback-Part1.ttf", "", ""},
                          FamilyFiles{"Part2", dir + "DroidSansFallback-Part2.ttf", "", ""},
                          FamilyFiles{"Part3", dir + "DroidSansFallback-Part3.ttf", "", ""},
                          family("GazetteHangul", false)});
  }();
  return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_text_path)

// TextPath::direct writes what HPDF_Page_TextOut writes: the same bytes,
// embedded font subsets included, for one script and for many.
BOOST_AUTO_TEST_CASE(direct_text_is_byte_identical_to_libharus) {
  Digest d = small_digest();
  BOOST_TEST((write_pdf(layout_digest(d, fonts()), d, fonts(), TextPath::direct) ==
              write_pdf(layout_digest(d, fonts()), d, fonts(), TextPath::libharu)));

  d.groups[0].items[0].paragraphs = {
      "العربية: تتأثر ١٬٢٠٠ أسرة بالأمطار في دارين. עברית: גשמים כבדים. ไทย: ฝนตกหนัก "
      "中文：达连省暴雨 한국어: 폭우 — café, naïve, e\u0301, ½ ≤ ∑, 😀 and a long line that "
      "wraps onto the next one so that positions move down the page and back to the margin."};
  d.groups[1].items[0].title = "Incendios — حرائق — 火灾";
  const LaidOut laid = layout_digest(d, all_fonts());
  const std::string direct = write_pdf(laid, d, all_fonts(), TextPath::direct);
  BOOST_TEST((direct == write_pdf(laid, d, all_fonts(), TextPath::libharu)));
  // Not vacuous: the document draws with several fonts, each embedded.
  TempDir dir;
  std::ofstream(dir / "many.pdf", std::ios::binary) << direct;
  Result r = run("pdffonts " + shell_quote(dir / "many.pdf"));
  for (const char* name :
       {"NotoSans-Regular", "NotoSansArabic", "NotoSansHebrew", "NotoSansThai", "GazetteHangul"})
    BOOST_TEST(r.out.find(name) != std::string::npos, name);
}

BOOST_AUTO_TEST_SUITE_END()
