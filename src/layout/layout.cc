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
    std::string text = d.page_numbers.footer_text(i + 1, total);
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

// The body, placed as it is built: each page goes to the sink as soon as a
// line has gone on a later page, and its lines are dropped.
class BodyStream {
 public:
  BodyStream(const Digest& d, const LayoutStyle& st, Section& body, Frame frame, double left,
             double right, std::vector<Anchor>& anchors, const std::vector<XrefLine>& xrefs,
             std::vector<Element>& tree, PageSink& sink, int max_pages)
      : d_(d),
        st_(st),
        s_(body),
        paginator_(frame, body.first_page),
        frame_top_(frame.top),
        left_(left),
        right_(right),
        anchors_(anchors),
        xrefs_(xrefs),
        tree_(tree),
        sink_(sink),
        max_pages_(max_pages) {}

  // Places the lines added since the last call, up to the last that ends a
  // chain (all of them when final), and hands over the pages done.
  void pump(bool final) {
    std::vector<FlowLine>& lines = s_.flow.lines();
    size_t end = lines.size();
    if (!final) {
      while (end > next_ && lines[end - 1].keep_with_next) --end;
    }
    for (; next_ < end; ++next_) {
      placed_.push_back(paginator_.place(lines, next_));
      if (lines[next_].anchor >= 0) anchors_[lines[next_].anchor].where = placed_.back();
    }
    const int done = final ? paginator_.page() + 1 : paginator_.page();
    size_t k = 0;
    while (k < next_ && placed_[k].page < done) {
      const int page = placed_[k].page;
      LaidOutPage out;
      // The running header: the group at the top of the page, "(continued)"
      // unless its heading is the page's first line.
      const size_t first = k;
      const bool heading = is_group_heading(lines[k]);
      if (heading) ++group_;
      if (group_ >= 0 && static_cast<size_t>(group_) < d_.groups.size()) {
        const DigestGroup& g = d_.groups[static_cast<size_t>(group_)];
        emit_running_header(d_, s_.flow, st_, heading || g.continued.empty() ? g.name : g.continued,
                            left_, right_, frame_top_, out);
      }
      for (; k < next_ && placed_[k].page == page; ++k) {
        if (k != first && is_group_heading(lines[k])) ++group_;
        emit_line(lines[k], placed_[k], left_, right_, s_.flow.fonts(), out, tree_, links_);
        // Its bulletin is earlier in the document: placed already.
        if (xref_ < xrefs_.size() && xrefs_[xref_].line == s_.flow.dropped() + k) {
          emit_xref(d_, s_.flow, st_, anchors_, xrefs_[xref_++], lines[k], placed_[k], left_,
                    right_, out);
        }
      }
      // A digest too large is placed to the end, to say how large, but its
      // pages beyond the limit are not drawn.
      if (page < max_pages_) sink_.page(static_cast<size_t>(page), std::move(out), tree_);
    }
    s_.flow.drop_front(k);
    placed_.erase(placed_.begin(), placed_.begin() + static_cast<std::ptrdiff_t>(k));
    next_ -= k;
  }

  int pages() const { return paginator_.pages(); }

 private:
  bool is_group_heading(const FlowLine& line) const {
    return line.anchor >= 0 && anchors_[static_cast<size_t>(line.anchor)].level == 0;
  }

  const Digest& d_;
  const LayoutStyle& st_;
  Section& s_;
  Paginator paginator_;
  double frame_top_;
  double left_, right_;
  int group_ = -1;  // of the last group heading drawn
  std::vector<Anchor>& anchors_;
  const std::vector<XrefLine>& xrefs_;  // in line order
  size_t xref_ = 0;                     // the next to draw
  std::vector<Element>& tree_;
  PageSink& sink_;
  int max_pages_;
  size_t next_ = 0;                // the first line not placed yet
  std::vector<Placement> placed_;  // of lines [0, next_)
  LinkElements links_;
};

// Without a sink of the caller's, the pages stay in the result.
class KeepPages : public PageSink {
 public:
  explicit KeepPages(std::vector<LaidOutPage>& pages) : pages_(pages) {}
  void page(size_t index, LaidOutPage&& page, const std::vector<Element>&) override {
    if (pages_.size() <= index) pages_.resize(index + 1);
    pages_[index] = std::move(page);
  }

 private:
  std::vector<LaidOutPage>& pages_;
};

}  // namespace

LaidOut layout_digest(const Digest& d, const FontSet& fonts, const LayoutOptions& options,
                      PageSink* sink) {
  const int max_pages = options.max_pages;
  LayoutStyle st;
  st.tagged = options.tagged;
  if (d.has_accent) {
    for (TextStyle* t : {&st.title, &st.toc_heading, &st.toc_region, &st.group}) t->rgb = d.accent;
  }
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
  Section foot(FlowBuilder(setter, breaker, right - left, d.rtl));
  Section glance(FlowBuilder(setter, breaker, right - left, d.rtl));
  Section body(FlowBuilder(setter, breaker, right - left, d.rtl));
  std::vector<Anchor> anchors;
  std::vector<int> group_anchor;
  std::vector<XrefLine> xrefs;
  for (Section* s : {&cover, &toc, &foot, &glance, &body}) s->flow.keep_break_spaces(st.tagged);
  std::vector<Element>& tree = out.elements;
  tree.push_back({Role::Document, -1, d.lang});
  int32_t logo_elem = kArtifact;
  if (d.logo.bytes && d.logo.width_px > 0 && d.logo.height_px > 0) {
    tree.push_back({Role::Figure, 0, {}});
    logo_elem = static_cast<int32_t>(tree.size() - 1);
  }
  build_cover(d, st, cover, tree);
  if (!d.groups.empty()) build_toc(d, st, toc, tree);
  build_cover_foot(d, st, foot, tree);
  // The glance page's heading is the outline's first entry.
  const bool has_glance = !d.groups.empty() && !d.glance.groups.empty();
  if (has_glance) build_glance(d, st, glance, anchors, tree);

  // Paginate. The TOC has one line per group whatever the page numbers, so
  // its page count is known before the body is placed after it. The foot
  // (contact, disclaimer) ends at the bottom of the cover's last page.
  double foot_height = 0;
  for (const FlowLine& line : foot.flow.lines()) {
    foot_height += (foot_height > 0 ? line.space_before : 0) + line.style.leading;
  }
  const Frame cover_frame{frame.top - st.cover_drop,
                          frame.bottom + (foot_height > 0 ? foot_height + st.foot_gap : 0)};
  cover.pages = paginate(cover.flow.lines(), cover_frame, 0, cover.placed);
  if (foot_height > 0) {
    paginate(foot.flow.lines(), {frame.bottom + foot_height + 1e-3, frame.bottom}, cover.pages - 1,
             foot.placed);
  }
  // The contents goes on the cover's last page when all of it fits under
  // the cover's text; else it starts on a page of its own.
  bool toc_on_cover = false;
  if (!d.groups.empty() && !cover.placed.empty()) {
    const double below =
        cover.placed.back().top - cover.flow.lines().back().style.leading - st.toc_on_cover_space;
    std::vector<Placement> trial;
    if (below > cover_frame.bottom &&
        paginate(toc.flow.lines(), {below, cover_frame.bottom}, cover.pages - 1, trial) == 1 &&
        trial.back().top - toc.flow.lines().back().style.leading >= cover_frame.bottom - 1e-6) {
      toc_on_cover = true;
      toc.placed = std::move(trial);
      toc.first_page = cover.pages - 1;
      toc.pages = 0;  // no page of its own
    }
  }
  // The glance page(s) after the cover's.
  if (has_glance) {
    glance.first_page = cover.pages;
    glance.pages = paginate(glance.flow.lines(), frame, glance.first_page, glance.placed);
    anchors[0].where = glance.placed[0];
  }
  // A contents of its own comes after the glance: built again, so that its
  // elements follow the glance's in the structure tree (reading order);
  // the first build's are never drawn, so never in the PDF.
  Section toc_again(FlowBuilder(setter, breaker, right - left, d.rtl));
  Section* contents = &toc;
  if (!toc_on_cover && has_glance) {
    toc_again.flow.keep_break_spaces(st.tagged);
    build_toc(d, st, toc_again, tree);
    contents = &toc_again;
  }
  if (!toc_on_cover) {
    contents->first_page = cover.pages + glance.pages;
    contents->pages = d.groups.empty() ? 0
                                       : paginate(contents->flow.lines(), frame,
                                                  contents->first_page, contents->placed);
  }
  body.first_page =
      toc_on_cover ? cover.pages + glance.pages : contents->first_page + contents->pages;

  // The body: built, placed and drawn item by item.
  KeepPages keep(out.pages);
  BodyStream stream(d, st, body, frame, left, right, anchors, xrefs, tree, sink ? *sink : keep,
                    max_pages);
  build_body(d, st, body, anchors, group_anchor, xrefs, tree, [&stream] { stream.pump(false); });
  stream.pump(true);
  body.pages = stream.pages();

  const int pages = body.first_page + body.pages;
  if (pages > max_pages) {
    fail({},
         "digest too large: " + std::to_string(pages) + " pages, more than " +
             std::to_string(max_pages),
         "select a shorter period or fewer countries");
  }

  // The cover and the contents (whose page numbers are known now), and the
  // footers, which say how many pages there are.
  out.pages.resize(static_cast<size_t>(pages));
  emit_lines(cover, left, right, out.pages, tree);
  if (has_glance) emit_glance(d, glance, st, left, right, out.pages, tree);
  if (!d.groups.empty()) {
    emit_toc(d, *contents, st, anchors, group_anchor, left, right, out.pages, tree);
  }
  if (foot_height > 0) {
    emit_lines(foot, left, right, out.pages, tree);
    // A rule above the foot, in the accent colour (else gray).
    const double y = frame.bottom + foot_height + st.foot_gap / 2;
    out.pages[static_cast<size_t>(cover.pages - 1)].shapes.push_back(
        {Shape::Stroke, {left, y, right, y}, d.has_accent ? d.accent : 0x999999, 0.75});
  }
  // The accent band across the top of the cover.
  if (d.has_accent) {
    out.pages[0].shapes.push_back(
        {Shape::Fill, {0, out.height - st.band_height, out.width, out.height}, d.accent, 1});
  }
  if (logo_elem != kArtifact) {
    // The logo at the top of the cover, over the title, at the start of the
    // line: scaled into a box logo.box_height high and three times as wide.
    const double h = d.logo.box_height;
    const double scale =
        std::min({h / d.logo.height_px, 3 * h / d.logo.width_px, (right - left) / d.logo.width_px});
    const double w = d.logo.width_px * scale;
    const double x = d.rtl ? right - w : left;
    out.pages[0].images.push_back(
        {{x, frame.top - d.logo.height_px * scale, x + w, frame.top}, logo_elem});
  }
  add_footers(d, setter, st, out.width, out.pages);
  out.outline.reserve(anchors.size());
  for (const Anchor& a : anchors) {
    out.outline.push_back({std::string(a.title), a.level, a.where.page, a.where.top});
  }
  return out;
}

}  // namespace gz
