#include "pdf/interpose.h"

#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_utils.h>
#include <hpdf_version.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

// The struct layout this relies on is that of the headers we compile
// against; a different libharu must be checked before it is allowed here.
static_assert(HPDF_VERSION_ID == 20300, "interpose.cc mirrors libharu 2.3.0");

namespace {

// The segment the thread's previous lookup ended in: a hint, checked before
// it is used, so a stale one (another font) costs only the check.
thread_local HPDF_UINT last_segment = 0;

}  // namespace

extern "C" HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
  auto attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  const HPDF_TTF_CmapRange& cmap = attr->cmap;
  if (cmap.format == 0) return cmap.glyph_id_array[unicode & 0xFF];
  if (cmap.seg_count_x2 == 0) {
    HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
    return 0;
  }
  const HPDF_UINT seg_count = cmap.seg_count_x2 / 2;
  // The first segment whose end is at or after unicode (the segments are
  // sorted by end code, as the TrueType spec requires). libharu searches
  // linearly.
  auto first_at_or_after = [&](HPDF_UINT i) {
    return i < seg_count && cmap.end_count[i] >= unicode &&
           (i == 0 || cmap.end_count[i - 1] < unicode);
  };
  HPDF_UINT i = last_segment;
  if (!first_at_or_after(i)) {
    if (first_at_or_after(i + 1)) {
      ++i;
    } else {
      i = HPDF_UINT(std::lower_bound(cmap.end_count, cmap.end_count + seg_count, unicode) -
                    cmap.end_count);
    }
  }
  if (i == seg_count) return 0;  // past the last segment (libharu would read past the end)
  last_segment = i;
  if (cmap.start_count[i] > unicode) return 0;
  if (cmap.id_range_offset[i] == 0) return HPDF_UINT16(unicode + cmap.id_delta[i]);
  HPDF_UINT idx = cmap.id_range_offset[i] / 2 + (unicode - cmap.start_count[i]) - (seg_count - i);
  if (idx >= cmap.glyph_id_array_count) return 0;  // libharu: ">", one past the end
  return HPDF_UINT16(cmap.glyph_id_array[idx] + cmap.id_delta[i]);
}

extern "C" HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  if (n != 0) std::memmove(out, in, n);
  return out + n;
}

extern "C" int deflateInit_(z_streamp strm, int level, const char* version, int stream_size) {
  if (level == Z_DEFAULT_COMPRESSION) level = gz::kPdfDeflateLevel;
  // What zlib's own deflateInit_ does (8 is zlib's DEF_MEM_LEVEL).
  return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
                       stream_size);
}

namespace gz {

bool libharu_interposed() {
  // What the dynamic linker resolves each name to, as libharu's PLT does.
  auto ours = [](const char* name, void* def) { return dlsym(RTLD_DEFAULT, name) == def; };
  return ours("HPDF_TTFontDef_GetGlyphid", reinterpret_cast<void*>(&HPDF_TTFontDef_GetGlyphid)) &&
         ours("HPDF_MemCpy", reinterpret_cast<void*>(&HPDF_MemCpy)) &&
         ours("deflateInit_", reinterpret_cast<void*>(&deflateInit_));
}

}  // namespace gz
