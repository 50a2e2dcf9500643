// The "At a glance" page: bulletins per week (or month) as a column chart
// and a table, bulletins per group as a table with a bar per row. The
// charts are artifacts: what they show is in the tables.
#include <algorithm>
#include <cmath>

#include "layout/sections.h"

namespace gz {

namespace {

int32_t add(std::vector<Element>& tree, Role role, int32_t parent, bool row_header = false) {
  Element e;
  e.role = role;
  e.parent = parent;
  e.row_header = row_header;
  tree.push_back(std::move(e));
  return static_cast<int32_t>(tree.size() - 1);
}

}  // namespace

void build_glance(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Anchor>& anchors,
                  std::vector<Element>& tree) {
  const DigestGlance& g = d.glance;
  FlowBuilder& f = s.flow;
  const int32_t sect = add(tree, Role::Sect, 0);
  auto text = [&](GlanceLine line = {}) {
    while (s.glance.size() < f.lines().size()) s.glance.push_back(line);
  };
  f.set_element(add(tree, Role::H1, sect));
  anchors.push_back({g.heading, 0, {}});
  f.add_paragraph(g.heading, d.lang, st.toc_heading, 0, true, static_cast<int>(anchors.size() - 1));
  text();

  // The first column's text is cut to its width (names may be long).
  const double label_width = f.line_width() * st.glance_label_share;
  auto row = [&](int32_t table, Role role, const std::string& label, const std::string& count,
                 const TextStyle& style, double space_before, bool keep, int64_t value,
                 int64_t bar_max, double indent) {
    const int32_t tr = add(tree, Role::TR, table);
    f.set_element(add(tree, role, tr));
    const std::string& cut = s.owned.emplace_back(
        fitted(f, label, d.lang, style.font, max_units(label_width - indent - 6, style.size)));
    f.add_line(cut, d.lang, style, space_before, keep);
    GlanceLine line;
    line.kind = GlanceLine::Row;
    line.count_text = count;
    line.count_elem = add(tree, role, tr);
    line.count_style = &style;
    line.count = value;
    line.bar_max = bar_max;
    line.indent = indent;
    text(line);
  };

  // Per week or month: the caption, the column chart, the table.
  f.set_element(add(tree, Role::H2, sect));
  f.add_paragraph(g.by_time_text, d.lang, st.glance_caption, 14, true);
  text();
  FlowLine chart;
  chart.style = st.glance_chart_label;
  chart.style.leading = st.glance_chart_height;
  chart.space_before = 6;
  chart.keep_with_next = true;
  chart.elem = kArtifact;
  chart.rtl = d.rtl;
  f.lines().push_back(std::move(chart));
  GlanceLine chart_line;
  chart_line.kind = GlanceLine::Chart;
  text(chart_line);
  int32_t table = add(tree, Role::Table, sect);
  row(table, Role::TH, g.time_header, g.count_header, st.glance_header, 8, true, -1, 0, 0);
  for (const GlanceCount& c : g.times) {
    row(table, Role::TD, c.label, c.count_text, st.glance_cell, 0, false, -1, 0, 0);
  }

  // Per group: the caption and the table, a bar in each row; region by
  // region when there are several.
  f.set_element(add(tree, Role::H2, sect));
  f.add_paragraph(g.by_group_text, d.lang, st.glance_caption, 18, true);
  text();
  int64_t most = 0;
  for (const GlanceCount& c : g.groups) most = std::max(most, c.count);
  table = add(tree, Role::Table, sect);
  row(table, Role::TH, g.group_header, g.count_header, st.glance_header, 6, true, -1, 0, 0);
  auto group_rows = [&](size_t first, size_t end, double indent) {
    for (size_t i = first; i < end && i < g.groups.size(); ++i) {
      const GlanceCount& c = g.groups[i];
      row(table, Role::TD, c.label, c.count_text, st.glance_cell, 0, false, c.count, most, indent);
    }
  };
  if (d.regions.empty()) {
    group_rows(0, g.groups.size(), 0);
  } else {
    for (const DigestRegion& r : d.regions) {
      double indent = 0;
      if (!r.name.empty()) {
        f.set_element(add(tree, Role::TH, add(tree, Role::TR, table), true));
        f.add_line(s.owned.emplace_back(r.name), d.lang, st.glance_header, 4, true);
        // A row, placed as the cells are: at the start side (a Latin name
        // at the right of a right-to-left table).
        GlanceLine line;
        line.kind = GlanceLine::Row;
        text(line);
        indent = st.toc_indent;
      }
      group_rows(r.first, r.end, indent);
    }
  }
  if (!g.note.empty()) {
    f.set_element(add(tree, Role::P, sect));
    f.add_paragraph(g.note, d.lang, st.meta, 10, false);
    text();
  }
}

namespace {

// Text set on one line at (x, baseline): x is its left end, or its right
// end when right_aligned.
void put_text(LineSetter& setter, const Digest& d, std::string_view text, const TextStyle& style,
              double x, bool right_aligned, double baseline, int32_t elem, LaidOutPage& page) {
  std::vector<Piece> pieces;
  const double scale = style.size / 1000.0;
  const double width =
      static_cast<double>(setter.set_text(text, d.rtl, d.lang, style.font, pieces)) * scale;
  if (right_aligned) x -= width;
  for (Piece& piece : pieces) {
    TextRun r;
    r.x = x + static_cast<double>(piece.x) * scale;
    r.y = baseline;
    r.font = piece.face;
    r.size = style.size;
    r.width = static_cast<double>(piece.units) * scale;
    r.glyphs = std::move(piece.glyphs);
    r.text = std::move(piece.text);
    r.elem = elem;
    r.rtl_line = d.rtl && elem != kArtifact;
    r.rgb = style.rgb;
    page.runs.push_back(std::move(r));
  }
}

double text_width(LineSetter& setter, const Digest& d, std::string_view text,
                  const TextStyle& style) {
  std::vector<Piece> pieces;
  return static_cast<double>(setter.set_text(text, d.rtl, d.lang, style.font, pieces)) *
         style.size / 1000.0;
}

// The column chart of d.glance.times in the box [left, right] x [bottom,
// top]: a column per week or month on a base line, its short label under
// it (every k-th when they would touch); in time order from the start
// side (the right when rtl).
void draw_columns(const Digest& d, const LayoutStyle& st, LineSetter& setter, double left,
                  double right, double bottom, double top, uint32_t colour, LaidOutPage& page) {
  const std::vector<GlanceCount>& times = d.glance.times;
  if (times.empty()) return;
  const TextStyle& label = st.glance_chart_label;
  const double base = bottom + label.leading + 4;
  const double height = top - base - 4;
  const double slot = (right - left) / static_cast<double>(times.size());
  const double column = std::min(slot * 0.6, 36.0);
  int64_t most = 0;
  double widest = 0;
  for (const GlanceCount& c : times) {
    most = std::max(most, c.count);
    widest = std::max(widest, text_width(setter, d, c.short_label, label));
  }
  const auto every = static_cast<size_t>(std::max(1.0, std::ceil((widest + 4) / slot)));
  for (size_t i = 0; i < times.size(); ++i) {
    const double from =
        d.rtl ? right - static_cast<double>(i + 1) * slot : left + static_cast<double>(i) * slot;
    const double mid = from + slot / 2;
    if (most > 0 && times[i].count > 0) {
      const double h = height * static_cast<double>(times[i].count) / static_cast<double>(most);
      page.shapes.push_back(
          {Shape::Fill, {mid - column / 2, base, mid + column / 2, base + h}, colour, 1});
    }
    if (i % every == 0) {
      const double w = text_width(setter, d, times[i].short_label, label);
      put_text(setter, d, times[i].short_label, label, mid - w / 2, false, bottom + 3, kArtifact,
               page);
    }
  }
  page.shapes.push_back({Shape::Stroke, {left, base, right, base}, 0x999999, 0.75});
}

}  // namespace

void emit_glance(const Digest& d, Section& s, const LayoutStyle& st, double left, double right,
                 std::vector<LaidOutPage>& pages, std::vector<Element>& tree) {
  std::vector<FlowLine>& lines = s.flow.lines();
  LineSetter& setter = s.flow.setter();
  LinkElements links;
  const uint32_t colour = d.has_accent ? d.accent : st.glance_colour;
  // Columns of a table, from the start side: the first cell, the count
  // (ending count_end from the start), then the bar.
  const double width = right - left;
  const double count_end = width * st.glance_label_share + st.glance_count_width;
  const double bar_from = count_end + st.glance_bar_gap;
  // A distance from the start side as an x: mirrored when rtl.
  auto at = [&](double from_start) { return d.rtl ? right - from_start : left + from_start; };
  for (size_t i = 0; i < lines.size(); ++i) {
    FlowLine& line = lines[i];
    const Placement& p = s.placed[i];
    LaidOutPage& page = pages[p.page];
    const GlanceLine& g = i < s.glance.size() ? s.glance[i] : GlanceLine{};
    if (g.kind == GlanceLine::Chart) {
      draw_columns(d, st, setter, left, right, p.top - line.style.leading, p.top, colour, page);
      continue;
    }
    if (g.kind == GlanceLine::Text) {
      emit_line(line, p, left, right, s.flow.fonts(), page, tree, links);
      continue;
    }
    // The first cell at the start side, the count ending at count_end
    // (starting there when rtl), the bar after it.
    const double x = d.rtl ? at(g.indent) - line.width : at(g.indent);
    emit_line(line, p, x, x + line.width, s.flow.fonts(), page, tree, links);
    if (!g.count_text.empty()) {
      put_text(setter, d, g.count_text, *g.count_style, at(count_end), !d.rtl, p.baseline,
               g.count_elem, page);
    }
    if (g.count > 0 && g.bar_max > 0) {
      const double length =
          (width - bar_from) * static_cast<double>(g.count) / static_cast<double>(g.bar_max);
      const double a = at(bar_from), b = at(bar_from + length);
      const double mid = p.baseline + line.style.size * 0.35;
      page.shapes.push_back({Shape::Fill,
                             {std::min(a, b), mid - st.glance_bar_height / 2, std::max(a, b),
                              mid + st.glance_bar_height / 2},
                             colour,
                             1});
    }
  }
}

}  // namespace gz
