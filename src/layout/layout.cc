#include "layout/layout.h"

#include <algorithm>

#include "base/diag.h"
#include "layout/sections.h"

namespace gz {

Rect paper_rect(Paper paper) {
  switch (paper) {
    case Paper::Letter:
      return {0, 0, 612, 792};
    case Paper::A4:
      break;
  }
  return {0, 0, 595.276, 841.89};
}

namespace {

void add_footers(const Digest& d, LineSetter& setter, const LayoutStyle& st, double width,
                 std::vector<LaidOutPage>& pages) {
  const int total = static_cast<int>(pages.size());
  const double scale = st.footer.size / 1000.0;
  std::vector<Piece> pieces;
  for (int i = 0; i < total; ++i) {
    std::string text =
        d.footer ? d.footer(i + 1, total) : std::to_string(i + 1) + " / " + std::to_string(total);
    pieces.clear();
    double w =
        static_cast<double>(setter.set_text(text, d.rtl, d.lang, st.footer.font, pieces)) * scale;
    double x = std::max(st.margin, (width - w) / 2);
    for (Piece& piece : pieces) {
      TextRun r;  // elem: kArtifact, page furniture
      r.x = x + static_cast<double>(piece.x) * scale;
      r.y = st.footer_baseline;
      r.font = piece.face;
      r.size = st.footer.size;
      r.width = static_cast<double>(piece.units) * scale;
      r.glyphs = std::move(piece.glyphs);
      r.text = std::move(piece.text);
      pages[i].runs.push_back(std::move(r));
    }
  }
}

}  // namespace

LaidOut layout_digest(const Digest& d, const FontSet& fonts, int max_pages) {
  const LayoutStyle st;
  const Rect paper = paper_rect(d.paper);
  LaidOut out;
  out.width = paper.right;
  out.height = paper.top;
  const double left = st.margin;
  const double right = out.width - st.margin;
  const Frame frame{out.height - st.margin, st.margin};
  // ICU iterators and bidi object: built once for the whole digest.
  LineBreaker breaker;
  Shaper shaper(fonts);
  LineSetter setter(shaper);

  // Collect, shape, measure and break every paragraph of each part; reorder
  // and itemise each line.
  Section cover(FlowBuilder(setter, breaker, right - left, d.rtl));
  Section toc(FlowBuilder(setter, breaker, right - left, d.rtl));
  Section body(FlowBuilder(setter, breaker, right - left, d.rtl));
  std::vector<Anchor> anchors;
  std::vector<int> group_anchor;
  std::vector<XrefLine> xrefs;
  for (Section* s : {&cover, &toc, &body}) s->flow.keep_break_spaces(d.tagged());
  std::vector<Element>& tree = out.elements;
  tree.push_back({Role::Document, -1, d.lang});
  build_cover(d, st, cover, tree);
  if (!d.groups.empty()) build_toc(d, st, toc, tree);
  build_body(d, st, body, anchors, group_anchor, xrefs, tree);

  // Paginate. The TOC has one line per group whatever the page numbers, so
  // its page count is known before the body is placed after it.
  cover.pages =
      paginate(cover.flow.lines(), {frame.top - st.cover_drop, frame.bottom}, 0, cover.placed);
  toc.first_page = cover.pages;
  toc.pages = d.groups.empty() ? 0 : paginate(toc.flow.lines(), frame, toc.first_page, toc.placed);
  body.first_page = toc.first_page + toc.pages;
  body.pages = paginate(body.flow.lines(), frame, body.first_page, body.placed);
  const auto& body_lines = body.flow.lines();
  for (size_t i = 0; i < body_lines.size(); ++i) {
    if (body_lines[i].anchor >= 0) anchors[body_lines[i].anchor].where = body.placed[i];
  }

  // Checked before the pages are filled: each holds copies of its text.
  const int pages = body.first_page + body.pages;
  if (pages > max_pages) {
    fail({},
         "digest too large: " + std::to_string(pages) + " pages, more than " +
             std::to_string(max_pages),
         "select a shorter period or fewer countries");
  }

  // Place runs, links and outline entries on the pages.
  out.pages.resize(body.first_page + body.pages);
  emit_lines(cover, left, right, out.pages, tree);
  if (toc.pages > 0) emit_toc(d, toc, st, anchors, group_anchor, left, right, out.pages, tree);
  emit_lines(body, left, right, out.pages, tree);
  emit_xrefs(d, body, st, anchors, xrefs, left, right, out.pages);
  add_footers(d, setter, st, out.width, out.pages);
  out.outline.reserve(anchors.size());
  for (const Anchor& a : anchors) {
    out.outline.push_back({std::string(a.title), a.level, a.where.page, a.where.top});
  }
  return out;
}

}  // namespace gz
