// Font metrics and paragraph line breaking.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "base/diag.h"
#include "layout/font_metrics.h"
#include "layout/line_breaker.h"

using namespace gz;

namespace {

const std::string kFonts = std::string(GAZETTE_SOURCE_DIR) + "/fonts";

const FontMetrics& regular() {
  static const FontMetrics m = load_font_metrics(kFonts + "/NotoSans-Regular.ttf");
  return m;
}

std::vector<std::string> break_text(const std::string& text, int64_t max_units) {
  LineBreaker breaker;
  std::vector<LineSpan> spans;
  breaker.break_lines(text, regular(), max_units, spans);
  std::vector<std::string> lines;
  for (const LineSpan& s : spans) {
    std::string line = text.substr(s.begin, s.end - s.begin);
    BOOST_TEST(s.units == regular().units(line));
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(font_metrics)

// Values read once with FreeType (unitsPerEm is 1000 in Noto Sans).
BOOST_AUTO_TEST_CASE(noto_sans_regular_widths) {
  const FontMetrics& m = regular();
  BOOST_TEST(m.advance(U'A') == 639);
  BOOST_TEST(m.advance(U' ') == 260);
  BOOST_TEST(m.advance(U'é') == 564);
  BOOST_TEST(m.advance(U'\u2014') == 1000);
  BOOST_TEST(m.units("A é") == 639 + 260 + 564);
  BOOST_TEST(m.ascender() == 1069);
  BOOST_TEST(m.descender() == -293);
}

BOOST_AUTO_TEST_CASE(coverage) {
  const FontMetrics& m = regular();
  BOOST_TEST(m.covers(U'A'));
  BOOST_TEST(m.covers(U'é'));
  BOOST_TEST(m.covers(U'Ж'));
  BOOST_TEST(!m.covers(U'\u0E01'));  // Thai: another font
  BOOST_TEST(!m.covers(U'\U0001F600'));
  // Uncovered text is drawn with glyph 0, so it measures as glyph 0.
  BOOST_TEST(m.advance(U'\u0E01') == m.missing_width());
  BOOST_TEST(m.missing_width() == 600);
  // libharu 2.3.0 cannot draw beyond the BMP; the writer draws U+FFFD.
  BOOST_TEST(m.units("\U0001F600") == m.advance(U'\uFFFD'));
}

BOOST_AUTO_TEST_CASE(bold_and_italic_differ) {
  FontSet fonts = load_noto_sans(kFonts);
  BOOST_TEST(fonts[kBold].metrics.advance(U'A') == 690);
  BOOST_TEST(fonts[kItalic].metrics.advance(U'A') == 562);
  BOOST_TEST(fonts[kItalic].path == kFonts + "/NotoSans-Italic.ttf");
}

BOOST_AUTO_TEST_CASE(missing_file_names_the_file) {
  const std::string path = kFonts + "/NoSuchFont.ttf";
  try {
    load_font_metrics(path);
    BOOST_FAIL("no Failure");
  } catch (const Failure& e) {
    BOOST_TEST(e.code() == kExitRuntime);
    BOOST_TEST(format_diagnostic(e.diag()) ==
               path + ": error: cannot open font file: No such file or directory");
  }
}

BOOST_AUTO_TEST_CASE(not_a_font) {
  const std::string path = kFonts + "/OFL.txt";
  BOOST_CHECK_THROW(load_font_metrics(path), Failure);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(line_breaking)

BOOST_AUTO_TEST_CASE(greedy_at_spaces) {
  // The trailing space of a line does not count against the width.
  const int64_t w = regular().units("aaa bbb");
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
  auto lines = break_text(text, regular().units("Centro-América"));
  BOOST_TEST(lines == (std::vector<std::string>{"Centro-América", "Panamá"}));
  lines = break_text(text, regular().units("Centro-Am"));
  BOOST_TEST(lines == (std::vector<std::string>{"Centro-", "América", "Panamá"}));
}

BOOST_AUTO_TEST_CASE(long_word_splits_at_graphemes) {
  std::string word;
  for (int i = 0; i < 300; ++i) word += i % 3 == 0 ? "e\u0301" : "x";  // é decomposed
  const int64_t max = regular().units("xxxxxxxxxxxxxxxxxxxx");
  auto lines = break_text("ab " + word + " cd", max);
  BOOST_TEST(lines.size() > 10u);
  BOOST_TEST(lines.front() == "ab");
  std::string joined;
  for (size_t i = 1; i < lines.size(); ++i) {
    BOOST_TEST(regular().units(lines[i]) <= max);
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
    BOOST_TEST(regular().units(l) <= max);
    joined += l;
  }
  BOOST_TEST(joined == thai);
}

BOOST_AUTO_TEST_SUITE_END()
