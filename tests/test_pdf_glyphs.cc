// The interposed cmap lookup (src/pdf/glyph_lookup.h) must give libharu's
// own answers.
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "pdf/glyph_lookup.h"

namespace {

using Lookup = HPDF_UINT16 (*)(HPDF_FontDef, HPDF_UINT16);

}  // namespace

BOOST_AUTO_TEST_SUITE(glyph_lookup)

BOOST_AUTO_TEST_CASE(is_the_one_libharu_calls) { BOOST_TEST(gz::fast_glyph_lookup_active()); }

BOOST_AUTO_TEST_CASE(agrees_with_libharu_for_every_bmp_code_point) {
  auto original = reinterpret_cast<Lookup>(dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid"));
  BOOST_TEST_REQUIRE(original != nullptr);
  BOOST_TEST_REQUIRE(reinterpret_cast<void*>(original) !=
                     reinterpret_cast<void*>(&HPDF_TTFontDef_GetGlyphid));
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  HPDF_UseUTFEncodings(pdf);
  for (const char* file : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"}) {
    std::string path = std::string(GAZETTE_SOURCE_DIR) + "/fonts/" + file;
    const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
    BOOST_TEST_REQUIRE(name != nullptr, path);
    HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
    int mismatches = 0, mapped = 0;
    for (unsigned c = 0; c <= 0xFFFF; ++c) {
      HPDF_UINT16 ours = HPDF_TTFontDef_GetGlyphid(def, HPDF_UINT16(c));
      mismatches += ours != original(def, HPDF_UINT16(c));
      mapped += ours != 0;
    }
    BOOST_TEST(mismatches == 0, file);
    BOOST_TEST(mapped > 2000, file);  // the fonts cover ~2,840 code points
  }
  // The script fonts of the fallback chain, CJK parts with some 20,000 glyphs.
  for (const char* file :
       {"NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf",
        "DroidSansFallback-Part1.ttf", "DroidSansFallback-Part2.ttf", "DroidSansFallback-Part3.ttf",
        "GazetteHangul-Regular.ttf"}) {
    std::string path = std::string(GAZETTE_SOURCE_DIR) + "/fonts/" + file;
    const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
    BOOST_TEST_REQUIRE(name != nullptr, path);
    HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
    int mismatches = 0;
    for (unsigned c = 0; c <= 0xFFFF; ++c) {
      mismatches += HPDF_TTFontDef_GetGlyphid(def, HPDF_UINT16(c)) != original(def, HPDF_UINT16(c));
    }
    BOOST_TEST(mismatches == 0, file);
  }
  HPDF_Free(pdf);
}

BOOST_AUTO_TEST_SUITE_END()
