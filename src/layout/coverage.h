// Text the fonts cannot draw, found before layout and reported as warnings,
// so that no box reaches a PDF unannounced.
#pragma once

#include "base/diag.h"
#include "layout/digest.h"
#include "layout/font_metrics.h"

namespace gz {

// For each bulletin of d (once, however many groups it is in), at its
// origin:
//  - a script that needs shaping libharu cannot draw (Devanagari and the
//    other Indic scripts, Sinhala, Tibetan, Myanmar, Khmer, Syriac...): one
//    warning per script, "Devanagari text needs shaping that Gazette cannot
//    draw"; the text is still drawn unshaped (boxes where no font has it),
//    so it stays searchable and copyable in the PDF;
//  - any other character no font of the chain has: one warning per code
//    point, with its Unicode name;
//  - a character beyond U+FFFF: libharu 2.3.0 draws it as U+FFFD.
// chain_name says whose fonts: "bundled font" or "font in [layout] fonts".
void check_coverage(const Digest& d, const FontSet& fonts, const std::string& chain_name,
                    Diagnostics& diags);

}  // namespace gz
