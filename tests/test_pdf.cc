// The PDF writer, checked with the tools readers use: qpdf, poppler.
// (property_tree still includes boost/bind.hpp, which asks for this.)
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/diag.h"
#include "fonts.h"
#include "layout/layout.h"
#include "pdf/font_embed.h"
#include "pdf/pdf_writer.h"
#include "support.h"

using namespace gz;
namespace fs = std::filesystem;

namespace {

using gz::test::Result;
using gz::test::run;
using gz::test::shell_quote;
using gz::test::TempDir;

const FontSet& fonts() { return test::noto_sans(); }

Digest small_digest() {
  Digest d;
  d.title = "Centroamérica — Resumen";
  d.period_text = "julio de 2021";
  d.regions_text = "Centroamérica";
  d.count_text = "3 boletines";
  d.contents_text = "Contenido";
  d.empty_text = "No hay boletines.";
  using P = PageNumbers::Piece;
  d.page_numbers.footer = {{P::Text, "Page "}, {P::Page, {}}, {P::Text, " of "}, {P::Pages, {}}};
  DigestItem rain{"Lluvias en Darién",
                  "9 de julio de 2021",
                  "Panamá",
                  {"Las lluvias afectan a 1.200 familias en la provincia de Darién.",
                   "Emoji beyond the BMP: 😀."},
                  {},
                  {},
                  "es",
                  {},
                  {},
                  {},
                  {}};
  DigestItem fires{"Incendios forestales",
                   "2 de julio de 2021",
                   "Costa Rica, Panamá",
                   {"Se registran incendios en Guanacaste."},
                   {},
                   {},
                   "es",
                   {},
                   {},
                   {},
                   {}};
  DigestItem roads{"Carreteras cerradas",
                   "3 de julio de 2021",
                   "Costa Rica",
                   {"Varias rutas cerradas por deslizamientos."},
                   {},
                   {},
                   "es",
                   {},
                   {},
                   {},
                   {}};
  d.groups = {{"Panamá", {rain}, {}, {}}, {"Costa Rica", {fires, roads}, {}, {}}};
  return d;
}

// small_digest's document information; tagged: PDF/UA-1 and PDF/A-2a, as
// by default.
DocumentInfo small_info(bool tagged = false) {
  DocumentInfo info;
  info.subject = "Boletines humanitarios";
  info.keywords = "Panamá, Costa Rica";
  info.creator = "Gazette 0.1.0";
  info.creation_time = 1627779723;  // 2021-08-01 01:02:03 UTC
  if (tagged) {
    info.pdf_ua = info.pdf_a = true;
    info.icc_profile = test::read_file("/usr/share/color/icc/colord/sRGB.icc");
  }
  return info;
}

// Laid out as info's PDF must be.
LayoutOptions options_for(const DocumentInfo& info) {
  LayoutOptions options;
  options.tagged = info.tagged();
  return options;
}

// Writes the digest and returns the file's path.
std::string write(const TempDir& dir, const Digest& d, LaidOut* laid_out = nullptr) {
  LaidOut laid = layout_digest(d, fonts());
  std::string bytes = write_pdf(laid, d, small_info(), fonts());
  std::string path = dir / "digest.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  if (laid_out) *laid_out = std::move(laid);
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf_writer)

// The writer hands each page's content stream to its output as the page
// is drawn (memory holds the pages in flight, not the document), and
// leaves out libharu's empty stand-ins: every object number is defined once.
BOOST_AUTO_TEST_CASE(each_page_goes_out_when_it_is_drawn, *boost::unit_test::label("slow")) {
  class Recorder final : public PageSink {
   public:
    Recorder(PdfDocument& doc, const std::string& bytes) : doc_(doc), bytes_(bytes) {}
    void page(size_t index, LaidOutPage&& page, const std::vector<Element>& elements) override {
      const size_t before = bytes_.size();
      doc_.page(index, std::move(page), elements);
      grew.push_back(bytes_.size() - before);
    }
    std::vector<size_t> grew;

   private:
    PdfDocument& doc_;
    const std::string& bytes_;
  };
  Digest d = small_digest();
  std::string bytes;
  StringSink out(bytes);
  const DocumentInfo info = small_info();
  PdfDocument doc(d, info, fonts(), out);
  Recorder recorder(doc, bytes);
  LaidOut rest = layout_digest(d, fonts(), {}, &recorder);
  BOOST_TEST_REQUIRE(!recorder.grew.empty());
  for (size_t n : recorder.grew) BOOST_TEST(n > 100u);  // "N 0 obj << /Length ..." and the text
  doc.finish(std::move(rest));
  BOOST_TEST(bytes.starts_with("%PDF-1.7\n"));
  BOOST_TEST(bytes.ends_with("%%EOF\n"));

  std::map<std::string, int> defined;
  for (size_t at = bytes.find(" 0 obj\n"); at != std::string::npos;
       at = bytes.find(" 0 obj\n", at + 1)) {
    size_t start = bytes.rfind('\n', at) + 1;
    ++defined[bytes.substr(start, at - start)];
  }
  for (const auto& [num, times] : defined) BOOST_TEST(times == 1, "object " << num);

  TempDir dir;
  std::string path = dir / "digest.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  Result r = run("qpdf --check " + shell_quote(path));
  BOOST_TEST(r.code == 0, r.out);
  BOOST_TEST(r.out.find("No syntax or stream encoding errors") != std::string::npos);
  BOOST_TEST(run("pdftotext " + shell_quote(path) + " -").out.find("Carreteras cerradas") !=
             std::string::npos);
}

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
  // A code point beyond the BMP that no font has: a box, which reads as itself.
  BOOST_TEST(r.out.find("BMP: \U0001F600.") != std::string::npos);
  BOOST_TEST(r.err == "");  // poppler finds nothing to warn about
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

BOOST_AUTO_TEST_CASE(document_information, *boost::unit_test::label("slow")) {
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

// libharu writes the information dictionary (a character beyond the BMP
// becomes U+FFFD there); Gazette writes the outline, in full.
BOOST_AUTO_TEST_CASE(non_bmp_titles_in_info_and_outline, *boost::unit_test::label("slow")) {
  TempDir dir;
  Digest d = small_digest();
  d.title = "Lluvias 🌧 en Panamá";
  d.groups[0].name = "Panamá 🌧";
  std::string path = write(dir, d);
  Result info = run("pdfinfo " + shell_quote(path));
  BOOST_TEST(info.out.find("Title:           Lluvias \uFFFD en Panamá\n") != std::string::npos,
             info.out);
  Result outline = run("qpdf --json --json-key=outlines " + shell_quote(path));
  BOOST_TEST(outline.out.find("\"title\": \"Panamá 🌧\"") != std::string::npos, outline.out);
}

BOOST_AUTO_TEST_CASE(one_font_file_for_all_styles, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string regular = test::kBundled + "/NotoSans-Regular.ttf";
  const FontSet one = FontSet::load({{"NotoSans", regular, regular, regular, 0, {}}});
  const Digest d = small_digest();
  std::string path = dir / "one.pdf";
  std::ofstream(path, std::ios::binary) << write_pdf(layout_digest(d, one), d, small_info(), one);
  BOOST_TEST(run("qpdf --check " + shell_quote(path)).code == 0);
  Result r = run("pdffonts " + shell_quote(path));
  BOOST_TEST(r.out.find("NotoSans-Regular") != std::string::npos);
  BOOST_TEST(r.out.find("NotoSans-Bold") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(letter_paper, *boost::unit_test::label("slow")) {
  TempDir dir;
  Digest d = small_digest();
  d.paper = Paper::Letter;
  Result r = run("pdfinfo " + shell_quote(write(dir, d)));
  BOOST_TEST(r.out.find("Page size:       612 x 792 pts (letter)") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(outline_lists_groups_and_items, *boost::unit_test::label("slow")) {
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

BOOST_AUTO_TEST_CASE(toc_links_have_no_border, *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string path = write(dir, small_digest());
  Result raw = run("qpdf --qdf --object-streams=disable " + shell_quote(path) + " -");
  BOOST_REQUIRE(raw.code == 0);
  size_t links = 0;
  for (size_t at = 0; (at = raw.out.find("/Subtype /Link", at)) != std::string::npos; ++at) ++links;
  BOOST_TEST(links == 2u);  // one per group
  BOOST_TEST(raw.out.find("/Border [\n    0\n    0\n    0\n  ]") != std::string::npos);
}

// Layout measures lines with the fonts' advances; they are exact only if the
// PDF reader uses the same widths: those of the fonts' /W arrays, keyed by
// glyph id (Identity-H, CIDToGIDMap /Identity).
BOOST_AUTO_TEST_CASE(pdf_widths_equal_font_advances) {
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
    BOOST_TEST(name[6] == '+', name);  // a subset, tagged
    const FontId id = name.find("Bold") != std::string::npos     ? kBold
                      : name.find("Italic") != std::string::npos ? kItalic
                                                                 : kRegular;
    const Face& face = fonts()[fonts().primary(id)];
    BOOST_TEST(q.find("/CIDToGIDMap /Identity", obj) < q.find("endobj", obj));
    // /W [ g [w1 w2 ...] g [...] ... ]: widths of consecutive glyph ids.
    std::istringstream w(q.substr(q.find("/W [", obj) + 4));
    int checked = 0;
    for (std::string tok; w >> tok && tok != "]";) {
      long gid = std::stol(tok);
      w >> tok;
      BOOST_REQUIRE(tok == "[");
      for (; w >> tok && tok != "]"; ++gid, ++checked) {
        BOOST_TEST(std::stoi(tok) == face.advance(static_cast<uint32_t>(gid)), name << " " << gid);
      }
    }
    BOOST_TEST(checked > 10);
    ++fonts_checked;
  }
  BOOST_TEST(fonts_checked == 3);
}

// A run that makes many PDFs subsets each face many times, and from the
// 25th time on from HarfBuzz's preprocessed copy (font_embed.cc): the
// first PDF, the ones made while the copy is being made, and the last
// must be the same bytes. Two threads, as --jobs 2 runs them, on faces
// of their own (a fresh FontSet: no subset counted yet).
BOOST_AUTO_TEST_CASE(the_fortieth_pdf_of_a_run_is_the_first_byte_for_byte) {
  const FontSet own = FontSet::load({test::noto_family("NotoSans")});
  const Digest d = small_digest();
  const DocumentInfo info = small_info(true);
  const LaidOut laid = layout_digest(d, own, options_for(info));
  std::vector<std::string> made(40);
  auto make = [&](size_t from) {
    for (size_t i = from; i < made.size(); i += 2) {
      made[i] = write_pdf(laid, d, info, own);
    }
  };
  std::thread other(make, 1);
  make(0);
  other.join();
  BOOST_TEST_REQUIRE(made[0].size() > 1000u);
  for (size_t i = 1; i < made.size(); ++i) BOOST_TEST((made[i] == made[0]), "PDF " << i + 1);
}

BOOST_AUTO_TEST_CASE(same_input_same_bytes) {
  const Digest d = small_digest();
  LaidOut laid = layout_digest(d, fonts());
  std::string a = write_pdf(laid, d, small_info(), fonts());
  std::string b = write_pdf(layout_digest(d, fonts()), d, small_info(), fonts());
  BOOST_TEST((a == b));
  BOOST_TEST(a.find("/ID") == std::string::npos);
  DocumentInfo undated = small_info();
  undated.creation_time = 0;
  std::string c = write_pdf(laid, d, undated, fonts());
  BOOST_TEST(c.find("/CreationDate") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_digest, *boost::unit_test::label("slow")) {
  TempDir dir;
  Digest d = small_digest();
  d.groups.clear();
  std::string path = write(dir, d);
  BOOST_TEST(run("qpdf --check " + shell_quote(path)).code == 0);
  Result r = run("pdftotext -enc UTF-8 " + shell_quote(path) + " -");
  BOOST_TEST(r.out.find("No hay boletines.") != std::string::npos);
  BOOST_TEST(r.out.find("Page 2 of 2") != std::string::npos);
}

// Shapes (filled rectangles, stroked lines) are drawn under the text, in
// their colour; in a tagged PDF as an artifact (TempDir checks the tagged
// file with tests/check_tagged_pdf.py).
BOOST_AUTO_TEST_CASE(shapes_are_drawn_in_their_colour, *boost::unit_test::label("slow")) {
  for (const bool tagged : {false, true}) {
    TempDir dir;
    Digest d = small_digest();
    const DocumentInfo info = small_info(tagged);
    d.lang = "es";
    LaidOut laid = layout_digest(d, fonts(), options_for(info));
    BOOST_REQUIRE(laid.pages.size() >= 2u);
    // A black square and a grey line on the cover (drawn in finish()),
    // a square on the last page.
    laid.pages[0].shapes.push_back({Shape::Fill, {100, 100, 150, 150}, 0x000000, 1});
    laid.pages[0].shapes.push_back({Shape::Stroke, {200, 100, 300, 100}, 0x808080, 4});
    laid.pages.back().shapes.push_back({Shape::Fill, {400, 200, 420, 260}, 0x102030, 1});
    const std::string path = dir / "shapes.pdf";
    std::ofstream(path, std::ios::binary) << write_pdf(laid, d, info, fonts());
    Result check = run("qpdf --check " + shell_quote(path));
    BOOST_TEST(check.code == 0, check.out << check.err);
    Result raw = run("qpdf --qdf --object-streams=disable " + shell_quote(path) + " -");
    BOOST_TEST(raw.out.find("100 100 50 50 re f\n") != std::string::npos);
    BOOST_TEST(raw.out.find("0.502 0.502 0.502 RG\n4 w\n200 100 m 300 100 l S\n") !=
               std::string::npos);
    BOOST_TEST(raw.out.find("0.063 0.125 0.188 rg\n400 200 20 60 re f\n") != std::string::npos);
    BOOST_TEST((raw.out.find("/Artifact BMC\nq\n0 0 0 rg") != std::string::npos) == tagged);
    // Pixels: 72 dpi, one pixel a point, y from the top.
    BOOST_REQUIRE(run("pdftoppm -r 72 -gray -f 1 -l 1 -singlefile " + shell_quote(path) + " " +
                      shell_quote(dir / "p"))
                      .code == 0);
    std::ifstream in(dir / "p.pgm", std::ios::binary);
    std::string magic;
    int w = 0, h = 0, maxval = 0;
    in >> magic >> w >> h >> maxval;
    in.get();
    std::string px((std::istreambuf_iterator<char>(in)), {});
    BOOST_REQUIRE(px.size() == size_t(w) * size_t(h));
    auto at = [&](int x, int y) { return static_cast<uint8_t>(px[size_t(h - 1 - y) * w + x]); };
    BOOST_TEST(at(125, 125) < 10);   // inside the square
    BOOST_TEST(at(160, 125) > 245);  // beside it
    BOOST_TEST(at(250, 100) < 150);  // on the line: grey
    BOOST_TEST(at(250, 100) > 100);
    BOOST_TEST(at(250, 110) > 245);  // above it
  }
}

BOOST_AUTO_TEST_CASE(missing_font_names_the_file) {
  TempDir dir;
  const std::string missing = dir / "NotoSans-Bold.ttf";
  const FontSet broken =
      FontSet::load({{"NotoSans", test::kBundled + "/NotoSans-Regular.ttf", missing, "", 0, {}}});
  const Digest d = small_digest();
  try {
    write_pdf(layout_digest(d, broken), d, small_info(), broken);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(e.code() == kExitRuntime);
    BOOST_TEST(format_diagnostic(e.diag()) ==
               missing + ": error: cannot open font file: No such file or directory");
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_font) {
  TempDir dir;
  const std::string fake = dir / "fake.ttf";
  std::ofstream(fake) << "not a font";
  const FontSet broken =
      FontSet::load({{"NotoSans", test::kBundled + "/NotoSans-Regular.ttf", "", fake, 0, {}}});
  const Digest d = small_digest();
  try {
    write_pdf(layout_digest(d, broken), d, small_info(), broken);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(e.diag().loc.file == fake);
    BOOST_TEST(e.diag().message == "not a font file (no OpenType or TrueType table directory)");
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(text_layer)

// Hand-written sentences in every script the default chain draws: what
// pdftotext and mutool give back, and that neither warns.
struct Sample {
  const char* lang;
  const char* text;
  bool mutool;  // MuPDF 1.21 reads it back too (it ignores /ActualText, reorders no bidi)
};
const Sample kSamples[] = {
    {"en", "AVATAR To Vietnam: office finance, efficient staff", true},
    {"ru", "Мобилизация в России", true},
    {"el", "Σεισμός στην Τουρκία", true},
    {"ar", "مُقيم في البرلمانِ الجديد", false},
    {"ar", "الأمم المتحدة تساعد اللاجئين", false},
    {"fa", "می‌خواهم به ایران بروم", false},
    {"ckb", "ڕێکخراوی نێودەوڵەتی کۆچ لە هەولێر", false},
    {"ur", "پاکستان میں سیلاب سے متاثرہ خاندان", false},
    {"he", "שָׁלוֹם עֲלֵיכֶם בִּירוּשָׁלַיִם", false},
    {"hi", "भारत में प्रवासियों के लिए क्षत्रिय सहायता", false},
    {"ta", "இந்தியாவில் புலம்பெயர்ந்தோருக்கு உதவி", false},
    {"si", "ශ්‍රී ලංකාවේ සංක්‍රමණිකයින්", false},
    {"th", "ที่ซึ่งปู่สิ้นใจ ประเทศไทย", false},
    {"ko", "대한민국 서울에서 이주민 지원", true},
    {"ja", "日本の東京で移民支援", true},
    {"zh", "中国北京的移民援助", true},
    {"bn", "বাংলাদেশে শরণার্থী সহায়তা", false},
    {"pa", "ਪੰਜਾਬ ਵਿੱਚ ਪ੍ਰਵਾਸੀ", false},
    {"gu", "ગુજરાતમાં સ્થળાંતર", false},
    {"or", "ଓଡ଼ିଶାରେ ବନ୍ୟା", false},
    {"te", "తెలంగాణలో వలసదారులు", false},
    {"kn", "ಕರ್ನಾಟಕದಲ್ಲಿ ಪ್ರವಾಹ", false},
    {"ml", "കേരളത്തിൽ വെള്ളപ്പൊക്കം", false},
    {"my", "မြန်မာနိုင်ငံ", false},
    {"km", "ព្រះរាជាណាចក្រកម្ពុជា", false},
    {"lo", "ສາທາລະນະລັດ ປະຊາທິປະໄຕ", false},
    {"am", "ኢትዮጵያ ውስጥ ድርቅ", false},
    {"bo", "བོད་ཀྱི་སྐད་ཡིག", false},
    {"syr", "ܠܫܢܐ ܣܘܪܝܝܐ", false},
};

// Bidi controls readers add around runs of another direction, the marks
// Gazette gives them (README, "Text layer"), and white space, do not count.
std::string folded(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    const size_t n = utf8_decode(std::string_view(s).substr(i), &c);
    const bool control = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
                         c == 0x200E || c == 0x200F || c == 0x061C;
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (!control) {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

BOOST_AUTO_TEST_CASE(every_script_reads_back, *boost::unit_test::label("slow")) {
  Digest d = small_digest();
  // Tagged, as by default: TempDir's check (tests/check_tagged_pdf.py) then
  // covers every script's marked content and ToUnicode maps.
  const DocumentInfo info = small_info(true);
  d.lang = "en";
  d.groups.clear();
  d.groups.push_back({"Scripts", {}, {}, {}});
  for (const Sample& s : kSamples) {
    DigestItem item;
    item.title = s.text;
    item.lang = s.lang;
    item.paragraphs = {s.text};
    d.groups[0].items.push_back(item);
  }
  TempDir dir;
  const std::string path = dir / "scripts.pdf";
  std::ofstream(path, std::ios::binary) << write_pdf(
      layout_digest(d, test::all_fonts(), options_for(info)), d, info, test::all_fonts());
  Result check = run("qpdf --check " + shell_quote(path));
  BOOST_TEST(check.code == 0, check.out << check.err);
  Result poppler = run("pdftotext -enc UTF-8 " + shell_quote(path) + " -");
  BOOST_TEST(poppler.err == "");
  const std::string text = folded(poppler.out);
  Result mupdf = run("mutool draw -F txt -o - " + shell_quote(path));
  BOOST_TEST(mupdf.code == 0);
  // MuPDF names the pages it reads, and says it was built without colour
  // management; nothing else.
  std::istringstream mu_err(mupdf.err);
  for (std::string line; std::getline(mu_err, line);) {
    BOOST_TEST((line.rfind("page ", 0) == 0 || line == "warning: ICC support is not available"),
               line);
  }
  const std::string mu = folded(mupdf.out);
  for (const Sample& s : kSamples) {
    BOOST_TEST(text.find(s.text) != std::string::npos, s.lang << ": " << s.text);
    if (s.mutool) BOOST_TEST(mu.find(s.text) != std::string::npos, "mutool " << s.lang);
  }
  Result fonts = run("pdffonts " + shell_quote(path));
  BOOST_TEST(fonts.err == "");
  for (const char* name :
       {"NotoSans-Regular", "NotoSansArabic-Regular", "NotoSansHebrew", "NotoSansThai",
        "NotoSansDevanagari", "NotoSansTamil", "NotoSansSinhala", "NotoSansCJKjp", "NotoSansCJKkr",
        "NotoSansCJKsc-Regular", "NotoSans-Bold", "NotoSansCJKsc-Bold"}) {
    BOOST_TEST(fonts.out.find(name) != std::string::npos, name);
  }
  BOOST_TEST(fonts.out.find("CID Type 0C (OT)") != std::string::npos);  // CFF, for CJK
}

// Right-to-left titles with digits, Latin and brackets, in a right-to-left
// report: pdftotext rebuilds the logical order of a line by its own rule,
// which would move the space or bracket after a digit run to before it
// ("(2021)" as ")2021"); Gazette's marks keep it where it is written.
BOOST_AUTO_TEST_CASE(right_to_left_titles_with_digits_read_back, *boost::unit_test::label("slow")) {
  const std::vector<std::pair<std::string, std::string>> titles = {
      {"ar", "زلزال بقوة 7.8 في تركيا وسوريا"},
      {"ar", "انتخابات العراق (2021)"},
      {"ar", "قمة G20 في نيودلهي"},
      {"ar", "WHO تعلن نهاية الجائحة"},
      {"fa", "سیل در پاکستان ۱۴۰۱ و ۲۰۲۲"},
      {"fa", "کووید-۱۹ در ایران"},
      {"ur", "پاکستان میں 2022 کے سیلاب"},
      {"ar", "مذنب C/2022 E3 (ZTF)"},
      {"ar", "اتفاقية سلام إثيوبيا - تيغراي"},
      {"ar", "لقاح كوفيد-19 في مصر"},
      {"fa", "کنستانتین دوم، پادشاه یونان"},
      // Thaana on a left-to-right page reads reversed: poppler 22.12 does
      // not count its letters as right-to-left (README, "Text layer").
      {"dv", "ދިވެހިރާއްޖެ"},
  };
  Digest d = small_digest();
  d.lang = "ar";
  d.rtl = true;
  d.title = "موجز";
  d.groups.clear();
  d.groups.push_back({"العراق", {}, {}, {}});
  for (const auto& [lang, title] : titles) {
    DigestItem item;
    item.title = title;
    item.lang = lang;
    item.paragraphs = {"نص " + title + " نص."};
    d.groups[0].items.push_back(item);
  }
  TempDir dir;
  const std::string path = dir / "rtl.pdf";
  std::ofstream(path, std::ios::binary)
      << write_pdf(layout_digest(d, test::all_fonts()), d, small_info(), test::all_fonts());
  Result poppler = run("pdftotext -enc UTF-8 " + shell_quote(path) + " -");
  BOOST_TEST(poppler.err == "");
  const std::string text = folded(poppler.out);
  for (const auto& [lang, title] : titles) {
    BOOST_TEST(text.find(folded(title)) != std::string::npos, lang << ": " << title);
    BOOST_TEST(text.find(folded("نص " + title + " نص.")) != std::string::npos, lang << ": body");
  }
}

BOOST_AUTO_TEST_CASE(tounicode_cmap_is_valid) {
  // bfchar entries only, 2-byte codes, at most 100 a block; poppler would
  // say "Invalid 'begincidrange' operator" of the old one.
  TempDir dir;
  Result raw =
      run("qpdf --qdf --object-streams=disable " + shell_quote(write(dir, small_digest())) + " -");
  const std::string& q = raw.out;
  BOOST_TEST(q.find("begincidrange") == std::string::npos);
  BOOST_TEST(q.find("/Ordering (UCS)") != std::string::npos);
  size_t blocks = 0;
  for (size_t at = 0; (at = q.find(" beginbfchar", at)) != std::string::npos; ++at, ++blocks) {
    const size_t line = q.rfind('\n', at) + 1;
    BOOST_TEST(std::stoi(q.substr(line, at - line)) <= 100);
  }
  BOOST_TEST(blocks >= 3u);
}

BOOST_AUTO_TEST_SUITE_END()

// A face subset often in one run is subset from HarfBuzz's preprocessed copy
// of it (font_embed.cc), and a PDF's bytes must not depend on how many
// others the run makes: HarfBuzz must cut the same program from either. Every
// face of TrueType outlines (the ones preprocessed), with three glyph sets:
// the few glyphs of a Latin title, every seventh glyph, and all of them.
BOOST_AUTO_TEST_CASE(a_subset_is_the_same_from_the_face_and_from_its_preprocessed_copy) {
  const FontSet& fonts = test::all_fonts();
  int compared = 0;
  for (FaceId f = 0; f < fonts.size(); ++f) {
    const Face& face = fonts[f];
    if (face.cff()) continue;
    const unsigned n = face.glyph_count();
    std::vector<uint8_t> title(n, 0), sevenths(n, 0), all(n, 1);
    title[0] = sevenths[0] = 1;
    for (char32_t c : U"Costa Rica 2021") title[face.glyph(c)] = 1;
    for (unsigned g = 0; g < n; g += 7) sevenths[g] = 1;
    for (const auto* glyphs : {&title, &sevenths, &all}) {
      const std::string plain = subset_program(face, *glyphs, SubsetFrom::kFace);
      const std::string pre = subset_program(face, *glyphs, SubsetFrom::kPreprocessed);
      BOOST_TEST_REQUIRE(!plain.empty());
      BOOST_TEST((plain == pre), test::file_of(fonts, f)
                                     << ": " << plain.size() << " bytes from the face, "
                                     << pre.size() << " from the copy");
      ++compared;
    }
  }
  BOOST_TEST(compared >= 3 * 7);  // Noto Sans's three faces and the other scripts'
}
