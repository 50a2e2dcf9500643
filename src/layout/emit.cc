// Place stage: placed flow lines become text runs and links on pages.
#include <string>

#include "layout/sections.h"

namespace gz {

namespace {

// The pieces of a line from x, the left end of the line, and an area per
// link over its pieces (one per visual stretch: bidi may split a link).
// The pieces' glyphs and text move to the page: each line is emitted once.
void add_runs(FlowLine& line, const Placement& at, double x, const FontSet& fonts,
              LaidOutPage& page) {
  const double scale = line.style.size / 1000.0;
  const size_t first_link = page.uri_links.size();
  for (Piece& piece : line.pieces) {
    const double left = x + static_cast<double>(piece.x) * scale;
    const double width = static_cast<double>(piece.units) * scale;
    page.runs.push_back(
        TextRun{left, at.baseline, piece.face, line.style.size, width, std::move(piece.glyphs),
                std::move(piece.text)});
    if (piece.url.empty()) continue;
    if (page.uri_links.size() > first_link && page.uri_links.back().uri == piece.url &&
        page.uri_links.back().rect.right == left) {
      page.uri_links.back().rect.right = left + width;  // the same link in another face
      continue;
    }
    const Face& m = fonts[fonts.primary(line.style.font)];
    page.uri_links.push_back(UriLink{{left, at.baseline + m.descender() * scale, left + width,
                                      at.baseline + m.ascender() * scale},
                                     std::string(piece.url)});
  }
}

}  // namespace

void emit_lines(Section& s, double left, double right, std::vector<LaidOutPage>& pages) {
  std::vector<FlowLine>& lines = s.flow.lines();
  for (size_t i = 0; i < lines.size(); ++i) {
    FlowLine& line = lines[i];
    double x = line.rtl ? right - line.width : left;
    add_runs(line, s.placed[i], x, s.flow.fonts(), pages[s.placed[i].page]);
  }
}

void emit_toc(const Digest& d, Section& s, const LayoutStyle& st,
              const std::vector<Anchor>& anchors, const std::vector<int>& group_anchor, double left,
              double right, std::vector<LaidOutPage>& pages) {
  const bool rtl = d.rtl;
  std::vector<FlowLine>& lines = s.flow.lines();
  const size_t first_group_line = lines.size() - group_anchor.size();
  for (size_t i = 0; i < first_group_line; ++i) {  // the heading
    double x = lines[i].rtl ? right - lines[i].width : left;
    add_runs(lines[i], s.placed[i], x, s.flow.fonts(), pages[s.placed[i].page]);
  }
  const FontSet& fonts = s.flow.fonts();
  const Face& m = fonts[fonts.primary(st.toc_line.font)];
  LineSetter& setter = s.flow.setter();
  const double size = st.toc_line.size;
  std::vector<Piece> pieces;
  for (size_t g = 0; g < group_anchor.size(); ++g) {
    const size_t i = first_group_line + g;
    FlowLine& line = lines[i];
    const Placement& at = s.placed[i];
    const Placement& target = anchors[group_anchor[g]].where;
    LaidOutPage& page = pages[at.page];
    // Mirrored when rtl: the name at the right edge, the number at the left.
    add_runs(line, at, rtl ? right - line.width : left, s.flow.fonts(), page);
    const std::string number =
        d.page_number ? d.page_number(target.page + 1) : std::to_string(target.page + 1);
    pieces.clear();
    const double number_width =
        static_cast<double>(setter.set_text(number, false, d.lang, st.toc_line.font, pieces)) *
        size / 1000.0;
    const double x = rtl ? left : right - number_width;
    for (Piece& piece : pieces) {
      page.runs.push_back(
          TextRun{x + static_cast<double>(piece.x) * size / 1000.0, at.baseline, piece.face, size,
                  static_cast<double>(piece.units) * size / 1000.0, std::move(piece.glyphs),
                  std::move(piece.text)});
    }
    Rect rect{left, at.baseline + m.descender() * size / 1000.0, right,
              at.baseline + m.ascender() * size / 1000.0};
    page.links.push_back(LinkArea{rect, target.page, target.top});
  }
}

}  // namespace gz
