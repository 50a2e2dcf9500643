// The logical structure of a tagged PDF (ISO 32000-1 14.7, PDF/UA-1): the
// structure tree of layout's elements, the marked-content ids the content
// streams give them, the parent tree that maps each id (and each link
// annotation) back to its element, and the catalog's and pages' entries
// that say the document is tagged. libharu has no structure API: the tree
// is built from its object API (dictionaries, arrays, references).
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.h"
#include "pdf/hpdf_doc.h"

namespace gz {

// The marked-content tag of an element's text ("P", "H1", "Link").
const char* role_name(Role role);

class StructureWriter {
 public:
  StructureWriter(HpdfDoc& doc, const std::vector<Element>& elements, size_t pages);

  // A new marked-content id on page for text of elem (ids count from 0 on
  // each page); the element's next kid.
  int mcid(size_t page, int32_t elem);
  // A link annotation of elem on page: /StructParent, /Contents and the
  // element's next kid (an object reference).
  void annotation(size_t page, HPDF_Annotation annot, int32_t elem, std::string_view contents);

  // Writes the elements that have content (and their ancestors), the
  // parent tree, /StructParents and /Tabs on the pages, and the catalog's
  // /StructTreeRoot, /MarkInfo, /Lang and /ViewerPreferences.
  void finish(const std::vector<HPDF_Page>& pages, const std::string& lang);

 private:
  struct Kid {
    int32_t child = -1;  // an element, or -1 for content
    uint32_t page = 0;
    int32_t mcid = -1;  // marked content, or -1 for annot
    HPDF_Dict annot = nullptr;
  };
  void attach(int32_t elem);

  HpdfDoc& doc_;
  const std::vector<Element>& elements_;
  std::vector<std::vector<Kid>> kids_;
  std::vector<uint8_t> attached_;
  std::vector<std::vector<int32_t>> page_mcids_;       // per page: the element of each id
  std::vector<std::pair<HPDF_Dict, int32_t>> annots_;  // StructParent pages.size() + i
};

// text as a PDF text string object: UTF-16BE with a byte order mark, as hex
// (code points beyond the BMP as surrogate pairs).
HPDF_Binary pdf_text_string(HpdfDoc& doc, std::string_view utf8);

}  // namespace gz
