// The logical structure of a tagged PDF (ISO 32000-1 14.7, PDF/UA-1): the
// structure tree of layout's elements, the marked-content ids the content
// streams give them, the parent tree that maps each id (and each link
// annotation) back to its element, and the catalog's and pages' entries
// that say the document is tagged.
//
// libharu has no structure API, and its objects cost some 300 bytes a
// dictionary entry (a 128-byte key, a 128-byte name): a tree of a million
// elements would take gigabytes. So the tree is written by Gazette as PDF
// text after libharu has saved the document: its objects are appended and
// the cross-reference table is written again, the /StructTreeRoot stand-in
// that libharu wrote replaced by the real one. Memory is 12 bytes per kid
// while pages are written.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.h"
#include "pdf/appendix.h"
#include "pdf/hpdf_doc.h"

namespace gz {

// The marked-content tag of an element's text ("P", "H1", "Link").
const char* role_name(Role role);

class StructureWriter {
 public:
  // The number of libharu's stand-in object that append() replaces (after
  // prepare()).
  uint32_t stand_in() const { return root_num_; }
  // The elements (layout's tree: it may grow between calls, never shrink).
  void set_elements(const std::vector<Element>* elements) { elements_ = elements; }

  // The /Alt of Figure elements (the document has one: its logo).
  void set_figure_alt(std::string alt) { figure_alt_ = std::move(alt); }

  // A new marked-content id on page for text of elem (ids count from 0 on
  // each page); the element's next kid. Pages in any order; a page's ids in
  // order.
  int mcid(size_t page, int32_t elem);
  // The number of pages, once every page's text is written and before the
  // first annotation.
  void set_pages(size_t pages);
  // A link annotation of elem on page, object annot: the element's next kid
  // (an object reference). Returns the annotation's /StructParent.
  uint32_t annotation(size_t page, uint32_t annot, int32_t elem);

  // Before libharu saves: the catalog's /MarkInfo, /Lang,
  // /ViewerPreferences and a stand-in /StructTreeRoot. (The pages'
  // /StructParents, their index, and /Tabs are the page writer's.)
  void prepare(HpdfDoc& doc, const std::string& lang);
  // The pages' object numbers, before append().
  void set_page_objects(std::vector<uint32_t> nums) { page_nums_ = std::move(nums); }
  // After: appends the tree (the elements that have content and their
  // ancestors; among siblings, elements in the order of the tree, which is
  // reading order, and each element's content as it was written) and the
  // parent tree to pdf, libharu's bytes, and writes the cross-reference
  // table and trailer again.
  void append(Appendix& app) const;
  // At least the bytes append() adds, so that they need no reallocation.
  size_t size_estimate() const;

 private:
  enum Kind : uint32_t { Child, Content, Annot };
  struct Event {  // elem's next kid
    int32_t elem;
    uint32_t value;  // the child element, the marked-content id, the annotation's object
    uint32_t page : 30;
    uint32_t kind : 2;
  };
  void attach(int32_t elem);

  const std::vector<Element>* elements_ = nullptr;
  std::vector<Event> events_;
  std::vector<uint8_t> attached_;
  std::vector<uint32_t> mcids_;      // per page: ids given
  std::vector<uint32_t> page_nums_;  // per page: object number
  uint32_t root_num_ = 0;
  uint32_t annots_ = 0;
  std::string figure_alt_;
};

}  // namespace gz
