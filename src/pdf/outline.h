// The outline (bookmarks) of a digest: an entry per group, closed, with an
// entry per item under it, each leading to its heading. Written as PDF text
// after libharu has saved the document (Appendix): libharu's outline
// objects took some 3 KB an entry, 150 MB for 50,000 bulletins.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <vector>

#include "layout/layout.h"
#include "pdf/appendix.h"
#include "pdf/hpdf_doc.h"

namespace gz {

class OutlineWriter {
 public:
  // The number of libharu's stand-in object that append() replaces (after
  // prepare()).
  uint32_t stand_in() const { return root_num_; }
  // Before libharu saves: a stand-in /Outlines in the catalog, and the page
  // mode that opens the document with the outline shown.
  void prepare(HpdfDoc& doc);
  // After: the outline of entries (document order: a group, level 0, then
  // its items), leading to pages (their object numbers).
  void append(Appendix& app, const std::vector<OutlineEntry>& entries,
              const std::vector<uint32_t>& pages) const;

 private:
  uint32_t root_num_ = 0;
};

}  // namespace gz
