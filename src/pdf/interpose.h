// Faster paths through libharu 2.3.0, by symbol interposition.
//
// libharu calls the functions below through its PLT (and zlib's through the
// PLT too), so a definition in the program takes precedence over the
// library's. Each keeps its original's contract; tests/test_pdf_interpose.cc
// checks that against the originals (reached with dlsym(RTLD_NEXT)).
//
// - HPDF_MemCpy is libharu's byte-at-a-time copy, through which every write
//   to and read from its memory streams goes. Ours is memmove.
// - deflateInit_ (zlib): libharu compresses every stream at zlib's default
//   level, 6. At level 3 a digest is about 10 % larger and deflate costs a
//   third of the instructions (a 1,000-bulletin digest: 1.38 G instructions
//   at level 6, 1.16 G at level 3, 1.18 G at level 1, whose larger output
//   costs more to write). Only calls that ask for the default level are
//   changed; an explicit level is kept.
// - HPDF_FileWriter_New: while save_to_string() runs, HPDF_SaveToFile
//   writes into a string instead of a file, so that the document is not
//   held twice (HPDF_SaveToStream's memory stream, then a copy).
#pragma once

#include <hpdf.h>

#include <string>

namespace gz {

// Appends the document's bytes to out (HPDF_SaveToFile through the
// interposed HPDF_FileWriter_New); libharu's errors are left in doc.
void save_to_string(HPDF_Doc doc, std::string& out);

// The deflate level used where zlib's default is asked for.
inline constexpr int kPdfDeflateLevel = 3;

// True when the program's definitions are the ones libharu calls. Calling it
// also keeps them linked in from the static library.
bool libharu_interposed();

}  // namespace gz
