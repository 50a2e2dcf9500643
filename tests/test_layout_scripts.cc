// The font fallback chain, Arabic shaping, bidi reordering and itemising:
// the stages between line breaking and placing.
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

#include "base/utf8.h"

#include "layout/font_metrics.h"
#include "layout/layout.h"
#include "layout/line_breaker.h"
#include "layout/line_setter.h"

using namespace gz;

namespace {

const std::string kFonts = std::string(GAZETTE_SOURCE_DIR) + "/fonts";

// The bundled chain (as app/fonts.cc resolves it).
const FontSet& chain() {
  static const FontSet f = FontSet::load({
      {"NotoSans", kFonts + "/NotoSans-Regular.ttf", kFonts + "/NotoSans-Bold.ttf",
       kFonts + "/NotoSans-Italic.ttf"},
      {"NotoSansArabic", kFonts + "/NotoSansArabic-Regular.ttf",
       kFonts + "/NotoSansArabic-Bold.ttf", ""},
      {"NotoSansHebrew", kFonts + "/NotoSansHebrew-Regular.ttf", "", ""},
      {"NotoSansThai", kFonts + "/NotoSansThai-Regular.ttf", kFonts + "/NotoSansThai-Bold.ttf", ""},
      {"DroidSansFallback", kFonts + "/DroidSansFallback-Part1.ttf", "", ""},
      {"DroidSansFallback", kFonts + "/DroidSansFallback-Part2.ttf", "", ""},
  });
  return f;
}

std::string file_of(FaceId face) {
  const std::string& path = chain()[face].path;
  return path.substr(path.rfind('/') + 1);
}

// The line as drawn, left to right, and the files of its pieces.
struct Set {
  std::string text;
  std::vector<std::string> files;
  std::vector<std::string> pieces;
  int64_t units = 0;
  // The file of the piece holding part.
  std::string file_with(const std::string& part) const {
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (pieces[i].find(part) != std::string::npos) return files[i];
    }
    return "(none)";
  }
};

Set set_line(const std::string& text, bool rtl_default = false, FontId style = kRegular) {
  LineSetter setter(chain());
  std::string storage;
  Paragraph p = setter.prepare(text, rtl_default, storage);
  std::vector<Piece> pieces;
  Set out;
  out.units = setter.set(p.text, p, style, pieces);
  int64_t x = 0;
  for (const Piece& piece : pieces) {
    BOOST_TEST(piece.x == x);  // pieces abut, left to right
    x += piece.units;
    out.text += piece.text;
    out.pieces.push_back(piece.text);
    out.files.push_back(file_of(piece.face));
  }
  BOOST_TEST(x == out.units);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scripts)

BOOST_AUTO_TEST_CASE(itemising_is_a_look_up_per_character) {
  // Pieces as the chain gives them character by character: a new piece
  // where the face changes, ignorable characters dropped. Itemising skips
  // the look-ups in runs of printable ASCII (one face in this chain); the
  // pieces must be the same.
  const FontChain& regular = chain().chain(kRegular);
  BOOST_TEST(regular.ascii_face() == int(regular.face_for('a')));
  const std::vector<std::string> alphabet = {
      "a",      "Z",      " ",      "7",      ".",      "~",      "\t",     "\x7f",      "\u00e9",
      "\u00ad", "\u200d", "\u0e01", "\u4e2d", "\u05d0", "\u2014", "\u00a0", "\U0001F600"};
  std::mt19937 rng(6);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (int k = 0, len = int(rng() % 30); k < len; ++k) text += alphabet[rng() % alphabet.size()];
    std::vector<Piece> want;
    int64_t x = 0;
    for (size_t p = 0; p < text.size();) {
      char32_t c;
      const size_t n = utf8_decode(std::string_view(text).substr(p), &c);
      if (!regular.ignored(c)) {
        if (want.empty() || want.back().face != regular.face_for(c)) {
          want.push_back({regular.face_for(c), x, 0, {}, {}});
        }
        want.back().units += regular.advances().drawn_advance(c);
        want.back().text += text.substr(p, n);
        x += regular.advances().drawn_advance(c);
      }
      p += n;
    }
    std::vector<Piece> got;
    BOOST_TEST(set_left_to_right(text, regular, got) == x);
    BOOST_REQUIRE(got.size() == want.size());
    for (size_t k = 0; k < got.size(); ++k) {
      BOOST_TEST(got[k].face == want[k].face);
      BOOST_TEST(got[k].x == want[k].x);
      BOOST_TEST(got[k].units == want[k].units);
      BOOST_TEST(got[k].text == want[k].text);
    }
  }
}

BOOST_AUTO_TEST_CASE(each_character_gets_the_first_font_that_has_it) {
  const FontChain& c = chain().chain(kRegular);
  BOOST_TEST(file_of(c.face_for(U'A')) == "NotoSans-Regular.ttf");
  BOOST_TEST(file_of(c.face_for(U'Ж')) == "NotoSans-Regular.ttf");
  BOOST_TEST(file_of(c.face_for(U'\u0628')) == "NotoSansArabic-Regular.ttf");
  BOOST_TEST(file_of(c.face_for(U'\uFE91')) ==
             "NotoSansArabic-Regular.ttf");  // a presentation form
  BOOST_TEST(file_of(c.face_for(U'\u05D0')) == "NotoSansHebrew-Regular.ttf");
  BOOST_TEST(file_of(c.face_for(U'\u0E01')) == "NotoSansThai-Regular.ttf");
  BOOST_TEST(file_of(c.face_for(U'\u4E2D')) == "DroidSansFallback-Part1.ttf");
  BOOST_TEST(file_of(c.face_for(U'\u79FB')) == "DroidSansFallback-Part2.ttf");
  // Bold where the family has it, else the family's regular face.
  const FontChain& bold = chain().chain(kBold);
  BOOST_TEST(file_of(bold.face_for(U'A')) == "NotoSans-Bold.ttf");
  BOOST_TEST(file_of(bold.face_for(U'\u0628')) == "NotoSansArabic-Bold.ttf");
  BOOST_TEST(file_of(bold.face_for(U'\u05D0')) == "NotoSansHebrew-Regular.ttf");
  // Nobody has Sinhala: the first font draws its box, at the box's width.
  BOOST_TEST(!c.covers(U'\u0D9A'));
  BOOST_TEST(c.face_for(U'\u0D9A') == kRegular);
  BOOST_TEST(c.advances().drawn_advance(U'\u0D9A') == chain()[kRegular].metrics.missing_width());
  // Widths are those of the chosen font.
  BOOST_TEST(c.advances().drawn_advance(U'\u4E2D') ==
             chain()[c.face_for(U'\u4E2D')].metrics.advance(U'\u4E2D'));
  // Ignorable code points are never drawn and take no room.
  BOOST_TEST(c.ignored(U'\u200C'));
  BOOST_TEST(c.advances().drawn_advance(U'\u200F') == 0);
}

BOOST_AUTO_TEST_CASE(latin_text_is_one_piece_as_written) {
  Set s = set_line("Floods in Guatemala (2021)");
  BOOST_TEST(s.text == "Floods in Guatemala (2021)");
  BOOST_TEST(s.files == std::vector<std::string>{"NotoSans-Regular.ttf"});
  BOOST_TEST(s.units == chain()[kRegular].metrics.units(s.text));
}

BOOST_AUTO_TEST_CASE(arabic_is_shaped_and_drawn_right_to_left) {
  // سلام: seen isolated-initial, lam medial, alef final, meem isolated.
  LineSetter setter(chain());
  std::string storage;
  Paragraph p = setter.prepare("\u0633\u0644\u0627\u0645", false, storage);
  BOOST_TEST(p.level == 1);
  BOOST_TEST(p.bidi);
  // Logical order, presentation forms: seen initial, lam-alef final ligature
  // (one code point: the ligature is not followed by a filler space), meem.
  BOOST_TEST(std::string(p.text) == "\uFEB3\uFEFC\uFEE1");
  // Drawn left to right: meem first.
  Set s = set_line("\u0633\u0644\u0627\u0645");
  BOOST_TEST(s.text == "\uFEE1\uFEFC\uFEB3");
  BOOST_TEST(s.files == std::vector<std::string>{"NotoSansArabic-Regular.ttf"});
}

BOOST_AUTO_TEST_CASE(mixed_direction_keeps_latin_and_numbers_readable) {
  // "report IOM 2021 (new)" in Arabic: the Latin run and the number read
  // left to right inside a right-to-left line; brackets are mirrored.
  Set s = set_line("\u062A\u0642\u0631\u064A\u0631 IOM 2021 (\u062C\u062F\u064A\u062F)");
  // Left to right on the page: "(new)" mirrored, then "IOM 2021", then "report".
  const std::string newly = "(\uFEAA\uFEF3\uFEAA\uFE9F)";  // جديد reversed, in brackets
  BOOST_TEST(s.text.substr(0, newly.size()) == newly);
  BOOST_TEST(s.text.find(" IOM 2021 ") != std::string::npos);
  BOOST_TEST(s.text.substr(s.text.size() - 3) == "\uFE97");  // teh initial ends the line
  BOOST_TEST(s.file_with("IOM") == "NotoSans-Regular.ttf");
  BOOST_TEST(s.file_with("\uFE97") == "NotoSansArabic-Regular.ttf");
  BOOST_TEST(s.file_with("\uFEAA\uFEF3") == "NotoSansArabic-Regular.ttf");
}

BOOST_AUTO_TEST_CASE(hebrew_is_reordered_without_shaping) {
  Set s = set_line("\u05E9\u05DC\u05D5\u05DD 2021.");
  // The full stop ends the sentence on the left; the number reads 2021.
  BOOST_TEST(s.text == ".2021 \u05DD\u05D5\u05DC\u05E9");
}

BOOST_AUTO_TEST_CASE(neutral_text_follows_the_digest_direction) {
  BOOST_TEST(set_line("1 / 3", false).text == "1 / 3");
  BOOST_TEST(set_line("1 / 3", true).text == "3 / 1");
  // A Latin paragraph is left to right even in a right-to-left digest.
  BOOST_TEST(set_line("IOM 2021.", true).text == "IOM 2021.");
}

BOOST_AUTO_TEST_CASE(shaped_lines_fit_the_width_they_were_broken_for) {
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text +=
        "\u0627\u0644\u0645\u0646\u0638\u0645\u0629 \u0627\u0644\u062F\u0648\u0644\u064A\u0629 ";
  }
  LineSetter setter(chain());
  LineBreaker breaker;
  std::string storage;
  Paragraph p = setter.prepare(text, false, storage);
  std::vector<LineSpan> spans;
  const int64_t max = 30000;  // 1/1000 em
  breaker.break_lines(p.text, chain().chain(kRegular), max, spans);
  BOOST_TEST(spans.size() > 3u);
  for (const LineSpan& span : spans) {
    std::vector<Piece> pieces;
    int64_t units =
        setter.set(p.text.substr(span.begin, span.end - span.begin), p, kRegular, pieces);
    BOOST_TEST(units <= max);
    BOOST_TEST(units == span.units);
  }
}

BOOST_AUTO_TEST_CASE(thai_and_chinese_break_without_spaces) {
  LineBreaker breaker;
  std::vector<LineSpan> spans;
  const std::string thai = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยค";
  breaker.break_lines(thai, chain().chain(kRegular), 8000, spans);
  BOOST_TEST(spans.size() > 2u);
  for (size_t i = 1; i < spans.size(); ++i) BOOST_TEST(spans[i].begin == spans[i - 1].end);
  spans.clear();
  const std::string chinese = "来自中国各地的专家讨论了移民的医疗服务问题。";
  breaker.break_lines(chinese, chain().chain(kRegular), 5000, spans);
  BOOST_TEST(spans.size() == 5u);  // 22 ideographs of 1 em, 5 to a line
}

BOOST_AUTO_TEST_CASE(rtl_digest_places_pieces_from_the_right_margin) {
  Digest d;
  d.title = "\u0627\u0644\u0623\u0631\u062F\u0646 IOM";
  d.rtl = true;
  LaidOut out = layout_digest(d, chain());
  const auto& runs = out.pages[0].runs;
  BOOST_REQUIRE(runs.size() >= 2u);
  // The title: Latin piece on the left, Arabic piece ending at the margin.
  BOOST_TEST(runs[0].text.substr(0, 3) == "IOM");
  BOOST_TEST(runs[1].x == runs[0].x + runs[0].width, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(runs[1].x + runs[1].width == out.width - 56, boost::test_tools::tolerance(1e-6));
}

// Styles follow the logical text through bidi reordering: a strong word
// inside a right-to-left line is drawn bold where reordering puts it, and
// the line is drawn exactly as without marks.
BOOST_AUTO_TEST_CASE(marks_survive_reordering) {
  // Arabic, then Latin, then Arabic; "hello" strong, the first Arabic word too.
  const std::string text =
      "\u0645\u0631\u062D\u0628\u0627 hello world \u0628\u0627\u0644\u0639\u0627\u0644\u0645";
  const auto hello = static_cast<uint32_t>(text.find("hello"));
  const auto first_space = static_cast<uint32_t>(text.find(' '));
  LineSetter setter(chain());
  std::string storage;
  std::vector<uint32_t> cuts{0, first_space, hello, hello + 5};
  Paragraph p = setter.prepare(text, false, storage, &cuts);
  BOOST_TEST(p.bidi);
  BOOST_TEST(p.level == 1);
  const std::vector<StyleRun> runs{{cuts[0], cuts[1], kBold, {}}, {cuts[2], cuts[3], kBold, {}}};
  std::vector<Piece> pieces;
  const int64_t units = setter.set(p.text, p, kRegular, runs, pieces);

  const Set plain = set_line(text, false);
  std::string drawn;
  int64_t x = 0;
  std::vector<std::string> bold;
  for (const Piece& piece : pieces) {
    BOOST_TEST(piece.x == x);
    x += piece.units;
    drawn += piece.text;
    const std::string file = file_of(piece.face);
    if (file == "NotoSans-Bold.ttf" || file == "NotoSansArabic-Bold.ttf")
      bold.push_back(piece.text);
    if (file == "NotoSans-Bold.ttf" || file == "NotoSans-Regular.ttf") {
      BOOST_TEST(piece.units == chain()[piece.face].metrics.units(piece.text));
    }
  }
  BOOST_TEST(x == units);
  BOOST_TEST(drawn == plain.text);  // same order and mirroring as ubidi_writeReordered
  // Visual order: the first Arabic word at the right end, "hello" in the middle.
  BOOST_REQUIRE(bold.size() == 2u);
  BOOST_TEST(bold[0] == "hello");
  BOOST_TEST(plain.text.substr(plain.text.size() - bold[1].size()) == bold[1]);
  BOOST_TEST(file_of(pieces.back().face) == "NotoSansArabic-Bold.ttf");
  BOOST_TEST(units > plain.units);  // bold is wider
}

BOOST_AUTO_TEST_SUITE_END()
