#include "layout/flow.h"

#include <algorithm>
#include <cmath>

#include "base/utf8.h"

namespace gz {

double line_ascent(const Face& f, const TextStyle& style) {
  double content = (f.ascender() - f.descender()) * style.size / 1000.0;
  return (style.leading - content) / 2 + f.ascender() * style.size / 1000.0;
}

int64_t max_units(double width, double size) {
  // The epsilon keeps 483.0 pt from becoming 48299 units through rounding.
  return static_cast<int64_t>(std::floor(width * 1000.0 / size + 1e-9));
}

int FlowBuilder::add_paragraph(std::string_view text, std::string_view lang, const TextStyle& style,
                               double space_before, bool keep_all, int anchor) {
  setter_.prepare(text, rtl_, lang, style.font, {}, paragraph_);
  spans_.clear();
  breaker_.break_lines(text, paragraph_.advance_at, max_units(line_width_ - indent_, style.size),
                       spans_);
  if (spans_.empty() && anchor >= 0) spans_.push_back({0, 0, 0});
  add_lines(style, space_before, keep_all, anchor);
  return static_cast<int>(spans_.size());
}

int FlowBuilder::add_paragraph(std::string_view text, std::string_view lang,
                               std::span<const TextSpan> marks, const TextStyle& style,
                               double space_before, bool keep_all) {
  if (marks.empty()) return add_paragraph(text, lang, style, space_before, keep_all);
  const auto size = static_cast<uint32_t>(text.size());
  std::vector<uint32_t> cuts{0, size};
  for (const TextSpan& m : marks) {
    cuts.push_back(std::min(m.begin, size));
    cuts.push_back(std::min(m.end, size));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

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
    if (!runs_.empty() && runs_.back().end == cuts[i] && runs_.back().font == font &&
        runs_.back().url == url) {
      runs_.back().end = cuts[i + 1];
    } else {
      runs_.push_back({cuts[i], cuts[i + 1], font, url});
    }
  }
  setter_.prepare(text, rtl_, lang, style.font, runs_, paragraph_);
  spans_.clear();
  breaker_.break_lines(text, paragraph_.advance_at, max_units(line_width_ - indent_, style.size),
                       spans_);
  add_lines(style, space_before, keep_all, -1);
  return static_cast<int>(spans_.size());
}

void FlowBuilder::add_line(std::string_view text, std::string_view lang, const TextStyle& style,
                           double space_before, bool keep_with_next) {
  setter_.prepare(text, rtl_, lang, style.font, {}, paragraph_);
  spans_.assign(1, LineSpan{0, static_cast<uint32_t>(text.size()), 0});
  add_lines(style, space_before, keep_with_next, -1);
}

const std::vector<LineSpan>& FlowBuilder::measure(std::string_view text, std::string_view lang,
                                                  FontId font, int64_t max) {
  setter_.prepare(text, rtl_, lang, font, {}, paragraph_);
  spans_.clear();
  breaker_.break_lines(text, paragraph_.advance_at, max, spans_);
  return spans_;
}

void FlowBuilder::add_lines(const TextStyle& style, double space_before, bool keep_all,
                            int anchor) {
  const double ascent = line_ascent(fonts()[fonts().primary(style.font)], style);
  for (size_t i = 0; i < spans_.size(); ++i) {
    const LineSpan& s = spans_[i];
    FlowLine line;
    const int64_t units = setter_.set(paragraph_, s.begin, s.end, line.pieces,
                                      keep_break_spaces_ && i + 1 < spans_.size() ? 1 : 0);
    if (keep_break_spaces_ && i + 1 < spans_.size() && spans_[i + 1].begin > s.end) {
      const size_t first = line.pieces.size();
      char32_t c;
      const auto next =
          static_cast<uint32_t>(s.end + utf8_decode(paragraph_.text.substr(s.end), &c));
      const int64_t space = setter_.set(paragraph_, s.end, next, line.pieces);
      const bool rtl = paragraph_.level & 1;
      if (!rtl && first > 0 && line.pieces.size() == first + 1 &&
          line.pieces[first - 1].face == line.pieces[first].face &&
          line.pieces[first - 1].url.empty()) {
        // Usually a glyph more in the line's last piece, not a piece more:
        // a long digest has a million lines.
        Piece& last = line.pieces[first - 1];
        const auto shift = static_cast<uint32_t>(last.text.size());
        for (Glyph g : line.pieces[first].glyphs) {
          g.text_begin += shift;
          last.glyphs.push_back(g);
        }
        last.text += line.pieces[first].text;
        line.pieces.pop_back();
      } else {
        for (size_t k = first; k < line.pieces.size(); ++k) {
          Piece& piece = line.pieces[k];
          piece.x = rtl ? piece.x - space : piece.x + units;
          piece.url = {};
        }
      }
    }
    line.style = style;
    line.width = static_cast<double>(units) * style.size / 1000.0;
    line.ascent = ascent;
    line.space_before = i == 0 ? space_before : 0;
    line.keep_with_next = keep_all || (i == 0 && spans_.size() > 1);
    line.anchor = i == 0 ? anchor : -1;
    line.rtl = paragraph_.level & 1;
    line.right = report_text_ ? rtl_ : line.rtl;
    line.elem = elem_;
    line.indent = indent_;
    lines_.push_back(std::move(line));
  }
}

void FlowBuilder::set_label(size_t i, std::string_view text, std::string_view lang, int32_t elem) {
  FlowLine& line = lines_[i];
  line.label.clear();
  const int64_t units = setter_.set_text(text, line.rtl, lang, line.style.font, line.label);
  line.label_width = static_cast<double>(units) * line.style.size / 1000.0;
  line.label_elem = elem;
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

Placement Paginator::place(std::span<const FlowLine> lines, size_t i) {
  constexpr double kEps = 1e-6;
  const double page_height = frame_.top - frame_.bottom;
  const FlowLine& line = lines[i];
  if (!page_empty_ && !chained_) {
    // Move a whole chain to the next page when it does not fit here but
    // would fit on an empty page; a longer chain just flows.
    const double h = chain_height(lines, i);
    if (cursor_ - line.space_before - h < frame_.bottom - kEps && h <= page_height + kEps) {
      ++page_, cursor_ = frame_.top, page_empty_ = true;
    }
  }
  double space = page_empty_ ? 0 : line.space_before;
  if (!page_empty_ && cursor_ - space - line.style.leading < frame_.bottom - kEps) {
    ++page_, cursor_ = frame_.top, page_empty_ = true, space = 0;
  }
  const double top = cursor_ - space;
  cursor_ = top - line.style.leading;
  page_empty_ = false;
  chained_ = line.keep_with_next;
  return {page_, top, top - line.ascent};
}

int paginate(std::span<const FlowLine> lines, Frame frame, int first_page,
             std::vector<Placement>& out) {
  Paginator p(frame, first_page);
  out.clear();
  out.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) out.push_back(p.place(lines, i));
  return p.pages();
}

}  // namespace gz
