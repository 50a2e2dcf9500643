// Layout then PDF: the two phases that turn a Digest into bytes.
#pragma once

#include <string>

#include "base/byte_sink.h"
#include "layout/digest.h"
#include "pdf/document_info.h"
#include "text/font_set.h"

namespace gz {

struct RenderStats {
  int pages = 0;
};

// The digest's PDF, written to out as its pages are made; laid out tagged
// when info says the PDF is. With two_threads, the PDF writer draws and
// deflates each page on a second thread while layout sets the next: the
// same bytes, sooner, for a run with a core to spare (one digest, --jobs 2).
void render_pdf(const Digest& digest, const DocumentInfo& info, const FontSet& fonts, ByteSink& out,
                RenderStats* stats, bool two_threads = false);

}  // namespace gz
