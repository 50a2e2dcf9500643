#include "pdf/interpose.h"

#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <hpdf_version.h>
#include <zlib.h>

#include <cstring>
#include <string>

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

namespace {

// Where HPDF_SaveToFile writes on this thread, when save_to_string() calls it.
thread_local std::string* save_target = nullptr;

HPDF_STATUS append_to_target(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(ptr), size);
  return HPDF_OK;
}

}  // namespace

extern "C" HPDF_Stream HPDF_FileWriter_New(HPDF_MMgr mmgr, const char* fname) {
  if (save_target) return HPDF_CallbackWriter_New(mmgr, append_to_target, save_target);
  using Original = HPDF_Stream (*)(HPDF_MMgr, const char*);
  static const auto original = reinterpret_cast<Original>(dlsym(RTLD_NEXT, "HPDF_FileWriter_New"));
  return original ? original(mmgr, fname) : nullptr;
}

namespace gz {

void save_to_string(HPDF_Doc doc, std::string& out) {
  save_target = &out;
  HPDF_SaveToFile(doc, "gazette-never-a-file.pdf");
  save_target = nullptr;
}

bool libharu_interposed() {
  // What the dynamic linker resolves each name to, as libharu's PLT does.
  auto ours = [](const char* name, void* def) { return dlsym(RTLD_DEFAULT, name) == def; };
  return ours("HPDF_MemCpy", reinterpret_cast<void*>(&HPDF_MemCpy)) &&
         ours("deflateInit_", reinterpret_cast<void*>(&deflateInit_)) &&
         ours("HPDF_FileWriter_New", reinterpret_cast<void*>(&HPDF_FileWriter_New));
}

}  // namespace gz
