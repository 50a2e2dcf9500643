#include "pdf/interpose.h"

#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_utils.h>
#include <hpdf_version.h>
#include <zlib.h>

#include <cstring>

// The struct layout this relies on is that of the headers we compile
// against; a different libharu must be checked before it is allowed here.
static_assert(HPDF_VERSION_ID == 20300, "interpose.cc mirrors libharu 2.3.0");

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
  return ours("HPDF_MemCpy", reinterpret_cast<void*>(&HPDF_MemCpy)) &&
         ours("deflateInit_", reinterpret_cast<void*>(&deflateInit_));
}

}  // namespace gz
