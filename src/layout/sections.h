// The parts of a digest (cover, table of contents, body) as flows of lines,
// plus the sizes and spacing they use. Internal to layout.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/digest.h"
#include "layout/flow.h"
#include "layout/layout.h"

namespace gz {

struct LayoutStyle {
  double margin = 56;
  double cover_drop = 140;  // the cover starts this far below the top margin
  TextStyle title{kBold, 26, 32};
  TextStyle cover_line{kRegular, 14, 20};
  TextStyle cover_count{kItalic, 12, 18};
  TextStyle toc_heading{kBold, 18, 24};
  TextStyle toc_line{kRegular, 11, 17};
  TextStyle toc_region{kBold, 12, 18};  // a region's name above its groups
  double toc_indent = 14;               // of the groups under a region
  double toc_leader_pitch = 5;          // dot leaders: one dot every so many points
  double toc_on_cover_space = 28;       // above the contents when it is on the cover
  TextStyle issue{kRegular, 12, 18};
  TextStyle intro{kRegular, 11, 15};
  TextStyle contact{kRegular, 9, 12};
  TextStyle disclaimer{kItalic, 8, 11};
  double band_height = 24;  // the accent band at the top of the cover
  double foot_gap = 18;     // between the cover's text and its foot (contact, disclaimer)
  TextStyle group{kBold, 16, 21};
  TextStyle item_title{kBold, 11, 15};
  TextStyle meta{kItalic, 9, 12};
  TextStyle source{kRegular, 9, 12};
  TextStyle xref{kRegular, 10, 14};
  TextStyle body{kRegular, 10, 13};      // ~1.3 line height
  TextStyle sub_heading{kBold, 10, 13};  // a heading in a bulletin's text
  double sub_heading_space = 8;
  double list_indent = 16;  // per level of a list, the label in it
  double list_item_space = 2;
  TextStyle footer{kRegular, 9, 12};
  // LayoutOptions::tagged: break spaces kept, a space before page references.
  bool tagged = false;
  TextStyle header{kRegular, 8, 10, 0x555555};  // the running header of the body's pages
  double header_rise = 22;                      // its baseline above the top of the text
  double header_rule = 6;                       // the rule under it: above the top of the text
  double footer_baseline = 30;
  double toc_number_gap = 12;
  double group_space = 18;
  double item_space = 10;
  double paragraph_space = 4;
  // The "At a glance" page: a table's first column takes glance_label_share
  // of the width, its counts end glance_count_width further on, and the
  // bars (or the column chart, glance_chart_height high with its labels)
  // take what is left.
  TextStyle glance_caption{kBold, 13, 18};
  TextStyle glance_cell{kRegular, 10, 15};
  TextStyle glance_header{kBold, 10, 15};
  TextStyle glance_chart_label{kRegular, 8, 10};
  double glance_label_share = 0.42;
  double glance_count_width = 56;
  double glance_bar_gap = 10;
  double glance_bar_height = 9;
  double glance_chart_height = 120;
  uint32_t glance_colour = 0x4a78a8;  // bars and columns without an accent
};

// A cross-reference line of the body (flow line `line`): the page of
// anchor goes at its end, and a link to it over the line.
struct XrefLine {
  size_t line = 0;
  int anchor = 0;
  std::string_view label;  // the bulletin's title, for readers
};

// What an anchored line stands for: a group heading or an item title.
struct Anchor {
  std::string_view title;
  int level = 0;
  Placement where;
};

// A line of the "At a glance" page: text (a heading, the note), a row of a
// table (its first cell is the line's text; the count cell and the bar are
// drawn by emit_glance), or the room of the column chart.
struct GlanceLine {
  enum Kind : uint8_t { Text, Row, Chart } kind = Text;
  std::string_view count_text;  // Row: the second cell
  int32_t count_elem = kArtifact;
  const TextStyle* count_style = nullptr;
  int64_t count = -1;  // >= 0: a bar this long (of bar_max) after the count
  int64_t bar_max = 0;
  double indent = 0;  // of the first cell
};

// A part of the document: its lines, and where pagination put them.
struct Section {
  explicit Section(FlowBuilder b) : flow(std::move(b)) {}
  FlowBuilder flow;
  std::vector<Placement> placed;
  std::deque<std::string> owned;  // texts made here (deque: views stay valid)
  int first_page = 0;
  int pages = 0;
  // The contents: per line, the group it lists, or -1 (a heading).
  std::vector<int> line_group;
  // The "At a glance" page: per line, what it is (GlanceLine).
  std::vector<GlanceLine> glance;
};

// The Link elements of the paragraph being emitted: one per link of its
// text (a link's pieces share its URL's bytes), over all its lines.
struct LinkElements {
  int32_t paragraph = kArtifact;
  std::vector<std::pair<const char*, int32_t>> links;  // URL bytes -> element

  int32_t get(std::vector<Element>& tree, int32_t elem, std::string_view url);
};

// Each builder adds the structure elements of its lines to tree (whose [0]
// is the Document): H1 and P on the cover; an H2 and a TOC with a TOCI and
// a Link per group; a Sect per group (H2) and per item (H3, P).
void build_cover(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Element>& tree);

// The cover's foot: the contact's paragraphs, then the disclaimer's, in
// small type; a P each.
void build_cover_foot(const Digest& d, const LayoutStyle& st, Section& s,
                      std::vector<Element>& tree);

// Group headings and items get anchors (document order); group_anchor[g] is
// the anchor of group g's heading. A group's cross-references follow its
// items, under "See also": a P with a Link each, listed in xrefs (their
// lines counted from the first line of the body). item_done is called after
// each item's lines are added (the body is placed and handed over as it
// grows).
void build_body(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Anchor>& anchors,
                std::vector<int>& group_anchor, std::vector<XrefLine>& xrefs,
                std::vector<Element>& tree, const std::function<void()>& item_done);

// A heading, then one line per group (s.line_group says which), under
// the name of its region when d.regions is given (a TOC per region in the
// TOC). Names too long for the line are cut with "…".
void build_toc(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Element>& tree);

// The "At a glance" page: an H1 (anchored, for the outline), then per
// table a caption (H2), for the time table a column chart (artifact), and a
// Table of TR rows with a TH or TD per cell; with several regions, the
// groups' table has a row with each region's name. The note (a P) last.
// s.glance says what each line is.
void build_glance(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Anchor>& anchors,
                  std::vector<Element>& tree);

// Draws the placed lines of the glance section: the cells, the bars and
// the column chart, mirrored when d.rtl.
void emit_glance(const Digest& d, Section& s, const LayoutStyle& st, double left, double right,
                 std::vector<LaidOutPage>& pages, std::vector<Element>& tree);

// text cut to avail units in font, with an ellipsis when it is cut.
std::string fitted(FlowBuilder& f, const std::string& text, std::string_view lang, FontId font,
                   int64_t avail);

// Draws line, placed at `at`, on page, aligned by its paragraph's direction
// between left and right; its glyphs move to the page.
void emit_line(FlowLine& line, const Placement& at, double left, double right, const FontSet& fonts,
               LaidOutPage& page, std::vector<Element>& tree, LinkElements& links);

// text cut to avail units in font, with an ellipsis when it is cut.
std::string fitted(FlowBuilder& f, const std::string& text, std::string_view lang, FontId font,
                   int64_t avail);

// The running header of a body page whose text starts at top: the report's
// title at the start of the line, group (its name, or "... (continued)")
// at its end, and a rule under them. Artifacts: page furniture.
void emit_running_header(const Digest& d, FlowBuilder& flow, const LayoutStyle& st,
                         const std::string& group, double left, double right, double top,
                         LaidOutPage& page);

// Draws the placed lines of s, each aligned by its paragraph's direction.
// Linked text gets a Link element in tree, a child of its line's element.
void emit_lines(Section& s, double left, double right, std::vector<LaidOutPage>& pages,
                std::vector<Element>& tree);

// Draws the page number at the end of cross-reference line x (line, placed
// at `at`) and a link over it to the bulletin; mirrored when d.rtl. After
// emit_line(line), once the bulletin is placed.
void emit_xref(const Digest& d, FlowBuilder& flow, const LayoutStyle& st,
               const std::vector<Anchor>& anchors, const XrefLine& x, const FlowLine& line,
               const Placement& at, double left, double right, LaidOutPage& page);

// Draws the TOC: names, dot leaders, page numbers (d.page_numbers) at the
// other margin, a link per line; mirrored when d.rtl.
void emit_toc(const Digest& d, Section& s, const LayoutStyle& st,
              const std::vector<Anchor>& anchors, const std::vector<int>& group_anchor, double left,
              double right, std::vector<LaidOutPage>& pages, std::vector<Element>& tree);

}  // namespace gz
