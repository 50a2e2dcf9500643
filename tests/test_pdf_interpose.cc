// The functions interposed on libharu and zlib (src/pdf/interpose.h) must
// keep their originals' contracts.
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_utils.h>
#include <zlib.h>

#include <boost/test/unit_test.hpp>
#include <numeric>
#include <string>
#include <vector>

#include "pdf/interpose.h"

namespace {

using Lookup = HPDF_UINT16 (*)(HPDF_FontDef, HPDF_UINT16);

}  // namespace

BOOST_AUTO_TEST_SUITE(interpose)

BOOST_AUTO_TEST_CASE(ours_are_the_ones_libharu_calls) { BOOST_TEST(gz::libharu_interposed()); }

BOOST_AUTO_TEST_CASE(memcpy_copies_and_returns_the_end) {
  using Copy = HPDF_BYTE* (*)(HPDF_BYTE*, const HPDF_BYTE*, HPDF_UINT);
  auto original = reinterpret_cast<Copy>(dlsym(RTLD_NEXT, "HPDF_MemCpy"));
  BOOST_TEST_REQUIRE(original != nullptr);
  std::vector<HPDF_BYTE> in(1000);
  std::iota(in.begin(), in.end(), HPDF_BYTE(7));
  for (HPDF_UINT n : {0u, 1u, 7u, 1000u}) {
    std::vector<HPDF_BYTE> ours(1000, 0), theirs(1000, 0);
    BOOST_TEST(HPDF_MemCpy(ours.data(), in.data(), n) == ours.data() + n);
    BOOST_TEST(original(theirs.data(), in.data(), n) == theirs.data() + n);
    BOOST_TEST(ours == theirs);
  }
}

namespace {

std::string deflate_with(int (*init)(z_streamp, int, const char*, int), int level,
                         const std::string& text) {
  z_stream z{};
  BOOST_REQUIRE(init(&z, level, ZLIB_VERSION, int(sizeof(z_stream))) == Z_OK);
  std::string out(deflateBound(&z, uLong(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = uInt(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  BOOST_REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(deflate_default_level_becomes_ours_and_others_are_kept) {
  using Init = int (*)(z_streamp, int, const char*, int);
  auto original = reinterpret_cast<Init>(dlsym(RTLD_NEXT, "deflateInit_"));
  BOOST_TEST_REQUIRE(original != nullptr);
  BOOST_TEST_REQUIRE(reinterpret_cast<void*>(original) != reinterpret_cast<void*>(&deflateInit_));
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "BT /F1 10 Tf 56 " + std::to_string(i * 7 % 800) + " Td <0041> Tj ET\n";
  BOOST_TEST(deflate_with(&deflateInit_, Z_DEFAULT_COMPRESSION, text) ==
             deflate_with(original, gz::kPdfDeflateLevel, text));
  BOOST_TEST(deflate_with(&deflateInit_, Z_DEFAULT_COMPRESSION, text) !=
             deflate_with(original, Z_DEFAULT_COMPRESSION, text));
  for (int level : {0, 1, 6, 9})
    BOOST_TEST(deflate_with(&deflateInit_, level, text) == deflate_with(original, level, text));
}

BOOST_AUTO_TEST_SUITE_END()
