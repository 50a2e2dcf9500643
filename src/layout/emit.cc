// Place stage: placed flow lines become text runs and links on pages.
#include <cmath>
#include <iterator>
#include <string>

#include "layout/sections.h"

namespace gz {

int32_t LinkElements::get(std::vector<Element>& tree, int32_t elem, std::string_view url) {
  if (elem != paragraph) paragraph = elem, links.clear();
  for (const auto& [data, link] : links) {
    if (data == url.data()) return link;
  }
  Element e;
  e.role = Role::Link;
  e.parent = elem;
  tree.push_back(std::move(e));
  links.emplace_back(url.data(), static_cast<int32_t>(tree.size() - 1));
  return links.back().second;
}

namespace {

TextRun make_run(double x, double baseline, double size, Piece& piece, int32_t elem, bool rtl_line,
                 uint32_t rgb = 0) {
  TextRun r;
  r.x = x;
  r.y = baseline;
  r.font = piece.face;
  r.size = size;
  r.width = static_cast<double>(piece.units) * size / 1000.0;
  r.glyphs = std::move(piece.glyphs);
  r.text = std::move(piece.text);
  r.elem = elem;
  r.rtl_line = rtl_line;
  r.rgb = rgb;
  return r;
}

// The pieces of a line from x, the left end of the line, and an area per
// link over its pieces (one per visual stretch: bidi may split a link).
// The pieces' glyphs and text move to the page: each line is emitted once.
void add_runs(FlowLine& line, const Placement& at, double x, const FontSet& fonts,
              LaidOutPage& page, std::vector<Element>* tree, LinkElements* link_elements) {
  const double scale = line.style.size / 1000.0;
  const size_t first_link = page.uri_links.size();
  for (Piece& piece : line.pieces) {
    const double left = x + static_cast<double>(piece.x) * scale;
    const double width = static_cast<double>(piece.units) * scale;
    int32_t elem = line.elem;
    if (!piece.url.empty() && tree && elem != kArtifact) {
      elem = link_elements->get(*tree, elem, piece.url);
    }
    page.runs.push_back(
        make_run(left, at.baseline, line.style.size, piece, elem, line.rtl, line.style.rgb));
    if (piece.url.empty()) continue;
    page.runs.back().link = true;
    if (page.uri_links.size() > first_link && page.uri_links.back().uri == piece.url &&
        page.uri_links.back().rect.right == left && page.uri_links.back().elem == elem) {
      page.uri_links.back().rect.right = left + width;  // the same link in another face
      continue;
    }
    const Face& m = fonts[fonts.primary(line.style.font)];
    UriLink link;
    link.rect = {left, at.baseline + m.descender() * scale, left + width,
                 at.baseline + m.ascender() * scale};
    link.uri = std::string(piece.url);
    link.elem = elem;
    page.uri_links.push_back(std::move(link));
  }
}

}  // namespace

void emit_line(FlowLine& line, const Placement& at, double left, double right, const FontSet& fonts,
               LaidOutPage& page, std::vector<Element>& tree, LinkElements& links) {
  if (!line.label.empty()) {
    // In the indent, ending a gap before the text (starting it when rtl):
    // numbers of different widths line up on their dots.
    constexpr double kLabelGap = 5;
    const double x = line.right ? right - line.indent + kLabelGap
                                : left + line.indent - kLabelGap - line.label_width;
    const double scale = line.style.size / 1000.0;
    for (Piece& piece : line.label) {
      page.runs.push_back(make_run(x + static_cast<double>(piece.x) * scale, at.baseline,
                                   line.style.size, piece, line.label_elem, line.rtl,
                                   line.style.rgb));
    }
    line.label.clear();
  }
  add_runs(line, at, line.right ? right - line.indent - line.width : left + line.indent, fonts,
           page, &tree, &links);
}

void emit_running_header(const Digest& d, FlowBuilder& flow, const LayoutStyle& st,
                         const std::string& group, double left, double right, double top,
                         LaidOutPage& page) {
  const TextStyle& style = st.header;
  const double scale = style.size / 1000.0;
  const double baseline = top + st.header_rise;
  const size_t first = page.runs.size();
  std::vector<Piece> group_pieces, title_pieces;
  // The group takes up to two thirds of the line, the title what is left.
  const std::string name =
      fitted(flow, group, d.lang, style.font, max_units((right - left) * 2 / 3, style.size));
  const double group_width =
      static_cast<double>(flow.setter().set_text(name, d.rtl, d.lang, style.font, group_pieces)) *
      scale;
  constexpr double kGap = 24;  // at least, between the title and the group
  const double room = right - left - group_width - kGap;
  if (room > 0 && !d.title.empty()) {
    const std::string title =
        fitted(flow, d.title, d.lang, style.font, max_units(room, style.size));
    const double title_width = static_cast<double>(flow.setter().set_text(
                                   title, d.rtl, d.lang, style.font, title_pieces)) *
                               scale;
    const double x = d.rtl ? right - title_width : left;
    for (Piece& piece : title_pieces) {
      page.runs.push_back(make_run(x + static_cast<double>(piece.x) * scale, baseline, style.size,
                                   piece, kArtifact, d.rtl, style.rgb));
    }
  }
  const double x = d.rtl ? left : right - group_width;
  for (Piece& piece : group_pieces) {
    page.runs.push_back(make_run(x + static_cast<double>(piece.x) * scale, baseline, style.size,
                                 piece, kArtifact, d.rtl, style.rgb));
  }
  for (size_t i = first; i < page.runs.size(); ++i) page.runs[i].header = true;
  const double y = top + st.header_rule;
  page.shapes.push_back({Shape::Stroke, {left, y, right, y}, 0xBBBBBB, 0.5});
}

void emit_lines(Section& s, double left, double right, std::vector<LaidOutPage>& pages,
                std::vector<Element>& tree) {
  std::vector<FlowLine>& lines = s.flow.lines();
  LinkElements link_elements;
  for (size_t i = 0; i < lines.size(); ++i) {
    emit_line(lines[i], s.placed[i], left, right, s.flow.fonts(), pages[s.placed[i].page], tree,
              link_elements);
  }
}

namespace {

// At the end of line (placed at `at`), for a line of the contents or a
// cross-reference: a space after its text for readers of the marked
// content ("Guatemala 3"; invisible) when tagged, the page number of
// target at the other margin (the left one when rtl), and a link over the
// line to target that says label.
// With leaders (the contents), dot leaders between the name (whose line
// starts at name_left) and the number go to leader_runs.
void add_page_reference(const Digest& d, bool tagged, const FlowLine& line, const Placement& at,
                        const Placement& target, const TextStyle& style, const FontSet& fonts,
                        LineSetter& setter, bool rtl, double left, double right, std::string label,
                        LaidOutPage& page, bool leaders = false, double name_left = 0,
                        double leader_pitch = 5, std::vector<TextRun>* leader_out = nullptr) {
  std::vector<TextRun> no_leaders;
  std::vector<TextRun>& leader_runs = leader_out ? *leader_out : no_leaders;
  const double size = style.size;
  std::vector<Piece> pieces;
  if (tagged) {
    setter.set_text(" ", d.rtl, d.lang, style.font, pieces);
    for (Piece& piece : pieces) {
      const double at_x = rtl ? (leaders ? name_left : right) - line.width -
                                    static_cast<double>(piece.units) * size / 1000.0
                              : (leaders ? name_left : left) + line.width;
      page.runs.push_back(make_run(at_x + static_cast<double>(piece.x) * size / 1000.0, at.baseline,
                                   size, piece, line.elem, line.rtl));
    }
  }
  const std::string number = d.page_numbers.number(target.page + 1);
  pieces.clear();
  const double number_width =
      static_cast<double>(setter.set_text(number, false, d.lang, style.font, pieces)) * size /
      1000.0;
  const double x = rtl ? left : right - number_width;
  for (Piece& piece : pieces) {
    page.runs.push_back(make_run(x + static_cast<double>(piece.x) * size / 1000.0, at.baseline,
                                 size, piece, line.elem, line.rtl));
  }
  if (leaders) {
    // Dots from the name to the number, on a grid of the page so that they
    // line up from line to line; page furniture (an artifact when tagged).
    const double gap = 4;
    const double from = rtl ? x + number_width + gap : name_left + line.width + gap;
    const double to = rtl ? name_left - line.width - gap : x - gap;
    pieces.clear();
    setter.set_text(".", false, d.lang, style.font, pieces);
    if (!pieces.empty() && pieces[0].glyphs.size() == 1) {
      const double pitch = leader_pitch;
      const double dot = pieces[0].glyphs[0].advance * size / 1000.0;
      const double first = std::ceil((from - left) / pitch);
      const double last = std::floor((to - dot - left) / pitch);
      if (last >= first) {
        Piece dots;
        dots.face = pieces[0].face;
        Glyph g = pieces[0].glyphs[0];
        g.advance = static_cast<int16_t>(std::lround(pitch * 1000.0 / size));
        for (int k = 0; k <= static_cast<int>(last - first); ++k) {
          g.text_begin = static_cast<uint32_t>(k);
          dots.glyphs.push_back(g);
          dots.text += '.';
        }
        dots.units = static_cast<int64_t>(dots.glyphs.size()) * g.advance;
        leader_runs.push_back(
            make_run(left + first * pitch, at.baseline, size, dots, kArtifact, false));
      }
    }
  }
  const Face& m = fonts[fonts.primary(style.font)];
  LinkArea link;
  link.rect = {left, at.baseline + m.descender() * size / 1000.0, right,
               at.baseline + m.ascender() * size / 1000.0};
  link.target_page = target.page;
  link.target_y = target.top;
  link.elem = line.elem;
  link.label = std::move(label);
  page.links.push_back(std::move(link));
}

}  // namespace

void emit_xref(const Digest& d, FlowBuilder& flow, const LayoutStyle& st,
               const std::vector<Anchor>& anchors, const XrefLine& x, const FlowLine& line,
               const Placement& at, double left, double right, LaidOutPage& page) {
  add_page_reference(d, st.tagged, line, at, anchors[x.anchor].where, st.xref, flow.fonts(),
                     flow.setter(), line.rtl, left, right, std::string(x.label), page);
}

void emit_toc(const Digest& d, Section& s, const LayoutStyle& st,
              const std::vector<Anchor>& anchors, const std::vector<int>& group_anchor, double left,
              double right, std::vector<LaidOutPage>& pages, std::vector<Element>& tree) {
  LinkElements link_elements;
  const bool rtl = d.rtl;
  const double indent = d.regions.empty() ? 0 : st.toc_indent;
  std::vector<FlowLine>& lines = s.flow.lines();
  // Leaders go before the page's other runs, not next to the runs of their
  // line: the writer takes runs of one baseline side by side as one line
  // (a tagged right-to-left line is written in logical order), and leaders
  // are no part of it.
  std::vector<TextRun> leaders;
  int leader_page = -1;
  auto flush = [&] {
    if (leader_page < 0) return;
    std::vector<TextRun>& runs = pages[leader_page].runs;
    runs.insert(runs.begin(), std::make_move_iterator(leaders.begin()),
                std::make_move_iterator(leaders.end()));
    leaders.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    FlowLine& line = lines[i];
    const Placement& at = s.placed[i];
    LaidOutPage& page = pages[at.page];
    if (at.page != leader_page) flush(), leader_page = at.page;
    const int g = i < s.line_group.size() ? s.line_group[i] : -1;
    if (g < 0) {  // the heading, a region's name
      add_runs(line, at, line.right ? right - line.width : left, s.flow.fonts(), page, &tree,
               &link_elements);
      continue;
    }
    // Mirrored when rtl: the name at the right edge, the number at the left.
    const double x = rtl ? right - indent - line.width : left + indent;
    add_runs(line, at, x, s.flow.fonts(), page, nullptr, nullptr);
    add_page_reference(d, st.tagged, line, at, anchors[group_anchor[g]].where, st.toc_line,
                       s.flow.fonts(), s.flow.setter(), rtl, left, right, d.groups[g].name, page,
                       true, rtl ? right - indent : left + indent, st.toc_leader_pitch, &leaders);
  }
  flush();
}

}  // namespace gz
