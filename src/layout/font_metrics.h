// Font metrics as data: advance widths and coverage per code point, read once
// per font file with FreeType, so layout measures text without libharu.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gz {

class FontMetrics {
 public:
  // Advance of c in 1/1000 em, as libharu writes it into the PDF's /W array:
  // hmtx advance * 1000 / unitsPerEm, truncated. An uncovered code point is
  // drawn as glyph 0 (.notdef), so it gets glyph 0's advance.
  int advance(char32_t c) const {
    if (c < 0x10000) return bmp_width_[c];
    auto it = astral_width_.find(c);
    return it == astral_width_.end() ? missing_width_ : it->second;
  }
  bool covers(char32_t c) const {
    if (c < 0x10000) return (bmp_covered_[c >> 6] >> (c & 63)) & 1;
    return astral_width_.count(c) != 0;
  }
  // The advance of c as the PDF writer draws it: libharu 2.3.0 addresses
  // code points with 16 bits, so the writer draws U+FFFD for those beyond
  // the BMP (see pdf_writer.cc).
  int drawn_advance(char32_t c) const { return bmp_width_[c < 0x10000 ? c : 0xFFFD]; }
  // Sum of drawn advances of valid UTF-8 text, in 1/1000 em. Integer, so
  // line widths are exact and independent of the order of additions.
  int64_t units(std::string_view utf8) const;

  int ascender() const { return ascender_; }    // 1/1000 em, > 0
  int descender() const { return descender_; }  // 1/1000 em, < 0
  int missing_width() const { return missing_width_; }

  friend FontMetrics load_font_metrics(const std::string& path);

 private:
  std::vector<uint16_t> bmp_width_ = std::vector<uint16_t>(0x10000);
  std::array<uint64_t, 0x10000 / 64> bmp_covered_{};
  std::unordered_map<char32_t, uint16_t> astral_width_;  // beyond the BMP: rare
  int missing_width_ = 0;
  int ascender_ = 0;
  int descender_ = 0;
};

// Reads a TrueType font with FreeType. Throws Failure (exit 1) naming the file
// when it cannot be read or is not a font libharu can embed.
FontMetrics load_font_metrics(const std::string& path);

// Checks with FreeType that path is a TrueType font with every table libharu
// 2.3.0 reads, all readable. libharu crashes on some malformed files instead
// of reporting an error, so the PDF writer calls this before handing it a
// file. Throws Failure (exit 1) naming the file.
void check_embeddable_font(const std::string& path);

// Font ids used by layout runs and the PDF writer.
enum FontId : uint8_t { kRegular = 0, kBold = 1, kItalic = 2 };
inline constexpr int kFontCount = 3;

struct FontFace {
  std::string path;  // the PDF writer embeds this very file
  FontMetrics metrics;
};

// The fonts of one document, indexed by FontId.
struct FontSet {
  std::array<FontFace, kFontCount> faces;
  const FontFace& operator[](FontId id) const { return faces[id]; }
};

FontSet load_font_set(const std::string& regular, const std::string& bold,
                      const std::string& italic);
// NotoSans-{Regular,Bold,Italic}.ttf from dir (e.g. the repository's fonts/).
FontSet load_noto_sans(const std::string& dir);

}  // namespace gz
