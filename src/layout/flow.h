// The vertical stage of layout: paragraphs already broken into lines are
// stacked onto pages, keeping chained lines (a heading and the lines after
// it) on one page when they fit on one.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "layout/digest.h"
#include "layout/line_breaker.h"
#include "layout/line_setter.h"

namespace gz {

struct TextStyle {
  FontId font = kRegular;
  double size = 10;
  double leading = 13;  // baseline-to-baseline distance
  uint32_t rgb = 0;     // 0xRRGGBB of the text (links: the link colour)
};

// A line waiting for a page.
struct FlowLine {
  std::vector<Piece> pieces;  // left to right, each in one face
  TextStyle style;
  double width = 0;         // points
  double ascent = 0;        // from the top of the line box to the baseline
  double space_before = 0;  // dropped at the top of a page
  bool keep_with_next = false;
  bool rtl = false;    // of a right-to-left paragraph
  bool right = false;  // aligned right: rtl, or the report's own text in a right-to-left report
  int anchor = -1;     // >= 0: the caller wants to know where this line went
  int32_t elem = -1;   // the structure element of the line's text (kArtifact: none)
  double indent = 0;   // from the margin the line starts at (the right one when rtl)
  // A list item's label ("•", "3."), drawn in the indent before the first
  // line of the item, of structure element label_elem.
  std::vector<Piece> label;
  double label_width = 0;
  int32_t label_elem = -1;
};

struct Placement {
  int page = 0;
  double top = 0;  // top of the line box
  double baseline = 0;
};

// The area of a page lines go into.
struct Frame {
  double top = 0;
  double bottom = 0;
};

// Places lines on pages one after the other: a line goes on the current
// page if it fits, and a chain of lines (each kept with the next) that does
// not fit where it starts moves to the next page when it fits on one.
class Paginator {
 public:
  Paginator(Frame frame, int first_page) : frame_(frame), page_(first_page), first_(first_page) {
    cursor_ = frame.top;
  }
  // Where lines[i] goes, the lines before it placed already; lines[i..]
  // must hold the whole chain that starts at i.
  Placement place(std::span<const FlowLine> lines, size_t i);
  // The page the next line goes on, or a later one.
  int page() const { return page_; }
  // Pages used so far (at least 1).
  int pages() const { return page_ - first_ + 1; }

 private:
  Frame frame_;
  int page_;
  int first_;
  double cursor_;
  bool page_empty_ = true;
  bool chained_ = false;  // the line placed last is kept with the next
};

// Places lines on pages first_page, first_page + 1, ... and returns how many
// pages were used (at least 1). out[i] is where lines[i] went.
int paginate(std::span<const FlowLine> lines, Frame frame, int first_page,
             std::vector<Placement>& out);

// Builds FlowLines from paragraphs: shapes, breaks, then reorders and
// itemises each line.
class FlowBuilder {
 public:
  // Paragraphs without a strong direction of their own take rtl's; text is
  // in language lang (BCP 47) unless a paragraph says otherwise.
  FlowBuilder(LineSetter& setter, LineBreaker& breaker, double line_width, bool rtl)
      : setter_(setter), breaker_(breaker), line_width_(line_width), rtl_(rtl) {}

  // Adds the lines of text (which must outlive the layout) in language lang;
  // returns how many. keep_all chains every line to the next one
  // (headings); otherwise only a first line is kept with the second, so a
  // paragraph never leaves one line alone at a page bottom. An anchored
  // paragraph always gets a line, even when text is empty, so that links
  // and outline entries have somewhere to point.
  int add_paragraph(std::string_view text, std::string_view lang, const TextStyle& style,
                    double space_before, bool keep_all, int anchor = -1);
  // The same with marks over text: emphasis in italic, strong in bold (when
  // style is regular), links kept on their pieces. Marks must outlive the
  // layout (pieces keep views of their URLs).
  int add_paragraph(std::string_view text, std::string_view lang, std::span<const TextSpan> marks,
                    const TextStyle& style, double space_before, bool keep_all);
  // Adds text as one line, however wide.
  void add_line(std::string_view text, std::string_view lang, const TextStyle& style,
                double space_before, bool keep_with_next);

  // The lines text would break into at max_units (1/1000 em) in style.
  const std::vector<LineSpan>& measure(std::string_view text, std::string_view lang, FontId style,
                                       int64_t max_units);

  // The structure element of the lines added from now on.
  void set_element(int32_t elem) { elem_ = elem; }
  // Whether the lines added from now on are the report's own text (the
  // cover, headings, the line under a title): aligned by the report's
  // direction, as a browser aligns text by its element's direction. Else
  // (a bulletin's text) each paragraph is aligned by its own direction.
  void set_report_text(bool report) { report_text_ = report; }
  // The indent of the lines added from now on (list items), in points from
  // the margin they start at; they are that much narrower.
  void set_indent(double indent) { indent_ = indent; }
  // Gives lines()[i] a label (a list item's bullet or number) in its
  // paragraph's direction and its style, of structure element elem.
  void set_label(size_t i, std::string_view text, std::string_view lang, int32_t elem);
  // Keep the space a line break swallows, as an invisible glyph at the end
  // of the line (after its text, outside its width): readers that take a
  // tagged PDF's text from its marked content (in drawing order, without
  // looking where glyphs fall) then read "to migration", not "tomigration".
  void keep_break_spaces(bool keep) { keep_break_spaces_ = keep; }

  const FontSet& fonts() const { return setter_.fonts(); }
  LineSetter& setter() { return setter_; }
  double line_width() const { return line_width_; }
  bool rtl() const { return rtl_; }

  const std::vector<FlowLine>& lines() const { return lines_; }
  std::vector<FlowLine>& lines() { return lines_; }
  // Drops the first n lines (drawn already); lines() then starts at line
  // dropped() of all those added.
  void drop_front(size_t n) {
    lines_.erase(lines_.begin(), lines_.begin() + static_cast<std::ptrdiff_t>(n));
    dropped_ += n;
  }
  size_t dropped() const { return dropped_; }
  // Lines added so far, dropped ones included.
  size_t line_count() const { return dropped_ + lines_.size(); }

 private:
  void add_lines(const TextStyle& style, double space_before, bool keep_all, int anchor);

  LineSetter& setter_;
  LineBreaker& breaker_;
  double line_width_;
  bool rtl_;
  int32_t elem_ = -1;
  double indent_ = 0;
  bool report_text_ = false;
  bool keep_break_spaces_ = false;
  std::vector<FlowLine> lines_;
  size_t dropped_ = 0;
  Paragraph paragraph_;          // scratch
  std::vector<LineSpan> spans_;  // scratch
  std::vector<StyleRun> runs_;   // scratch
};

// Distance from the top of a line box to the baseline: half the leading
// beyond the font's ascender + descender, as CSS does.
double line_ascent(const Face& f, const TextStyle& style);

// The widest whole number of 1/1000 em that fits in width points at size.
int64_t max_units(double width, double size);

}  // namespace gz
