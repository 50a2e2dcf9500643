// Shaping (HarfBuzz, through the Shaper's cache), the fallback chain, bidi
// reordering and itemising: the stages between the text and placed glyphs.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <hb.h>

#include "fonts.h"
#include "layout/layout.h"
#include "layout/line_breaker.h"
#include "layout/line_setter.h"
#include "text/shaper.h"

using namespace gz;
using gz::test::all_fonts;

namespace {

std::string file_of(FaceId face) { return test::file_of(all_fonts(), face); }

// A line as drawn, left to right: its pieces, their faces and glyphs.
struct Set {
  std::string text;  // the pieces' cluster text, in drawing order
  std::vector<std::string> files;
  std::vector<Piece> pieces;
  int64_t units = 0;
  size_t glyphs() const {
    size_t n = 0;
    for (const Piece& p : pieces) n += p.glyphs.size();
    return n;
  }
  std::string file_with(const std::string& part) const {
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (pieces[i].text.find(part) != std::string::npos) return files[i];
    }
    return "(none)";
  }
};

Set set_line(const std::string& text, bool rtl_default = false, FontId style = kRegular,
             const std::string& lang = "") {
  Shaper shaper(all_fonts());
  LineSetter setter(shaper);
  Set out;
  out.units = setter.set_text(text, rtl_default, lang, style, out.pieces);
  int64_t x = 0;
  for (const Piece& piece : out.pieces) {
    BOOST_TEST(piece.x == x);  // pieces abut, left to right
    int64_t sum = 0;
    for (const Glyph& g : piece.glyphs) sum += g.advance;
    BOOST_TEST(sum == piece.units);
    x += piece.units;
    out.text += piece.text;
    out.files.push_back(file_of(piece.face));
  }
  BOOST_TEST(x == out.units);
  return out;
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scripts)

BOOST_AUTO_TEST_CASE(each_script_gets_its_font) {
  BOOST_TEST(set_line("Floods").files == std::vector<std::string>{"NotoSans-Regular.ttf"});
  BOOST_TEST(set_line("Флоды").files == std::vector<std::string>{"NotoSans-Regular.ttf"});
  BOOST_TEST(set_line("سلام").files == std::vector<std::string>{"NotoSansArabic-Regular.ttf"});
  BOOST_TEST(set_line("שלום").files == std::vector<std::string>{"NotoSansHebrew-Regular.ttf"});
  BOOST_TEST(set_line("ภาษา").files == std::vector<std::string>{"NotoSansThai-Regular.ttf"});
  BOOST_TEST(set_line("भारत").files == std::vector<std::string>{"NotoSansDevanagari-Regular.ttf"});
  BOOST_TEST(set_line("இந்தியா").files == std::vector<std::string>{"NotoSansTamil-Regular.ttf"});
  BOOST_TEST(set_line("ලංකා").files == std::vector<std::string>{"NotoSansSinhala-Regular.ttf"});
  // Regional faces of Noto Sans CJK by language; Simplified Chinese otherwise.
  BOOST_TEST(set_line("直", false, kRegular, "ja").files ==
             std::vector<std::string>{"NotoSansCJK-Regular.ttc"});  // face 0, JP
  BOOST_TEST(set_line("直", false, kRegular, "zh").files ==
             std::vector<std::string>{"NotoSansCJK-Regular.ttc#2"});
  BOOST_TEST(set_line("서울", false, kRegular, "ko").files ==
             std::vector<std::string>{"NotoSansCJK-Regular.ttc#1"});
  // Bold where the family has it: CJK titles are bold.
  BOOST_TEST(set_line("中国", false, kBold).files ==
             std::vector<std::string>{"NotoSansCJK-Bold.ttc#2"});
  BOOST_TEST(set_line("سلام", false, kBold).files ==
             std::vector<std::string>{"NotoSansArabic-Bold.ttf"});
  // Spaces between words of a script are drawn in that script's font.
  BOOST_TEST(set_line("भारत में").files ==
             std::vector<std::string>{"NotoSansDevanagari-Regular.ttf"});
}

BOOST_AUTO_TEST_CASE(japanese_and_chinese_forms_differ) {
  // 直 has different regional forms: the language picks the glyph.
  const Set ja = set_line("直", false, kRegular, "ja");
  const Set zh = set_line("直", false, kRegular, "zh");
  BOOST_REQUIRE(ja.glyphs() == 1u);
  BOOST_REQUIRE(zh.glyphs() == 1u);
  BOOST_TEST(ja.pieces[0].face != zh.pieces[0].face);
}

BOOST_AUTO_TEST_CASE(latin_is_kerned_and_ligated) {
  const Face& regular = all_fonts()[all_fonts().primary(kRegular)];
  const Set av = set_line("AVATAR To");
  BOOST_TEST(av.text == "AVATAR To");
  BOOST_TEST(av.units < test::nominal_units(regular, "AVATAR To"));  // kerned
  const Set office = set_line("office");
  BOOST_TEST(office.glyphs() < code_points("office"));  // the ffi ligature
  BOOST_TEST(office.text == "office");
  // The ligature's glyph stands for its three letters.
  bool ffi = false;
  for (const Glyph& g : office.pieces[0].glyphs) {
    ffi = ffi || office.pieces[0].text.substr(g.text_begin, g.text_end() - g.text_begin) == "ffi";
  }
  BOOST_TEST(ffi);
}

BOOST_AUTO_TEST_CASE(arabic_joins_and_runs_right_to_left) {
  // سلام: lam-alef is one glyph; meem is drawn first (leftmost).
  const Set s = set_line("\u0633\u0644\u0627\u0645");
  BOOST_TEST(s.glyphs() == 3u);
  BOOST_REQUIRE(!s.pieces.empty());
  const Piece& p = s.pieces[0];
  BOOST_TEST(p.text.substr(p.glyphs[0].text_begin,
                           p.glyphs[0].text_end() - p.glyphs[0].text_begin) == "\u0645");
  BOOST_TEST(p.glyphs[0].rtl);
  // Joining forms are not the nominal (isolated) glyphs.
  const Face& arabic = all_fonts()[p.face];
  BOOST_TEST(p.glyphs[2].gid != arabic.glyph(U'\u0633'));  // seen, initial form
}

BOOST_AUTO_TEST_CASE(sorani_letters_join) {
  // ڕێکخراو: ڕ ێ have no presentation forms in Unicode; HarfBuzz joins them.
  const Set s = set_line("\u06A9\u06CE\u06A9");  // کێک: keheh, yeh with v, keheh
  const Piece& p = s.pieces.at(0);
  const Face& arabic = all_fonts()[p.face];
  BOOST_TEST(p.glyphs.size() == 3u);
  BOOST_TEST(p.glyphs[1].gid != arabic.glyph(U'\u06CE'));  // medial, not isolated
}

BOOST_AUTO_TEST_CASE(arabic_harakat_attach_to_their_letters) {
  // مُقيم: the damma is a mark over meem, with no advance of its own.
  const Set s = set_line("\u0645\u064F\u0642\u064A\u0645");
  int32_t mark_advance = -1;
  for (const Glyph& g : s.pieces.at(0).glyphs) {
    const std::string t = s.pieces[0].text.substr(g.text_begin, g.text_end() - g.text_begin);
    if (t == "\u0645\u064F" && g.gid == all_fonts()[s.pieces[0].face].glyph(U'\u064F'))
      mark_advance = g.advance;
  }
  BOOST_TEST(mark_advance == 0);
}

BOOST_AUTO_TEST_CASE(devanagari_conjuncts_and_reordering) {
  // क्ष is one conjunct glyph; the vowel sign of कि is drawn before its consonant.
  BOOST_TEST(set_line("\u0915\u094D\u0937").glyphs() == 1u);
  const Set ki = set_line("\u0915\u093F");
  BOOST_REQUIRE(ki.glyphs() == 2u);
  const Face& deva = all_fonts()[ki.pieces[0].face];
  BOOST_TEST(ki.pieces[0].glyphs[1].gid == deva.glyph(U'\u0915'));  // the consonant second
  BOOST_TEST(ki.text == "\u0915\u093F");  // one cluster, its text as written
}

BOOST_AUTO_TEST_CASE(thai_marks_stack) {
  // ที่: sara ii and mai ek over tho thahan; the tone mark is raised or
  // replaced so that both show (its glyph or position differs from alone).
  const Set s = set_line("\u0E17\u0E35\u0E48");
  const Set alone = set_line("\u0E17\u0E48");
  BOOST_REQUIRE(s.glyphs() == 3u);
  BOOST_REQUIRE(alone.glyphs() == 2u);
  const Glyph& stacked = s.pieces[0].glyphs[2];
  const Glyph& single = alone.pieces[0].glyphs[1];
  BOOST_TEST((stacked.gid != single.gid || stacked.dy != single.dy));
}

BOOST_AUTO_TEST_CASE(mixed_direction_keeps_latin_and_numbers_readable) {
  // "report IOM 2021 (new)" in Arabic: the Latin run and the number read
  // left to right inside a right-to-left line.
  const Set s = set_line("\u062A\u0642\u0631\u064A\u0631 IOM 2021 (\u062C\u062F\u064A\u062F)");
  BOOST_TEST(s.text.find("IOM 2021") != std::string::npos);
  BOOST_TEST(s.file_with("IOM") == "NotoSans-Regular.ttf");
  // Left to right on the page: "(new)" first, "report" last; its first
  // letter (teh) is the rightmost glyph.
  const Piece& last = s.pieces.back();
  BOOST_TEST(last.text.substr(last.glyphs.back().text_begin) == "\u062A");
}

BOOST_AUTO_TEST_CASE(neutral_text_follows_the_digest_direction) {
  BOOST_TEST(set_line("1 / 3", false).text == "1 / 3");
  BOOST_TEST(set_line("1 / 3", true).text == "3 / 1");
  // A Latin paragraph is left to right even in a right-to-left digest.
  BOOST_TEST(set_line("IOM 2021.", true).text == "IOM 2021.");
}

BOOST_AUTO_TEST_CASE(characters_no_font_has_are_missing) {
  Shaper shaper(all_fonts());
  const ShapedText& emoji = shaper.shape("\U0001F600", kRegular, HB_SCRIPT_COMMON, false, "");
  BOOST_TEST(emoji.missing);
  const ShapedText& latin = shaper.shape("abc", kRegular, HB_SCRIPT_LATIN, false, "");
  BOOST_TEST(!latin.missing);
}

BOOST_AUTO_TEST_CASE(shaped_lines_fit_the_width_they_were_broken_for) {
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text +=
        "\u0627\u0644\u0645\u0646\u0638\u0645\u0629 \u0627\u0644\u062F\u0648\u0644\u064A\u0629 ";
  }
  Shaper shaper(all_fonts());
  LineSetter setter(shaper);
  LineBreaker breaker;
  Paragraph p;
  setter.prepare(text, false, "ar", kRegular, {}, p);
  std::vector<LineSpan> spans;
  const int64_t max = 30000;  // 1/1000 em
  breaker.break_lines(text, p.advance_at, max, spans);
  BOOST_TEST(spans.size() > 3u);
  for (const LineSpan& span : spans) {
    std::vector<Piece> pieces;
    const int64_t units = setter.set(p, span.begin, span.end, pieces);
    BOOST_TEST(units <= max);
    BOOST_TEST(units == span.units);
  }
}

BOOST_AUTO_TEST_CASE(thai_chinese_and_korean_lines) {
  Shaper shaper(all_fonts());
  LineSetter setter(shaper);
  LineBreaker breaker;
  Paragraph p;
  std::vector<LineSpan> spans;
  const std::string thai = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยค";
  setter.prepare(thai, false, "th", kRegular, {}, p);
  breaker.break_lines(thai, p.advance_at, 8000, spans);
  BOOST_TEST(spans.size() > 2u);
  for (size_t i = 1; i < spans.size(); ++i) BOOST_TEST(spans[i].begin == spans[i - 1].end);
  spans.clear();
  const std::string chinese = "来自中国各地的专家讨论了移民的医疗服务问题。";
  setter.prepare(chinese, false, "zh", kRegular, {}, p);
  breaker.break_lines(chinese, p.advance_at, 5000, spans);
  BOOST_TEST(spans.size() == 5u);  // 22 ideographs of 1 em, 5 to a line
  // Korean breaks at spaces only (keep-all).
  spans.clear();
  const std::string korean =
      "국제이주기구는 서울에서 새로운 이주민 지원 프로그램을 시작했다고 밝혔습니다";
  setter.prepare(korean, false, "ko", kRegular, {}, p);
  breaker.break_lines(korean, p.advance_at, 9000, spans);
  BOOST_TEST(spans.size() > 2u);
  for (const LineSpan& s : spans) {
    BOOST_TEST((s.end == korean.size() || korean[s.end] == ' '),
               korean.substr(s.begin, s.end - s.begin));
  }
}

BOOST_AUTO_TEST_CASE(a_paragraph_is_aligned_by_its_own_direction) {
  Digest d;
  d.title = "Digest";
  d.lang = "en";
  d.groups.push_back({"Jordan", {}, {}, {}});
  DigestItem item;
  item.title = "\u0627\u0644\u0623\u0631\u062F\u0646";  // الأردن, in an English digest
  item.lang = "ar";
  item.paragraphs = {"IOM in Amman."};
  d.groups[0].items.push_back(item);
  LaidOut out = layout_digest(d, all_fonts());
  const double right = out.width - 56, left = 56;
  bool arabic_right = false, latin_left = false;
  for (const LaidOutPage& page : out.pages) {
    for (const TextRun& r : page.runs) {
      if (r.text.find("\u0627") != std::string::npos)
        arabic_right = std::abs(r.x + r.width - right) < 1e-6;
      if (r.text.rfind("IOM", 0) == 0) latin_left = std::abs(r.x - left) < 1e-6;
    }
  }
  BOOST_TEST(arabic_right);
  BOOST_TEST(latin_left);
}

BOOST_AUTO_TEST_CASE(rtl_digest_places_lines_from_the_right_margin) {
  Digest d;
  d.title = "\u0627\u0644\u0623\u0631\u062F\u0646 IOM";
  d.rtl = true;
  d.lang = "ar";
  LaidOut out = layout_digest(d, all_fonts());
  const auto& runs = out.pages[0].runs;
  BOOST_REQUIRE(runs.size() >= 2u);
  // The title: Latin piece on the left, Arabic piece ending at the margin.
  BOOST_TEST(runs[0].text.substr(0, 3) == "IOM");
  BOOST_TEST(runs[1].x + runs[1].width == out.width - 56, boost::test_tools::tolerance(1e-6));
}

// Styles follow the logical text through bidi reordering: a strong word
// inside a right-to-left line is drawn bold where reordering puts it.
BOOST_AUTO_TEST_CASE(marks_survive_reordering) {
  const std::string text =
      "\u0645\u0631\u062D\u0628\u0627 hello world \u0628\u0627\u0644\u0639\u0627\u0644\u0645";
  const auto hello = static_cast<uint32_t>(text.find("hello"));
  const auto first_space = static_cast<uint32_t>(text.find(' '));
  Shaper shaper(all_fonts());
  LineSetter setter(shaper);
  const std::vector<StyleRun> runs{{0, first_space, kBold, {}}, {hello, hello + 5, kBold, {}}};
  Paragraph p;
  setter.prepare(text, false, "", kRegular, runs, p);
  BOOST_TEST(p.bidi);
  BOOST_TEST(p.level == 1);
  std::vector<Piece> pieces;
  const int64_t units = setter.set(p, 0, static_cast<uint32_t>(text.size()), pieces);
  const Set plain = set_line(text, false);
  std::string drawn;
  std::vector<std::string> bold;
  for (const Piece& piece : pieces) {
    drawn += piece.text;
    const std::string file = file_of(piece.face);
    if (file == "NotoSans-Bold.ttf" || file == "NotoSansArabic-Bold.ttf")
      bold.push_back(piece.text);
  }
  BOOST_TEST(drawn == plain.text);  // same order as without marks
  BOOST_REQUIRE(bold.size() == 2u);
  BOOST_TEST(bold[0] == "hello");
  BOOST_TEST(file_of(pieces.back().face) ==
             "NotoSansArabic-Bold.ttf");  // the first word, rightmost
  BOOST_TEST(units > plain.units);        // bold is wider
}

BOOST_AUTO_TEST_CASE(a_latin_digest_opens_no_other_font) {
  // Fonts are opened when a digest draws with them, not before.
  const FontSet fonts =
      FontSet::load({test::noto_family("NotoSans"), test::noto_family("NotoSansArabic"),
                     test::noto_family("NotoSansThai")});
  Digest d;
  d.title = "Central America";
  d.groups.push_back({"Honduras",
                      {DigestItem{"Floods",
                                  "July 1, 2021",
                                  "Honduras",
                                  {"IOM helps families."},
                                  {},
                                  {},
                                  "en",
                                  {},
                                  {},
                                  {},
                                  {}}},
                      {},
                      {}});
  layout_digest(d, fonts);
  for (size_t f = 0; f < fonts.size(); ++f) {
    const bool latin = fonts[FaceId(f)].path().find("/NotoSans-") != std::string::npos;
    BOOST_TEST(fonts[FaceId(f)].opened() == latin, fonts[FaceId(f)].path());
  }
}

BOOST_AUTO_TEST_SUITE_END()
