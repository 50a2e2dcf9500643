// Font sets for the layout and PDF tests: Noto Sans alone (the bundled
// family) and the main families of the default chain, from Debian's
// fonts-noto-core and fonts-noto-cjk (installed by scripts/bootstrap).
#pragma once

#include <string>
#include <string_view>

#include "base/utf8.h"
#include "text/font_set.h"

namespace gz::test {

inline const std::string kBundled = std::string(GAZETTE_SOURCE_DIR) + "/fonts";
inline const std::string kNoto = "/usr/share/fonts/truetype/noto";
inline const std::string kCjk = "/usr/share/fonts/opentype/noto";

inline FamilyFiles noto_family(const std::string& name, bool bold = true) {
  const std::string dir = name == "NotoSans" ? kBundled : kNoto;
  return {name, dir + "/" + name + "-Regular.ttf", bold ? dir + "/" + name + "-Bold.ttf" : "",
          name == "NotoSans" ? dir + "/NotoSans-Italic.ttf" : "", 0, {}};
}

// Noto Sans: regular, bold, italic.
inline const FontSet& noto_sans() {
  static const FontSet f = FontSet::load({noto_family("NotoSans")});
  return f;
}

// Noto Sans, then Arabic, Hebrew, Thai, Devanagari, Tamil, Sinhala, Korean
// and Japanese (regional faces of Noto Sans CJK) and Simplified Chinese.
inline const FontSet& all_fonts() {
  static const FontSet f = [] {
    auto cjk = [](unsigned index, std::vector<std::string> langs) {
      return FamilyFiles{"NotoSansCJK", kCjk + "/NotoSansCJK-Regular.ttc",
                         kCjk + "/NotoSansCJK-Bold.ttc", "", index, std::move(langs)};
    };
    return FontSet::load({noto_family("NotoSans"), noto_family("NotoSansArabic"),
                          noto_family("NotoSansHebrew"), noto_family("NotoSansThai"),
                          noto_family("NotoSansDevanagari"), noto_family("NotoSansTamil"),
                          noto_family("NotoSansSinhala"), cjk(0, {"ja"}), cjk(1, {"ko"}),
                          cjk(2, {})});
  }();
  return f;
}

// The width of text drawn glyph by glyph with face's nominal glyphs, no
// shaping (what a writer without a shaper measures), 1/1000 em.
inline int64_t nominal_units(const Face& face, std::string_view text) {
  int64_t sum = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c;
    i += utf8_decode(text.substr(i), &c);
    sum += face.advance(face.glyph(c));
  }
  return sum;
}

// The file name of a face.
inline std::string file_of(const FontSet& fonts, FaceId face) {
  const std::string& path = fonts[face].path();
  return path.substr(path.rfind('/') + 1) +
         (fonts[face].index() ? "#" + std::to_string(fonts[face].index()) : "");
}

}  // namespace gz::test
