// Text the fonts cannot draw, found before layout and reported as warnings,
// so that no box reaches a PDF unannounced.
#pragma once

#include "base/diag.h"
#include "layout/digest.h"
#include "text/font_set.h"

namespace gz {

// For each bulletin of d (once, however many groups it is in), at its
// origin, one warning per code point that no font of the chain for the
// bulletin's language has, with its Unicode name; it is drawn as the first
// font's .notdef box. chain_name says whose fonts: "bundled font" or "font
// in [layout] fonts".
void check_coverage(const Digest& d, const FontSet& fonts, const std::string& chain_name,
                    Diagnostics& diags);

}  // namespace gz
