// Shaping as a reader sees it: for each script, a line drawn by Gazette
// (layout and PDF writer) and rendered by poppler matches the same string
// with the same font shaped and drawn by HarfBuzz's own hb-view (cairo),
// rendered by the same poppler: the pixels agree within a tolerance that a
// two-pixel shift exceeds.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fonts.h"
#include "layout/layout.h"
#include "layout/line_setter.h"
#include "pdf/pdf_writer.h"
#include "pgm.h"
#include "support.h"
#include "text/shaper.h"

using namespace gz;
using gz::test::Gray;
using gz::test::read_pgm;
using gz::test::Result;
using gz::test::run;
using gz::test::shell_quote;
using gz::test::TempDir;

namespace {

// The ink (pixels darker than mid-gray) cut to its bounding box.
[[maybe_unused]] Gray ink(const Gray& g) {
  int x0 = g.width, y0 = g.height, x1 = -1, y1 = -1;
  for (int y = 0; y < g.height; ++y) {
    for (int x = 0; x < g.width; ++x) {
      if (g.at(x, y) < 128) {
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      }
    }
  }
  Gray out;
  if (x1 < 0) return out;
  out.width = x1 - x0 + 1, out.height = y1 - y0 + 1;
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) out.pixels.push_back(g.at(x, y));
  }
  return out;
}

// Pixels whose gray levels differ by more than a quarter of the range, with
// b moved dx pixels to the right.
int differing(const Gray& a, const Gray& b, int dx = 0) {
  int n = 0;
  for (int y = 0; y < std::max(a.height, b.height); ++y) {
    for (int x = 0; x < std::max(a.width, b.width) + std::abs(dx); ++x) {
      n += std::abs(int(a.at(x, y)) - int(b.at(x - dx, y))) > 64;
    }
  }
  return n;
}

int dark(const Gray& g) {
  return int(std::count_if(g.pixels.begin(), g.pixels.end(), [](uint8_t p) { return p < 128; }));
}

struct Case {
  const char* name;
  const char* text;
  const char* file;  // under Debian's Noto folders, or the bundled folder
  unsigned index;
  const char* lang;
  const char* script;  // ISO 15924
  const char* direction;
};

const Case kCases[] = {
    {"kerned Latin", "AVATAR To Wa", "NotoSans-Regular.ttf", 0, "en", "Latn", "ltr"},
    {"Latin ligatures", "office affine", "NotoSans-Regular.ttf", 0, "en", "Latn", "ltr"},
    {"Arabic with harakat", "مُقِيمٌ فِي بَرْلَمَانًا", "NotoSansArabic-Regular.ttf", 0, "ar", "Arab",
     "rtl"},
    {"Sorani", "ڕێکخراوی نێودەوڵەتی کۆچ", "NotoSansArabic-Regular.ttf", 0, "ckb", "Arab", "rtl"},
    {"Urdu Nastaliq", "پاکستان میں سیلاب", "NotoNastaliqUrdu-Regular.ttf", 0, "ur", "Arab", "rtl"},
    {"Hebrew with points", "שָׁלוֹם עֲלֵיכֶם", "NotoSansHebrew-Regular.ttf", 0, "he", "Hebr", "rtl"},
    {"Hindi conjuncts", "क्षत्रिय प्रवासियों की स्थिति", "NotoSansDevanagari-Regular.ttf", 0, "hi",
     "Deva", "ltr"},
    {"Tamil", "புலம்பெயர்ந்தோருக்கு உதவி", "NotoSansTamil-Regular.ttf", 0, "ta", "Taml", "ltr"},
    {"Sinhala", "ශ්‍රී ලංකාවේ සංක්‍රමණිකයින්",
     "NotoSansSinhala-Regular.ttf", 0, "si", "Sinh", "ltr"},
    {"Thai", "ที่ซึ่งปู่สิ้นใจ", "NotoSansThai-Regular.ttf", 0, "th", "Thai", "ltr"},
    {"Korean", "대한민국 서울에서", "NotoSansCJK-Regular.ttc", 1, "ko", "Hang", "ltr"},
    {"Japanese", "日本の東京で直骨", "NotoSansCJK-Regular.ttc", 0, "ja", "Jpan", "ltr"},
    {"Bengali", "বাংলাদেশে শরণার্থী সহায়তা", "NotoSansBengali-Regular.ttf", 0, "bn", "Beng", "ltr"},
    {"Gurmukhi", "ਪੰਜਾਬ ਵਿੱਚ ਪ੍ਰਵਾਸੀ", "NotoSansGurmukhi-Regular.ttf", 0, "pa", "Guru", "ltr"},
    {"Gujarati", "ગુજરાતમાં સ્થળાંતર", "NotoSansGujarati-Regular.ttf", 0, "gu", "Gujr", "ltr"},
    {"Oriya", "ଓଡ଼ିଶାରେ ବନ୍ୟା", "NotoSansOriya-Regular.ttf", 0, "or", "Orya", "ltr"},
    {"Telugu", "తెలంగాణలో వలసదారులు", "NotoSansTelugu-Regular.ttf", 0, "te", "Telu", "ltr"},
    {"Kannada", "ಕರ್ನಾಟಕದಲ್ಲಿ ಪ್ರವಾಹ", "NotoSansKannada-Regular.ttf", 0, "kn", "Knda", "ltr"},
    {"Malayalam", "കേരളത്തിൽ വെള്ളപ്പൊക്കം", "NotoSansMalayalam-Regular.ttf", 0, "ml", "Mlym", "ltr"},
    {"Myanmar", "မြန်မာနိုင်ငံ", "NotoSansMyanmar-Regular.ttf", 0, "my", "Mymr", "ltr"},
    {"Khmer", "ព្រះរាជាណាចក្រកម្ពុជា", "NotoSansKhmer-Regular.ttf", 0, "km", "Khmr", "ltr"},
    {"Lao", "ສາທາລະນະລັດ ປະຊາທິປະໄຕ", "NotoSansLao-Regular.ttf", 0, "lo", "Laoo", "ltr"},
    {"Ethiopic", "ኢትዮጵያ ውስጥ ድርቅ", "NotoSansEthiopic-Regular.ttf", 0, "am", "Ethi", "ltr"},
    {"Tibetan", "བོད་ཀྱི་སྐད་ཡིག", "NotoSerifTibetan-Regular.ttf", 0, "bo", "Tibt", "ltr"},
    {"Thaana", "ދިވެހިރާއްޖެ", "NotoSansThaana-Regular.ttf", 0, "dv", "Thaa", "rtl"},
    {"Syriac", "ܠܫܢܐ ܣܘܪܝܝܐ", "NotoSansSyriac-Regular.ttf", 0, "syr", "Syrc", "rtl"},
};

std::string font_path(const Case& c) {
  const std::string f = c.file;
  if (f == "NotoSans-Regular.ttf") return test::kBundled + "/" + f;
  return (f.find(".ttc") != std::string::npos ? test::kCjk : test::kNoto) + "/" + f;
}

constexpr double kSize = 40;  // points; rendered at 144 dpi: 80 pixels an em

// The line as Gazette draws it: shaped by layout, written by the PDF writer.
std::string gazette_pdf(const Case& c, const TempDir& dir) {
  const FontSet fonts = FontSet::load({{"F", font_path(c), "", "", c.index, {}}});
  Shaper shaper(fonts);
  LineSetter setter(shaper);
  std::vector<Piece> pieces;
  const int64_t units = setter.set_text(c.text, false, c.lang, kRegular, pieces);
  // The page hb-view makes: 20-point margins around the line's extents,
  // so that both baselines fall at the same fraction of a pixel.
  const Face& face = fonts[0];
  LaidOut laid;
  laid.width = 40 + double(units) * kSize / 1000.0;
  laid.height = 40 + double(face.ascender() - face.descender()) * kSize / 1000.0;
  const double baseline = laid.height - 20 - face.ascender() * kSize / 1000.0;
  laid.pages.emplace_back();
  for (Piece& p : pieces) {
    laid.pages[0].runs.push_back(TextRun{20 + double(p.x) * kSize / 1000.0, baseline, p.face, kSize,
                                         double(p.units) * kSize / 1000.0, std::move(p.glyphs),
                                         std::move(p.text), kArtifact});
  }
  const std::string path = dir / "gazette.pdf";
  std::ofstream(path, std::ios::binary) << write_pdf(laid, Digest{}, DocumentInfo{}, fonts);
  return path;
}

Gray rendered(const std::string& pdf, const std::string& prefix) {
  Result r =
      run("pdftoppm -r 144 -gray -singlefile " + shell_quote(pdf) + " " + shell_quote(prefix));
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  return read_pgm(prefix + ".pgm");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shaping)

constexpr size_t kArabic = 2;  // "Arabic with harakat"

// Cases first, first + 1, ... last - 1 of kCases.
void compare_with_hb_view(size_t first, size_t last) {
  if (run("command -v hb-view").code != 0) {
    BOOST_FAIL("hb-view is not installed (Debian libharfbuzz-bin; scripts/bootstrap installs it)");
  }
  for (size_t i = first; i < last; ++i) {
    const Case& c = kCases[i];
    BOOST_TEST_CONTEXT(c.name) {
      TempDir dir;
      const Gray got = rendered(gazette_pdf(c, dir), dir / "got");
      const std::string ref = dir / "ref.pdf";
      Result hb = run(std::string("LC_ALL=C.UTF-8 hb-view --font-funcs=ot --font-size=") +
                      std::to_string(int(kSize)) + " --margin=20 --output-format=pdf" +
                      " --font-file=" + shell_quote(font_path(c)) +
                      " --face-index=" + std::to_string(c.index) + " --language=" + c.lang +
                      " --script=" + c.script + " --direction=" + c.direction + " -o " +
                      shell_quote(ref) + " -- " + shell_quote(c.text));
      BOOST_TEST_REQUIRE(hb.code == 0, hb.err);
      const Gray want = rendered(ref, dir / "want");
      if (const char* keep = std::getenv("GAZETTE_KEEP_RENDERINGS")) {
        run("cp " + shell_quote(dir / "got.pgm") + " " +
            shell_quote(std::string(keep) + "/" + c.name + "-gazette.pgm"));
        run("cp " + shell_quote(dir / "want.pgm") + " " +
            shell_quote(std::string(keep) + "/" + c.name + "-hb-view.pgm"));
      }
      const int ink_pixels = dark(want);
      BOOST_TEST_REQUIRE(ink_pixels > 500);
      BOOST_TEST(std::abs(got.width - want.width) <= 1);
      BOOST_TEST(std::abs(got.height - want.height) <= 1);
      // Both pages have hb-view's geometry (margins around the line's
      // extents), so the pixels compare in place. Anti-aliasing is the same
      // rasteriser's: only the glyphs and their places differ. A mark misplaced or a letter
      // unjoined changes hundreds of pixels; so does the whole line moved by two pixels.
      const int tolerance = ink_pixels / 15;
      BOOST_TEST_MESSAGE(c.name << ": ink " << ink_pixels << ", differing " << differing(want, got)
                                << ", moved by 2 pixels " << differing(want, got, 2));
      BOOST_TEST(differing(want, got) <= tolerance);
      BOOST_TEST(differing(want, got, 2) > tolerance);
    }
  }
}

// Arabic (joining, marks, right to left) in the default
// suite; every other one is labelled slow (ctest -C slow, README "Tests").
BOOST_AUTO_TEST_CASE(arabic_matches_hb_view) {
  BOOST_TEST_REQUIRE(kCases[kArabic].script == std::string("Arab"));
  compare_with_hb_view(kArabic, kArabic + 1);
}

BOOST_AUTO_TEST_CASE(every_other_script_matches_hb_view, *boost::unit_test::label("slow")) {
  compare_with_hb_view(0, kArabic);
  compare_with_hb_view(kArabic + 1, std::size(kCases));
}

BOOST_AUTO_TEST_SUITE_END()
