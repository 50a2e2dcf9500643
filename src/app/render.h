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
// when info says the PDF is.
void render_pdf(const Digest& digest, const DocumentInfo& info, const FontSet& fonts, ByteSink& out,
                RenderStats* stats);

}  // namespace gz
