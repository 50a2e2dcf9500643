#include "pdf/glyph_lookup.h"

#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_version.h>

#include <algorithm>

// The struct layout this relies on is that of the headers we compile
// against; a different libharu must be checked before it is allowed here.
static_assert(HPDF_VERSION_ID == 20300, "glyph_lookup.cc mirrors libharu 2.3.0's lookup");

extern "C" HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
  auto attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  const HPDF_TTF_CmapRange& cmap = attr->cmap;
  if (cmap.format == 0) return cmap.glyph_id_array[unicode & 0xFF];
  if (cmap.seg_count_x2 == 0) {
    HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
    return 0;
  }
  const HPDF_UINT seg_count = cmap.seg_count_x2 / 2;
  // The first segment whose end is at or after unicode. libharu searches
  // linearly; text is mostly in the first few segments (ASCII, Latin-1), so
  // look there first, then binary-search the rest.
  constexpr HPDF_UINT kProbe = 4;
  HPDF_UINT i = 0;
  while (i < kProbe && i < seg_count && cmap.end_count[i] < unicode) ++i;
  if (i == kProbe)
    i = HPDF_UINT(std::lower_bound(cmap.end_count + i, cmap.end_count + seg_count, unicode) -
                  cmap.end_count);
  if (i == seg_count) return 0;  // past the last segment (libharu would read past the end)
  if (cmap.start_count[i] > unicode) return 0;
  if (cmap.id_range_offset[i] == 0) return HPDF_UINT16(unicode + cmap.id_delta[i]);
  HPDF_UINT idx = cmap.id_range_offset[i] / 2 + (unicode - cmap.start_count[i]) - (seg_count - i);
  if (idx >= cmap.glyph_id_array_count) return 0;  // libharu: ">", one past the end
  return HPDF_UINT16(cmap.glyph_id_array[idx] + cmap.id_delta[i]);
}

namespace gz {

bool fast_glyph_lookup_active() {
  // What the dynamic linker resolves the name to, as libharu's PLT does.
  void* resolved = dlsym(RTLD_DEFAULT, "HPDF_TTFontDef_GetGlyphid");
  return resolved == reinterpret_cast<void*>(&HPDF_TTFontDef_GetGlyphid);
}

}  // namespace gz
