// A faster cmap lookup for libharu 2.3.0, by symbol interposition.
//
// libharu maps a code point to a glyph id with HPDF_TTFontDef_GetGlyphid,
// a linear search over the cmap's segments. It is called for every drawn
// character and, when a UTF-8 font is created, for all 65,536 BMP code
// points (to build the CIDToGIDMap): about 12 % of a digest's instructions
// and most of the fixed cost of each PDF (callgrind). libharu calls it
// through its PLT, so a definition in the program takes precedence; ours
// reads the same parsed cmap and binary-searches the segments (they are
// sorted by end code, as the TrueType spec requires). Results are identical,
// which tests/test_pdf*.cc checks against libharu's own function for every
// code point of every bundled font.
#pragma once

namespace gz {

// True when the program's definition is the one libharu calls. Calling it
// also keeps the definition linked in from the static library.
bool fast_glyph_lookup_active();

}  // namespace gz
