#include "pdf/structure.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

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

StructureWriter::StructureWriter(const std::vector<Element>& elements, size_t pages)
    : elements_(elements), attached_(elements.size(), 0), mcids_(pages, 0) {
  if (!attached_.empty()) attached_[0] = 1;  // the Document
}

// Makes elem a kid of its parent, after the kids the parent has: elements
// come into the tree in the order of their first content, reading order.
void StructureWriter::attach(int32_t elem) {
  if (attached_[elem]) return;
  attached_[elem] = 1;
  const int32_t parent = elements_[elem].parent;
  attach(parent);
  events_.push_back(Event{parent, static_cast<uint32_t>(elem), 0, Child});
}

int StructureWriter::mcid(size_t page, int32_t elem) {
  attach(elem);
  const uint32_t id = mcids_[page]++;
  events_.push_back(Event{elem, id, static_cast<uint32_t>(page), Content});
  return static_cast<int>(id);
}

void StructureWriter::annotation(HpdfDoc& doc, size_t page, HPDF_Annotation annot, int32_t elem,
                                 std::string_view contents) {
  attach(elem);
  HPDF_Dict_AddNumber(annot, "StructParent", static_cast<HPDF_INT32>(mcids_.size() + annots_++));
  HPDF_Dict_Add(annot, "Contents", pdf_text_string(doc, contents));
  events_.push_back(
      Event{elem, annot->header.obj_id & 0x00FFFFFF, static_cast<uint32_t>(page), Annot});
}

void StructureWriter::prepare(HpdfDoc& doc, const std::vector<HPDF_Page>& pages,
                              const std::string& lang) {
  HPDF_MMgr mmgr = doc.get()->mmgr;
  for (HPDF_Page page : pages) {
    page_nums_.push_back(page->header.obj_id & 0x00FFFFFF);
    HPDF_Dict_AddNumber(page, "StructParents", static_cast<HPDF_INT32>(page_nums_.size() - 1));
    HPDF_Dict_AddName(page, "Tabs", "S");  // tab through links in structure order
  }
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

[[noreturn]] void malformed() {
  fail_runtime("libharu", "cannot add the structure tree: unexpected cross-reference table");
}

}  // namespace

size_t StructureWriter::size_estimate() const {
  // An element: its object (under 80 bytes with 7-digit numbers) and its
  // cross-reference entry; a kid: at most a marked-content reference
  // (about 40 bytes) and its parent-tree entry.
  return 100 * elements_.size() + 60 * events_.size() + 16 * mcids_.size() + 4096;
}

void StructureWriter::append(std::string& pdf) const {
  // libharu's end: "xref\n0 N\n" and N entries of 20 bytes, "trailer\n<<
  // ... /Size N\n>>\nstartxref\nOFFSET\n%%EOF\n".
  const size_t sx = pdf.rfind("startxref\n");
  if (sx == std::string::npos) malformed();
  const size_t xref = std::stoul(pdf.substr(sx + 10, 20));
  if (pdf.compare(xref, 7, "xref\n0 ") != 0) malformed();
  const size_t count_end = pdf.find('\n', xref + 7);
  const size_t count = std::stoul(pdf.substr(xref + 7, count_end - xref - 7));
  const size_t entries = count_end + 1;
  const size_t trailer = entries + 20 * count;
  if (pdf.compare(trailer, 8, "trailer\n") != 0 || root_num_ >= count) malformed();
  std::string old_entries = pdf.substr(entries, 20 * count);
  std::string trailer_dict = pdf.substr(trailer, sx - trailer);
  const size_t size_at = trailer_dict.find("/Size ");
  if (size_at == std::string::npos) malformed();
  pdf.resize(xref);

  // Object numbers: the elements in the tree from count on, then the
  // parent tree.
  std::vector<uint32_t> num(elements_.size(), 0);
  uint32_t next = static_cast<uint32_t>(count);
  for (size_t e = 0; e < elements_.size(); ++e) {
    if (attached_[e]) num[e] = next++;
  }
  const uint32_t parent_tree = next++;

  // Each element's kids in order: the events grouped by element, stably.
  std::vector<uint32_t> first(elements_.size() + 1, 0);
  for (const Event& ev : events_) ++first[ev.elem + 1];
  for (size_t e = 0; e < elements_.size(); ++e) first[e + 1] += first[e];
  std::vector<uint32_t> order(events_.size());
  {
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (uint32_t i = 0; i < events_.size(); ++i) order[fill[events_[i].elem]++] = i;
  }

  std::vector<size_t> offsets(next - count, 0);
  size_t root_offset = 0;
  std::string o;
  auto begin_obj = [&](uint32_t n) {
    if (n == root_num_) {
      root_offset = pdf.size();
    } else {
      offsets[n - count] = pdf.size();
    }
    pdf += std::to_string(n);
    pdf += " 0 obj\n";
  };

  begin_obj(root_num_);
  pdf += "<</Type /StructTreeRoot /K ";
  ref(num[0], pdf);
  pdf += " /ParentTree ";
  ref(parent_tree, pdf);
  pdf += " /ParentTreeNextKey " + std::to_string(mcids_.size() + annots_) + ">>\nendobj\n";

  for (size_t e = 0; e < elements_.size(); ++e) {
    if (!attached_[e]) continue;
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
  // each annotation's element. Events come page by page, ids in order.
  begin_obj(parent_tree);
  pdf += "<</Nums [";
  size_t i = 0;
  for (size_t page = 0; page < mcids_.size(); ++page) {
    pdf += std::to_string(page) + " [";
    bool first_id = true;
    for (; i < events_.size(); ++i) {
      const Event& ev = events_[i];
      if (ev.kind != Content) continue;
      if (ev.page != page) break;
      if (!first_id) pdf += ' ';
      ref(num[ev.elem], pdf);
      first_id = false;
    }
    pdf += "]\n";
  }
  uint32_t key = static_cast<uint32_t>(mcids_.size());
  for (const Event& ev : events_) {
    if (ev.kind != Annot) continue;
    pdf += std::to_string(key++) + " ";
    ref(num[ev.elem], pdf);
    pdf += '\n';
  }
  pdf += "]>>\nendobj\n";

  // The cross-reference table again: libharu's entries, the root's moved,
  // then the new objects.
  const size_t new_xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(next) + "\n";
  char entry[32];
  std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", root_offset);
  old_entries.replace(20 * root_num_, 20, entry, 20);
  pdf += old_entries;
  for (size_t off : offsets) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", off);
    pdf.append(entry, 20);
  }
  const size_t size_end = trailer_dict.find('\n', size_at);
  trailer_dict.replace(size_at, size_end - size_at, "/Size " + std::to_string(next));
  pdf += trailer_dict;
  pdf += "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
}

}  // namespace gz
