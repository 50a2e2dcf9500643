#include "layout/flow.h"

#include <algorithm>
#include <cmath>

namespace gz {

double line_ascent(const FontMetrics& m, const TextStyle& style) {
  double content = (m.ascender() - m.descender()) * style.size / 1000.0;
  return (style.leading - content) / 2 + m.ascender() * style.size / 1000.0;
}

int64_t max_units(double width, double size) {
  // The epsilon keeps 483.0 pt from becoming 48299 units through rounding.
  return static_cast<int64_t>(std::floor(width * 1000.0 / size + 1e-9));
}

Paragraph FlowBuilder::prepare(std::string_view text, std::vector<uint32_t>* cuts) {
  std::string storage;
  Paragraph p = setter_.prepare(text, rtl_, storage, cuts);
  if (!storage.empty() && p.text.data() == storage.data()) {
    p.text = shaped_.emplace_back(std::move(storage));
  }
  return p;
}

int FlowBuilder::add_paragraph(std::string_view text, const TextStyle& style, double space_before,
                               bool keep_all, int anchor) {
  const Paragraph p = prepare(text);
  spans_.clear();
  breaker_.break_lines(p.text, fonts().chain(style.font), max_units(line_width_, style.size),
                       spans_);
  if (spans_.empty() && anchor >= 0) spans_.push_back({0, 0, 0});
  for (size_t i = 0; i < spans_.size(); ++i) {
    const LineSpan& s = spans_[i];
    add_line(p.text.substr(s.begin, s.end - s.begin), p, style, i == 0 ? space_before : 0,
             keep_all || (i == 0 && spans_.size() > 1), i == 0 ? anchor : -1);
  }
  return static_cast<int>(spans_.size());
}

int FlowBuilder::add_paragraph(std::string_view text, std::span<const TextSpan> marks,
                               const TextStyle& style, double space_before, bool keep_all) {
  if (marks.empty()) return add_paragraph(text, style, space_before, keep_all);
  const auto size = static_cast<uint32_t>(text.size());
  std::vector<uint32_t> cuts{0, size};
  for (const TextSpan& m : marks) {
    cuts.push_back(std::min(m.begin, size));
    cuts.push_back(std::min(m.end, size));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<uint32_t> shaped = cuts;
  const Paragraph p = prepare(text, &shaped);

  // Marks may nest and overlap: between two cuts, everything is one style
  // and one link. Strong wins over emphasis (there is no bold italic face);
  // the innermost (last opened) link wins.
  runs_.clear();
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    bool strong = false, emphasis = false;
    std::string_view url;
    for (const TextSpan& m : marks) {
      if (m.begin > cuts[i] || m.end < cuts[i + 1]) continue;
      strong = strong || m.kind == TextSpan::Strong;
      emphasis = emphasis || m.kind == TextSpan::Emphasis;
      if (m.kind == TextSpan::Link) url = m.url;
    }
    FontId font = style.font;
    if (style.font == kRegular) font = strong ? kBold : emphasis ? kItalic : kRegular;
    if (font == style.font && url.empty()) continue;
    if (!runs_.empty() && runs_.back().end == shaped[i] && runs_.back().font == font &&
        runs_.back().url == url) {
      runs_.back().end = shaped[i + 1];
    } else {
      runs_.push_back({shaped[i], shaped[i + 1], font, url});
    }
  }

  spans_.clear();
  breaker_.break_lines(p.text, fonts(), style.font, runs_, max_units(line_width_, style.size),
                       spans_);
  for (size_t i = 0; i < spans_.size(); ++i) {
    const LineSpan& s = spans_[i];
    add_line(p.text.substr(s.begin, s.end - s.begin), p, style, i == 0 ? space_before : 0,
             keep_all || (i == 0 && spans_.size() > 1), -1, runs_);
  }
  return static_cast<int>(spans_.size());
}

void FlowBuilder::add_line(std::string_view text, const Paragraph& p, const TextStyle& style,
                           double space_before, bool keep_with_next, int anchor,
                           std::span<const StyleRun> runs) {
  FlowLine line;
  const int64_t units = setter_.set(text, p, style.font, runs, line.pieces);
  line.style = style;
  line.width = static_cast<double>(units) * style.size / 1000.0;
  line.ascent = line_ascent(fonts()[style.font].metrics, style);
  line.space_before = space_before;
  line.keep_with_next = keep_with_next;
  line.anchor = anchor;
  lines_.push_back(std::move(line));
}

namespace {

// Height from the top of lines[i] to the bottom of the last line chained to
// it, counting space_before except for lines[i]'s own.
double chain_height(std::span<const FlowLine> lines, size_t i) {
  double h = lines[i].style.leading;
  for (size_t k = i; k + 1 < lines.size() && lines[k].keep_with_next; ++k) {
    h += lines[k + 1].space_before + lines[k + 1].style.leading;
  }
  return h;
}

}  // namespace

int paginate(std::span<const FlowLine> lines, Frame frame, int first_page,
             std::vector<Placement>& out) {
  constexpr double kEps = 1e-6;
  const double page_height = frame.top - frame.bottom;
  int page = first_page;
  double cursor = frame.top;
  bool page_empty = true;
  out.clear();
  out.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const FlowLine& line = lines[i];
    const bool chain_start = i == 0 || !lines[i - 1].keep_with_next;
    if (!page_empty && chain_start) {
      // Move a whole chain to the next page when it does not fit here but
      // would fit on an empty page; a longer chain just flows.
      double h = chain_height(lines, i);
      if (cursor - line.space_before - h < frame.bottom - kEps && h <= page_height + kEps) {
        ++page, cursor = frame.top, page_empty = true;
      }
    }
    double space = page_empty ? 0 : line.space_before;
    if (!page_empty && cursor - space - line.style.leading < frame.bottom - kEps) {
      ++page, cursor = frame.top, page_empty = true, space = 0;
    }
    double top = cursor - space;
    out.push_back({page, top, top - line.ascent});
    cursor = top - line.style.leading;
    page_empty = false;
  }
  return page - first_page + 1;
}

}  // namespace gz
