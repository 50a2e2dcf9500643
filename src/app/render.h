// Layout then PDF: the two phases that turn a Digest into bytes.
#pragma once

#include <string>

#include "base/byte_sink.h"
#include "layout/digest.h"
#include "text/font_set.h"

namespace gz {

struct RenderStats {
  int pages = 0;
};

// The digest's PDF, written to out as its pages are made.
void render_pdf(const Digest& digest, const FontSet& fonts, ByteSink& out, RenderStats* stats);

}  // namespace gz
