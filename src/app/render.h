// Layout then PDF: the two phases that turn a Digest into bytes.
#pragma once

#include <string>

#include "layout/digest.h"
#include "text/font_set.h"

namespace gz {

struct RenderStats {
  int pages = 0;
};

std::string render_pdf(const Digest& digest, const FontSet& fonts, RenderStats* stats);

}  // namespace gz
