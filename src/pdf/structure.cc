#include "pdf/structure.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

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
    case Role::P:
      return "P";
    case Role::TOC:
      return "TOC";
    case Role::TOCI:
      return "TOCI";
    case Role::Link:
      return "Link";
  }
  return "P";
}

HPDF_Binary pdf_text_string(HpdfDoc& doc, std::string_view utf8) {
  std::string hex = "FEFF";
  utf16_hex(utf8, hex);
  std::string bytes(hex.size() / 2, '\0');
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return HPDF_Binary_New(doc.get()->mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                         static_cast<HPDF_UINT>(bytes.size()));
}

StructureWriter::StructureWriter(HpdfDoc& doc, const std::vector<Element>& elements, size_t pages)
    : doc_(doc),
      elements_(elements),
      kids_(elements.size()),
      attached_(elements.size(), 0),
      page_mcids_(pages) {
  if (!attached_.empty()) attached_[0] = 1;  // the Document
}

// Makes elem a kid of its parent, after the kids the parent has: elements
// come into the tree in the order of their first content, reading order.
void StructureWriter::attach(int32_t elem) {
  if (attached_[elem]) return;
  attached_[elem] = 1;
  const int32_t parent = elements_[elem].parent;
  attach(parent);
  kids_[parent].push_back(Kid{elem, 0, -1, nullptr});
}

int StructureWriter::mcid(size_t page, int32_t elem) {
  attach(elem);
  const int id = static_cast<int>(page_mcids_[page].size());
  page_mcids_[page].push_back(elem);
  kids_[elem].push_back(Kid{-1, static_cast<uint32_t>(page), id, nullptr});
  return id;
}

void StructureWriter::annotation(size_t page, HPDF_Annotation annot, int32_t elem,
                                 std::string_view contents) {
  attach(elem);
  HPDF_Dict_AddNumber(annot, "StructParent",
                      static_cast<HPDF_INT32>(page_mcids_.size() + annots_.size()));
  HPDF_Dict_Add(annot, "Contents", pdf_text_string(doc_, contents));
  annots_.emplace_back(annot, elem);
  kids_[elem].push_back(Kid{-1, static_cast<uint32_t>(page), -1, annot});
}

void StructureWriter::finish(const std::vector<HPDF_Page>& pages, const std::string& lang) {
  HPDF_MMgr mmgr = doc_.get()->mmgr;
  HPDF_Xref xref = doc_.get()->xref;
  auto indirect = [&](HPDF_Dict d) {
    if (d) HPDF_Xref_Add(xref, d);
    return d;
  };

  HPDF_Dict root = indirect(HPDF_Dict_New(mmgr));
  HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
  // Every element on the way to content exists; one without content (an
  // empty paragraph) is left out, as it would be an empty element.
  std::vector<HPDF_Dict> dicts(elements_.size(), nullptr);
  for (size_t e = 0; e < elements_.size(); ++e) {
    if (attached_[e]) dicts[e] = indirect(HPDF_Dict_New(mmgr));
  }
  for (size_t e = 0; e < elements_.size(); ++e) {
    HPDF_Dict d = dicts[e];
    if (!d) continue;
    const Element& el = elements_[e];
    // (/Type /StructElem is optional: left out, as it would be some 20 %
    // of the tree's bytes.)
    HPDF_Dict_AddName(d, "S", role_name(el.role));
    HPDF_Dict_Add(d, "P", el.parent < 0 ? root : dicts[el.parent]);
    if (!el.lang.empty()) HPDF_Dict_Add(d, "Lang", HPDF_String_New(mmgr, el.lang.c_str(), nullptr));
    // The element's page is that of its first marked content; ids on other
    // pages are marked-content references naming theirs.
    int64_t pg = -1;
    for (const Kid& k : kids_[e]) {
      if (k.child < 0 && k.mcid >= 0) {
        pg = k.page;
        break;
      }
    }
    if (pg >= 0) HPDF_Dict_Add(d, "Pg", pages[pg]);
    HPDF_Array kids = HPDF_Array_New(mmgr);
    for (const Kid& k : kids_[e]) {
      if (k.child >= 0) {
        HPDF_Array_Add(kids, dicts[k.child]);
      } else if (k.mcid >= 0 && k.page == pg) {
        HPDF_Array_AddNumber(kids, k.mcid);
      } else if (k.mcid >= 0) {
        HPDF_Dict mcr = HPDF_Dict_New(mmgr);
        HPDF_Dict_AddName(mcr, "Type", "MCR");
        HPDF_Dict_Add(mcr, "Pg", pages[k.page]);
        HPDF_Dict_AddNumber(mcr, "MCID", k.mcid);
        HPDF_Array_Add(kids, mcr);
      } else {
        HPDF_Dict objr = HPDF_Dict_New(mmgr);
        HPDF_Dict_AddName(objr, "Type", "OBJR");
        HPDF_Dict_Add(objr, "Pg", pages[k.page]);
        HPDF_Dict_Add(objr, "Obj", k.annot);
        HPDF_Array_Add(kids, objr);
      }
    }
    HPDF_Dict_Add(d, "K", kids);
  }
  if (!dicts.empty() && dicts[0]) HPDF_Dict_Add(root, "K", dicts[0]);

  // The parent tree: a number tree with one flat /Nums array, each page's
  // entry an array of its ids' elements, each annotation's its element.
  HPDF_Dict parent_tree = indirect(HPDF_Dict_New(mmgr));
  HPDF_Array nums = HPDF_Array_New(mmgr);
  for (size_t p = 0; p < pages.size(); ++p) {
    HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(p));
    HPDF_Array ids = HPDF_Array_New(mmgr);
    for (int32_t e : page_mcids_[p]) HPDF_Array_Add(ids, dicts[e]);
    HPDF_Array_Add(nums, ids);
    HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p));
    HPDF_Dict_AddName(pages[p], "Tabs", "S");  // tab through links in structure order
  }
  for (size_t i = 0; i < annots_.size(); ++i) {
    HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(pages.size() + i));
    HPDF_Array_Add(nums, dicts[annots_[i].second]);
  }
  HPDF_Dict_Add(parent_tree, "Nums", nums);
  HPDF_Dict_Add(root, "ParentTree", parent_tree);
  HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
                      static_cast<HPDF_INT32>(pages.size() + annots_.size()));

  HPDF_Dict catalog = doc_.get()->catalog;
  HPDF_Dict_Add(catalog, "StructTreeRoot", root);
  HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
  HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
  HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
  // BCP 47 tags are ASCII: a literal string.
  if (!lang.empty()) HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(mmgr, lang.c_str(), nullptr));
  HPDF_Dict prefs = HPDF_Dict_New(mmgr);
  HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
  HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
  doc_.check("cannot write the structure tree");
}

}  // namespace gz
