#include "pdf/structure.h"

#include <algorithm>

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "base/diag.h"
#include "base/utf8.h"
#include "pdf/font_embed.h"

namespace gz {

const char* role_name(Role role) {
  switch (role) {
    case Role::Document:
      return "Document";
    case Role::Sect:
      return "Sect";
    case Role::H1:
      return "H1";
    case Role::H2:
      return "H2";
    case Role::H3:
      return "H3";
    case Role::H4:
      return "H4";
    case Role::H5:
      return "H5";
    case Role::H6:
      return "H6";
    case Role::P:
      return "P";
    case Role::L:
      return "L";
    case Role::LI:
      return "LI";
    case Role::Lbl:
      return "Lbl";
    case Role::LBody:
      return "LBody";
    case Role::TOC:
      return "TOC";
    case Role::TOCI:
      return "TOCI";
    case Role::Link:
      return "Link";
    case Role::Figure:
      return "Figure";
    case Role::Table:
      return "Table";
    case Role::TR:
      return "TR";
    case Role::TH:
      return "TH";
    case Role::TD:
      return "TD";
  }
  return "P";
}

// Makes elem a kid of its parent (the order among siblings is settled by
// append()).
void StructureWriter::attach(int32_t elem) {
  if (static_cast<size_t>(elem) >= attached_.size()) attached_.resize(elements_->size(), 0);
  if (attached_[elem]) return;
  attached_[elem] = 1;
  const int32_t parent = (*elements_)[elem].parent;
  if (parent < 0) return;  // the Document
  attach(parent);
  events_.push_back(Event{parent, static_cast<uint32_t>(elem), 0, Child});
}

int StructureWriter::mcid(size_t page, int32_t elem) {
  attach(elem);
  if (page >= mcids_.size()) mcids_.resize(page + 1, 0);
  const uint32_t id = mcids_[page]++;
  events_.push_back(Event{elem, id, static_cast<uint32_t>(page), Content});
  return static_cast<int>(id);
}

void StructureWriter::set_pages(size_t pages) {
  if (pages >= mcids_.size()) mcids_.resize(pages, 0);
}

uint32_t StructureWriter::annotation(size_t page, uint32_t annot, int32_t elem) {
  attach(elem);
  events_.push_back(Event{elem, annot, static_cast<uint32_t>(page), Annot});
  return static_cast<uint32_t>(mcids_.size()) + annots_++;
}

void StructureWriter::prepare(HpdfDoc& doc, const std::string& lang) {
  HPDF_MMgr mmgr = doc.get()->mmgr;
  HPDF_Dict root = HPDF_Dict_New(mmgr);
  HPDF_Xref_Add(doc.get()->xref, root);
  HPDF_Dict_AddName(root, "Type", "StructTreeRoot");  // replaced by append()
  root_num_ = root->header.obj_id & 0x00FFFFFF;

  HPDF_Dict catalog = doc.get()->catalog;
  HPDF_Dict_Add(catalog, "StructTreeRoot", root);
  HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
  HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
  HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
  // BCP 47 tags are ASCII: a literal string.
  if (!lang.empty()) HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(mmgr, lang.c_str(), nullptr));
  HPDF_Dict prefs = HPDF_Dict_New(mmgr);
  HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
  HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
  doc.check("cannot write the structure tree");
}

namespace {

void ref(uint32_t num, std::string& out) {
  out += std::to_string(num);
  out += " 0 R";
}

// A BCP 47 tag as a literal string (it is ASCII; anything else is dropped).
void literal(const std::string& s, std::string& out) {
  out += '(';
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  }
  out += ')';
}

}  // namespace

size_t StructureWriter::size_estimate() const {
  // An element: its object (under 80 bytes with 7-digit numbers) and its
  // cross-reference entry; a kid: at most a marked-content reference
  // (about 40 bytes) and its parent-tree entry.
  return 100 * elements_->size() + 60 * events_.size() + 16 * mcids_.size() + 4096;
}

void StructureWriter::append(Appendix& app) const {
  std::string& pdf = app.pdf();
  const std::vector<Element>& elements_ = *this->elements_;
  std::vector<uint8_t> attached = attached_;
  attached.resize(elements_.size(), 0);
  if (!attached.empty()) attached[0] = 1;  // the Document
  // Object numbers: the elements in the tree from count on, then the
  // parent tree.
  std::vector<uint32_t> num(elements_.size(), 0);
  for (size_t e = 0; e < elements_.size(); ++e) {
    if (attached[e]) num[e] = app.reserve();
  }
  const uint32_t parent_tree = app.reserve();

  // Each element's kids in order: the events grouped by element, stably.
  std::vector<uint32_t> first(elements_.size() + 1, 0);
  for (const Event& ev : events_) ++first[ev.elem + 1];
  for (size_t e = 0; e < elements_.size(); ++e) first[e + 1] += first[e];
  std::vector<uint32_t> order(events_.size());
  {
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (uint32_t i = 0; i < events_.size(); ++i) order[fill[events_[i].elem]++] = i;
  }
  // Pages are not written in reading order (the contents come after the
  // body): an element's child elements go in the order of the tree.
  {
    std::vector<uint32_t> slots, kids;
    for (size_t e = 0; e < elements_.size(); ++e) {
      slots.clear();
      kids.clear();
      for (uint32_t k = first[e]; k < first[e + 1]; ++k) {
        if (events_[order[k]].kind == Child) slots.push_back(k), kids.push_back(order[k]);
      }
      std::sort(kids.begin(), kids.end(),
                [&](uint32_t a, uint32_t b) { return events_[a].value < events_[b].value; });
      for (size_t n = 0; n < slots.size(); ++n) order[slots[n]] = kids[n];
    }
  }

  auto begin_obj = [&](uint32_t n) { app.begin(n); };

  begin_obj(root_num_);
  pdf += "<</Type /StructTreeRoot /K ";
  ref(num[0], pdf);
  pdf += " /ParentTree ";
  ref(parent_tree, pdf);
  pdf += " /ParentTreeNextKey " + std::to_string(mcids_.size() + annots_) + ">>\nendobj\n";

  for (size_t e = 0; e < elements_.size(); ++e) {
    if (!attached[e]) continue;
    const Element& el = elements_[e];
    // The element's page is that of its first marked content; ids on other
    // pages are marked-content references naming theirs.
    int64_t pg = -1;
    for (uint32_t k = first[e]; k < first[e + 1]; ++k) {
      if (events_[order[k]].kind == Content) {
        pg = events_[order[k]].page;
        break;
      }
    }
    begin_obj(num[e]);
    pdf += "<</S /";
    pdf += role_name(el.role);
    pdf += " /P ";
    ref(el.parent < 0 ? root_num_ : num[el.parent], pdf);
    if (pg >= 0) {
      pdf += " /Pg ";
      ref(page_nums_[pg], pdf);
    }
    if (!el.lang.empty()) {
      pdf += " /Lang ";
      literal(el.lang, pdf);
    }
    if (el.role == Role::TH) {
      // A region's name spans the table's two columns and heads its row.
      pdf += el.row_header ? " /A <</O /Table /Scope /Row /ColSpan 2>>"
                           : " /A <</O /Table /Scope /Column>>";
    }
    if (el.role == Role::Figure) {
      pdf += " /Alt <FEFF";
      utf16_hex(figure_alt_, pdf);
      pdf += '>';
    }
    pdf += " /K [";
    for (uint32_t k = first[e]; k < first[e + 1]; ++k) {
      const Event& ev = events_[order[k]];
      pdf += k == first[e] ? "" : " ";
      if (ev.kind == Child) {
        ref(num[ev.value], pdf);
      } else if (ev.kind == Content && ev.page == pg) {
        pdf += std::to_string(ev.value);
      } else if (ev.kind == Content) {
        pdf += "<</Type /MCR /Pg ";
        ref(page_nums_[ev.page], pdf);
        pdf += " /MCID " + std::to_string(ev.value) + ">>";
      } else {
        pdf += "<</Type /OBJR /Pg ";
        ref(page_nums_[ev.page], pdf);
        pdf += " /Obj ";
        ref(ev.value, pdf);
        pdf += ">>";
      }
    }
    pdf += "]>>\nendobj\n";
  }

  // The parent tree, one flat /Nums array: each page's ids' elements, then
  // each annotation's element. A page's ids come in order, pages in any.
  std::vector<uint32_t> on_page(mcids_.size() + 1, 0);
  for (const Event& ev : events_) {
    if (ev.kind == Content) ++on_page[ev.page + 1];
  }
  for (size_t p = 0; p < mcids_.size(); ++p) on_page[p + 1] += on_page[p];
  std::vector<uint32_t> by_page(on_page.back());
  {
    std::vector<uint32_t> fill(on_page.begin(), on_page.end() - 1);
    for (uint32_t i = 0; i < events_.size(); ++i) {
      if (events_[i].kind == Content) by_page[fill[events_[i].page]++] = i;
    }
  }
  begin_obj(parent_tree);
  pdf += "<</Nums [";
  for (size_t page = 0; page < mcids_.size(); ++page) {
    pdf += std::to_string(page) + " [";
    for (uint32_t k = on_page[page]; k < on_page[page + 1]; ++k) {
      if (k > on_page[page]) pdf += ' ';
      ref(num[events_[by_page[k]].elem], pdf);
    }
    pdf += "]\n";
    app.spill();
  }
  uint32_t key = static_cast<uint32_t>(mcids_.size());
  for (const Event& ev : events_) {
    if (ev.kind != Annot) continue;
    pdf += std::to_string(key++) + " ";
    ref(num[ev.elem], pdf);
    pdf += '\n';
    app.spill();
  }
  pdf += "]>>\nendobj\n";
}

}  // namespace gz
