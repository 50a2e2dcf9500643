// The parts of a digest (cover, table of contents, body) as flows of lines,
// plus the sizes and spacing they use. Internal to layout.
#pragma once

#include <deque>
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
  TextStyle group{kBold, 16, 21};
  TextStyle item_title{kBold, 11, 15};
  TextStyle meta{kItalic, 9, 12};
  TextStyle source{kRegular, 9, 12};
  TextStyle xref{kRegular, 10, 14};
  TextStyle body{kRegular, 10, 13};  // ~1.3 line height
  TextStyle footer{kRegular, 9, 12};
  double footer_baseline = 30;
  double toc_number_gap = 12;
  double group_space = 18;
  double item_space = 10;
  double paragraph_space = 4;
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

// A part of the document: its lines, and where pagination put them.
struct Section {
  explicit Section(FlowBuilder b) : flow(std::move(b)) {}
  FlowBuilder flow;
  std::vector<Placement> placed;
  std::deque<std::string> owned;  // texts made here (deque: views stay valid)
  int first_page = 0;
  int pages = 0;
};

// Each builder adds the structure elements of its lines to tree (whose [0]
// is the Document): H1 and P on the cover; an H2 and a TOC with a TOCI and
// a Link per group; a Sect per group (H2) and per item (H3, P).
void build_cover(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Element>& tree);

// Group headings and items get anchors (document order); group_anchor[g] is
// the anchor of group g's heading. A group's cross-references follow its
// items, under "See also": a P with a Link each, listed in xrefs.
void build_body(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Anchor>& anchors,
                std::vector<int>& group_anchor, std::vector<XrefLine>& xrefs,
                std::vector<Element>& tree);

// A heading, then one line per group: the last groups.size() lines of the
// flow, in order. Names too long for the line are cut with "…".
void build_toc(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Element>& tree);

// Draws the placed lines of s, each aligned by its paragraph's direction.
// Linked text gets a Link element in tree, a child of its line's element.
void emit_lines(Section& s, double left, double right, std::vector<LaidOutPage>& pages,
                std::vector<Element>& tree);

// Draws the page number at the end of each cross-reference line and a link
// over it to the bulletin; mirrored when d.rtl. After emit_lines(s).
void emit_xrefs(const Digest& d, Section& s, const LayoutStyle& st,
                const std::vector<Anchor>& anchors, const std::vector<XrefLine>& xrefs, double left,
                double right, std::vector<LaidOutPage>& pages);

// Draws the TOC: names, page numbers (d.page_number) at the other margin,
// a link per line; mirrored when d.rtl.
void emit_toc(const Digest& d, Section& s, const LayoutStyle& st,
              const std::vector<Anchor>& anchors, const std::vector<int>& group_anchor, double left,
              double right, std::vector<LaidOutPage>& pages, std::vector<Element>& tree);

}  // namespace gz
