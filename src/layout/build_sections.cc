// Collect stage: the digest's texts become flows of broken lines.
#include "layout/sections.h"

#include <algorithm>

namespace gz {

namespace {

// A new element of tree, child of parent; lang only when it differs from
// the report's (the Document's).
int32_t add(std::vector<Element>& tree, Role role, int32_t parent, std::string_view lang = {}) {
  Element e;
  e.role = role;
  e.parent = parent;
  if (!tree.empty() && lang != tree[0].lang) e.lang = lang;
  tree.push_back(std::move(e));
  return static_cast<int32_t>(tree.size() - 1);
}

}  // namespace

void build_cover(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Element>& tree) {
  FlowBuilder& f = s.flow;
  f.set_report_text(true);
  f.set_element(add(tree, Role::H1, 0));
  f.add_paragraph(d.title, d.lang, st.title, 0, true);
  f.set_element(add(tree, Role::P, 0));
  f.add_paragraph(d.period_text, d.lang, st.cover_line, 24, true);
  f.set_element(add(tree, Role::P, 0));
  f.add_paragraph(d.regions_text, d.lang, st.cover_line, 4, true);
  f.set_element(add(tree, Role::P, 0));
  f.add_paragraph(d.count_text, d.lang, st.cover_count, 16, false);
  if (!d.issue_text.empty()) {
    f.set_element(add(tree, Role::P, 0));
    f.add_paragraph(d.issue_text, d.lang, st.issue, 4, false);
  }
  for (size_t i = 0; i < d.intro.size(); ++i) {
    const std::span<const TextSpan> marks = i < d.intro_marks.size()
                                                ? std::span<const TextSpan>(d.intro_marks[i])
                                                : std::span<const TextSpan>();
    f.set_element(add(tree, Role::P, 0));
    f.add_paragraph(d.intro[i], d.lang, marks, st.intro, i == 0 ? 28 : 6, false);
  }
}

void build_cover_foot(const Digest& d, const LayoutStyle& st, Section& s,
                      std::vector<Element>& tree) {
  FlowBuilder& f = s.flow;
  f.set_report_text(true);
  for (const std::string& p : d.contact) {
    f.set_element(add(tree, Role::P, 0));
    f.add_paragraph(p, d.lang, st.contact, 0, false);
  }
  for (size_t i = 0; i < d.disclaimer.size(); ++i) {
    f.set_element(add(tree, Role::P, 0));
    f.add_paragraph(d.disclaimer[i], d.lang, st.disclaimer, i == 0 ? 8 : 3, false);
  }
}

// The paragraphs of an item, children of its Sect: P for text; H4 to H6
// for its headings (its highest level H4); for its list items an L with an
// LI each, whose Lbl is the bullet or number and whose LBody is the text,
// indented by level. A list nested in an item is a child of its LBody.
void add_item_body(const DigestItem& item, const LayoutStyle& st, FlowBuilder& f, int32_t sect,
                   std::vector<Element>& tree) {
  uint8_t top_heading = 6;
  for (const ParagraphKind& k : item.kinds) {
    if (k.kind == ParagraphKind::Heading) top_heading = std::min(top_heading, k.level);
  }
  struct List {
    int32_t elem;
    ParagraphKind::Kind kind;
    int32_t last_body;  // LBody of its last item: where a nested list goes
  };
  std::vector<List> lists;  // open lists, outermost first
  const std::vector<std::string>& paragraphs = item.body();
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const std::span<const TextSpan> marks = i < item.marks.size()
                                                ? std::span<const TextSpan>(item.marks[i])
                                                : std::span<const TextSpan>();
    const ParagraphKind k = i < item.kinds.size() ? item.kinds[i] : ParagraphKind{};
    const bool is_item = k.kind == ParagraphKind::Bullet || k.kind == ParagraphKind::Numbered;
    if (!is_item) {
      lists.clear();
      f.set_indent(0);
      if (k.kind == ParagraphKind::Heading) {
        const int rank = std::min(k.level - top_heading, 2);
        const Role role = rank == 0 ? Role::H4 : rank == 1 ? Role::H5 : Role::H6;
        f.set_element(add(tree, role, sect, item.lang));
        f.add_paragraph(paragraphs[i], item.lang, marks, st.sub_heading, st.sub_heading_space,
                        true);
        continue;
      }
      f.set_element(add(tree, Role::P, sect, item.lang));
      f.add_paragraph(paragraphs[i], item.lang, marks, st.body, st.paragraph_space, false);
      continue;
    }
    // Its depth: at most one deeper than the lists open.
    const size_t depth = std::min<size_t>(k.level, lists.size());
    lists.resize(std::min(lists.size(), depth + 1));
    if (lists.size() == depth + 1 && lists.back().kind != k.kind) lists.pop_back();
    const bool first = lists.size() == depth;
    if (first) {
      const int32_t parent = depth == 0 ? sect : lists[depth - 1].last_body;
      lists.push_back({add(tree, Role::L, parent), k.kind, kArtifact});
    }
    const int32_t li = add(tree, Role::LI, lists.back().elem);
    const int32_t label = add(tree, Role::Lbl, li);
    lists.back().last_body = add(tree, Role::LBody, li, item.lang);
    f.set_element(lists.back().last_body);
    f.set_indent(st.list_indent * static_cast<double>(depth + 1));
    const size_t line = f.lines().size();
    const int n =
        f.add_paragraph(paragraphs[i], item.lang, marks, st.body,
                        first && depth == 0 ? st.paragraph_space : st.list_item_space, false);
    if (n > 0) {
      const std::string number = std::to_string(k.number) + ".";
      f.set_label(line,
                  k.kind == ParagraphKind::Numbered ? std::string_view(number)
                  : depth == 0                      ? std::string_view("\u2022")
                                                    : std::string_view("\u2013"),
                  item.lang, label);
    }
  }
  f.set_indent(0);
}

// text cut to avail units in font, with an ellipsis when it is cut.
std::string fitted(FlowBuilder& f, const std::string& text, std::string_view lang, FontId font,
                   int64_t avail) {
  const std::vector<LineSpan>& spans = f.measure(text, lang, font, avail);
  if (spans.size() <= 1) {
    return spans.empty() ? text : text.substr(spans[0].begin, spans[0].end - spans[0].begin);
  }
  const Face& primary = f.fonts()[f.fonts().primary(font)];
  const std::string ellipsis = primary.has(U'\u2026') ? "\u2026" : "...";
  std::vector<Piece> pieces;
  const int64_t units = f.setter().set_text(ellipsis, false, lang, font, pieces);
  const std::vector<LineSpan>& cut = f.measure(text, lang, font, avail - units);
  return text.substr(cut[0].begin, cut[0].end - cut[0].begin) + ellipsis;
}

void build_body(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Anchor>& anchors,
                std::vector<int>& group_anchor, std::vector<XrefLine>& xrefs,
                std::vector<Element>& tree, const std::function<void()>& item_done) {
  FlowBuilder& f = s.flow;
  if (d.groups.empty()) {
    f.set_report_text(true);
    f.set_element(add(tree, Role::P, 0));
    f.add_paragraph(d.empty_text, d.lang, st.body, 0, false);
    return;
  }
  std::vector<std::vector<int>> item_anchor(d.groups.size());
  for (size_t gi = 0; gi < d.groups.size(); ++gi) {
    const DigestGroup& g = d.groups[gi];
    group_anchor.push_back(static_cast<int>(anchors.size()));
    anchors.push_back({g.name, 0, {}});
    const int32_t group = add(tree, Role::Sect, 0);
    // Heading, item title and meta line chain to the next line, and a
    // paragraph's first line to its second: no heading ends a page alone.
    f.set_report_text(true);
    f.set_element(add(tree, Role::H2, group));
    f.add_paragraph(g.name, d.lang, st.group, st.group_space, !g.items.empty(),
                    group_anchor.back());
    bool first_item = true;
    for (const DigestItem& item : g.items) {
      std::string& meta = s.owned.emplace_back(item.date_text);
      for (const std::string* part : {&item.countries_text, &item.language_text}) {
        if (!meta.empty() && !part->empty()) meta += " \u00b7 ";
        meta += *part;
      }
      const bool has_source = !item.source_text.empty();
      const bool has_body = !item.body().empty() || has_source;
      int anchor = static_cast<int>(anchors.size());
      anchors.push_back({item.title, 1, {}});
      item_anchor[gi].push_back(anchor);
      const int32_t sect = add(tree, Role::Sect, group);
      f.set_report_text(false);
      f.set_element(add(tree, Role::H3, sect, item.lang));
      f.add_paragraph(item.title, item.lang, st.item_title, first_item ? 6 : st.item_space,
                      !meta.empty() || has_body, anchor);
      f.set_report_text(true);
      f.set_element(add(tree, Role::P, sect));
      f.add_paragraph(meta, d.lang, st.meta, 1, has_body);
      f.set_report_text(false);
      add_item_body(item, st, f, sect, tree);
      if (has_source) {
        f.set_report_text(true);
        f.set_element(add(tree, Role::P, sect));
        f.add_paragraph(item.source_text, d.lang, item.source_marks, st.source, st.paragraph_space,
                        false);
      }
      first_item = false;
      item_done();
    }
    if (g.xrefs.empty()) continue;
    // Room for the page number is kept, as in the contents.
    std::vector<Piece> pieces;
    const std::string widest = d.page_numbers.number(88888);
    const double number_width =
        static_cast<double>(f.setter().set_text(widest, false, d.lang, st.xref.font, pieces)) *
        st.xref.size / 1000.0;
    const int64_t avail =
        max_units(f.line_width() - number_width - st.toc_number_gap, st.xref.size);
    f.set_report_text(true);
    f.set_element(add(tree, Role::P, group));
    f.add_paragraph(d.see_also_text, d.lang, st.meta, g.items.empty() ? 6 : st.item_space, true);
    // A cross-reference: a bulletin's title, aligned by its own direction
    // with the page number at the other end (emit_xref).
    f.set_report_text(false);
    for (const DigestXref& x : g.xrefs) {
      const std::string& lang = d.groups[x.group].items[x.item].lang;
      f.set_element(add(tree, Role::Link, add(tree, Role::P, group, lang)));
      const std::string& text = s.owned.emplace_back(fitted(f, x.title, lang, st.xref.font, avail));
      f.add_line(text, lang, st.xref, 1, false);
      xrefs.push_back({f.line_count() - 1, item_anchor[x.group][x.item], x.title});
    }
  }
}

void build_toc(const Digest& d, const LayoutStyle& st, Section& s, std::vector<Element>& tree) {
  FlowBuilder& f = s.flow;
  f.set_report_text(true);
  const FontId font = st.toc_line.font;
  const double indent = d.regions.empty() ? 0 : st.toc_indent;
  // Room for the page number is reserved before the numbers are known, so
  // the TOC's height (and page count) does not depend on them.
  std::vector<Piece> pieces;
  const std::string widest = d.page_numbers.number(88888);
  const double number_width =
      static_cast<double>(f.setter().set_text(widest, false, d.lang, font, pieces)) *
      st.toc_line.size / 1000.0;
  const int64_t avail =
      max_units(f.line_width() - indent - number_width - st.toc_number_gap, st.toc_line.size);
  const Face& primary = f.fonts()[f.fonts().primary(font)];
  const std::string_view ellipsis = primary.has(U'\u2026') ? "\u2026" : "...";
  pieces.clear();
  const int64_t ellipsis_units = f.setter().set_text(ellipsis, false, d.lang, font, pieces);

  f.set_element(add(tree, Role::H2, 0));
  f.add_paragraph(d.contents_text, d.lang, st.toc_heading, 0, true);
  s.line_group.assign(f.lines().size(), -1);
  const int32_t toc = add(tree, Role::TOC, 0);
  auto group_line = [&](size_t gi, int32_t parent) {
    const DigestGroup& g = d.groups[gi];
    f.set_element(add(tree, Role::Link, add(tree, Role::TOCI, parent)));
    std::string& text = s.owned.emplace_back(g.name);
    const std::vector<LineSpan>& spans = f.measure(g.name, d.lang, font, avail);
    if (spans.size() == 1) {
      text.assign(g.name, spans[0].begin, spans[0].end - spans[0].begin);
    } else if (spans.size() > 1) {
      const std::vector<LineSpan>& cut = f.measure(g.name, d.lang, font, avail - ellipsis_units);
      // Logical order: after reordering, the ellipsis ends a right-to-left
      // name at its left.
      text.assign(g.name, cut[0].begin, cut[0].end - cut[0].begin);
      text += ellipsis;
    }
    f.add_line(text, d.lang, st.toc_line, 0, false);
    s.line_group.push_back(static_cast<int>(gi));
  };
  if (d.regions.empty()) {
    for (size_t gi = 0; gi < d.groups.size(); ++gi) group_line(gi, toc);
    return;
  }
  // A region: a TOCI with its name, then a TOC of its groups.
  for (const DigestRegion& r : d.regions) {
    int32_t parent = toc;
    if (!r.name.empty()) {
      f.set_element(add(tree, Role::TOCI, toc));
      f.add_line(r.name, d.lang, st.toc_region, 8, true);
      s.line_group.push_back(-1);
      parent = add(tree, Role::TOC, toc);
    }
    for (size_t gi = r.first; gi < r.end && gi < d.groups.size(); ++gi) group_line(gi, parent);
  }
}

}  // namespace gz
