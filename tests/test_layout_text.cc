// Fonts as data (HarfBuzz faces) and paragraph line breaking.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "base/diag.h"
#include "fonts.h"
#include "layout/line_breaker.h"
#include "layout/line_setter.h"
#include "text/shaper.h"

using namespace gz;

namespace {

const FontSet& fonts() { return test::all_fonts(); }
const Face& regular() { return fonts()[fonts().primary(kRegular)]; }

// The width of text set as one line (shaped), 1/1000 em.
int64_t units(const std::string& text) {
  Shaper shaper(fonts());
  LineSetter setter(shaper);
  std::vector<Piece> pieces;
  return setter.set_text(text, false, "", kRegular, pieces);
}

std::vector<std::string> break_text(const std::string& text, int64_t max_units) {
  Shaper shaper(fonts());
  LineSetter setter(shaper);
  Paragraph p;
  setter.prepare(text, false, "", kRegular, {}, p);
  LineBreaker breaker;
  std::vector<LineSpan> spans;
  breaker.break_lines(text, p.advance_at, max_units, spans);
  std::vector<std::string> lines;
  for (const LineSpan& s : spans) {
    std::string line = text.substr(s.begin, s.end - s.begin);
    BOOST_TEST(s.units <= max_units);
    std::vector<Piece> pieces;
    BOOST_TEST(s.units == setter.set(p, s.begin, s.end, pieces));
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fonts_as_data)

// Read with HarfBuzz at 1000 units per em (Noto Sans's own).
BOOST_AUTO_TEST_CASE(noto_sans_regular_metrics) {
  const Face& m = regular();
  BOOST_TEST(m.advance(m.glyph(U'A')) == 639);
  BOOST_TEST(m.advance(m.glyph(U' ')) == 260);
  BOOST_TEST(m.advance(m.glyph(U'\u2014')) == 1000);
  BOOST_TEST(m.ascender() == 1069);
  BOOST_TEST(m.descender() == -293);
  BOOST_TEST(!m.cff());
  BOOST_TEST(m.postscript_name() == "NotoSans-Regular");
}

BOOST_AUTO_TEST_CASE(coverage) {
  const Face& m = regular();
  BOOST_TEST(m.has(U'A'));
  BOOST_TEST(m.has(U'é'));
  BOOST_TEST(m.has(U'Ж'));
  BOOST_TEST(!m.has(U'\u0E01'));  // Thai: another font
  BOOST_TEST(!m.has(U'\U0001F600'));
}

BOOST_AUTO_TEST_CASE(bold_and_italic_differ) {
  const FontSet& f = test::noto_sans();
  const Face& bold = f[f.primary(kBold)];
  const Face& italic = f[f.primary(kItalic)];
  BOOST_TEST(bold.advance(bold.glyph(U'A')) == 690);
  BOOST_TEST(italic.advance(italic.glyph(U'A')) == 562);
  BOOST_TEST(italic.path() == test::kBundled + "/NotoSans-Italic.ttf");
  BOOST_TEST(italic.italic_angle() < 0);
}

BOOST_AUTO_TEST_CASE(cjk_collection_faces_and_cff) {
  const Face jp(test::kCjk + "/NotoSansCJK-Regular.ttc", 0);
  const Face kr(test::kCjk + "/NotoSansCJK-Regular.ttc", 1);
  BOOST_TEST(jp.cff());
  BOOST_TEST(jp.postscript_name() == "NotoSansCJKjp-Regular");
  BOOST_TEST(kr.postscript_name() == "NotoSansCJKkr-Regular");
  BOOST_TEST(jp.glyph_count() > 60000u);  // beyond libharu's 32,767
}

BOOST_AUTO_TEST_CASE(missing_file_names_the_file) {
  const std::string path = test::kBundled + "/NoSuchFont.ttf";
  try {
    Face::check_file(path);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(e.code() == kExitRuntime);
    BOOST_TEST(format_diagnostic(e.diag()) ==
               path + ": error: cannot open font file: No such file or directory");
  }
}

BOOST_AUTO_TEST_CASE(not_a_font) {
  const std::string path = test::kBundled + "/OFL.txt";
  try {
    Face::check_file(path);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(format_diagnostic(e.diag()) ==
               path + ": error: not a font file (no OpenType or TrueType table directory)");
  }
  BOOST_CHECK_THROW(Face::check_file(test::kCjk + "/NotoSansCJK-Regular.ttc", 99), Failure);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(line_breaking)

BOOST_AUTO_TEST_CASE(greedy_at_spaces) {
  // The trailing space of a line does not count against the width.
  const int64_t w = units("aaa bbb");
  BOOST_TEST(break_text("aaa bbb aaa", w) == (std::vector<std::string>{"aaa bbb", "aaa"}));
  BOOST_TEST(break_text("aaa bbb aaa", w - 1) == (std::vector<std::string>{"aaa", "bbb", "aaa"}));
  BOOST_TEST(break_text("aaa bbb aaa", 100000) == (std::vector<std::string>{"aaa bbb aaa"}));
}

BOOST_AUTO_TEST_CASE(white_space_at_ends_is_not_drawn) {
  BOOST_TEST(break_text("  aaa   bbb  ", 100000) == (std::vector<std::string>{"aaa   bbb"}));
  BOOST_TEST(break_text("   ", 100000).empty());
  BOOST_TEST(break_text("", 100000).empty());
}

BOOST_AUTO_TEST_CASE(mandatory_breaks) {
  BOOST_TEST(break_text("a\nb", 100000) == (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(break_text("a\n\nb\n", 100000) == (std::vector<std::string>{"a", "", "b"}));
}

BOOST_AUTO_TEST_CASE(breaks_after_hyphens_and_before_words) {
  const std::string text = "Centro-América Panamá";
  auto lines = break_text(text, units("Centro-América"));
  BOOST_TEST(lines == (std::vector<std::string>{"Centro-América", "Panamá"}));
  lines = break_text(text, units("Centro-Am"));
  BOOST_TEST(lines == (std::vector<std::string>{"Centro-", "América", "Panamá"}));
}

BOOST_AUTO_TEST_CASE(long_word_splits_at_graphemes) {
  std::string word;
  for (int i = 0; i < 300; ++i) word += i % 3 == 0 ? "e\u0301" : "x";  // é decomposed
  const int64_t max = units("xxxxxxxxxxxxxxxxxxxx");
  auto lines = break_text("ab " + word + " cd", max);
  BOOST_TEST(lines.size() > 10u);
  BOOST_TEST(lines.front() == "ab");
  std::string joined;
  for (size_t i = 1; i < lines.size(); ++i) {
    BOOST_TEST(units(lines[i]) <= max);
    // A combining accent never starts a line: graphemes stay whole.
    BOOST_TEST(lines[i].rfind("\u0301", 0) != 0);
    joined += lines[i];
  }
  BOOST_TEST(joined.find(word) == 0u);
  BOOST_TEST(lines.back().size() >= 2u);
  BOOST_TEST(lines.back().substr(lines.back().size() - 2) == "cd");
}

BOOST_AUTO_TEST_CASE(thai_breaks_without_spaces) {
  // ICU's dictionary finds word boundaries; no line is wider than asked.
  const std::string thai = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยค";
  const int64_t max = 6000;
  auto lines = break_text(thai, max);
  BOOST_TEST(lines.size() > 1u);
  std::string joined;
  for (const auto& l : lines) {
    BOOST_TEST(units(l) <= max);
    joined += l;
  }
  BOOST_TEST(joined == thai);
}

BOOST_AUTO_TEST_SUITE_END()
