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

// Widths to measure text with, one per BMP code point in 1/1000 em, as the
// PDF writer draws them. A view: the table belongs to a FontMetrics or a
// FontChain. Implicit from either, so one-font callers pass the metrics.
class Advances {
 public:
  explicit Advances(const uint16_t* bmp) : bmp_(bmp) {}
  // libharu 2.3.0 addresses code points with 16 bits, so the writer draws
  // U+FFFD for those beyond the BMP (see pdf_writer.cc).
  int drawn_advance(char32_t c) const { return bmp_[c < 0x10000 ? c : 0xFFFD]; }
  // Sum of drawn advances of valid UTF-8 text. Integer, so line widths are
  // exact and independent of the order of additions.
  int64_t units(std::string_view utf8) const;

 private:
  const uint16_t* bmp_;
};

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
  int drawn_advance(char32_t c) const { return advances().drawn_advance(c); }
  int64_t units(std::string_view utf8) const { return advances().units(utf8); }
  Advances advances() const { return Advances(bmp_width_.data()); }
  operator Advances() const { return advances(); }

  // Coverage of code points 64 * block ... 64 * block + 63, one bit each.
  uint64_t coverage_block(size_t block) const { return bmp_covered_[block]; }

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

// The styles text is set in (TextStyle::font).
enum FontId : uint8_t { kRegular = 0, kBold = 1, kItalic = 2 };
inline constexpr int kFontCount = 3;

// A font file of a FontSet, by index: what layout runs are drawn with.
using FaceId = uint16_t;

struct FontFace {
  std::string path;  // the PDF writer embeds this very file
  FontMetrics metrics;
};

// One family of the fallback chain, by its files; bold and italic may be
// empty (the regular file stands in).
struct FamilyFiles {
  std::string name;
  std::string regular, bold, italic;
};

// The fallback chain for one style, resolved per BMP code point once, so that
// choosing a font for a character is one table look-up.
class FontChain {
 public:
  // The face drawing c: the first family (in chain order) whose face of this
  // style, or else whose regular face, covers c. When none does, the first
  // family's face, which draws a box (.notdef).
  FaceId face_for(char32_t c) const {
    uint8_t f = face_[c < 0x10000 ? c : 0xFFFD];
    return f < kIgnored ? f : fallback_;
  }
  // A family of the chain has c (beyond the BMP: never, libharu cannot draw it).
  bool covers(char32_t c) const { return c < 0x10000 && face_[c] != kNone; }
  // Default-ignorable code points (ZWJ, ZWNJ, bidi controls, soft hyphen):
  // never drawn, zero width.
  bool ignored(char32_t c) const { return c < 0x10000 && face_[c] == kIgnored; }
  Advances advances() const { return Advances(width_.data()); }
  operator Advances() const { return advances(); }
  // The face drawing every printable ASCII character (U+0020..U+007E) when
  // one face draws them all, else kNoFace: a run of them then needs no
  // look-up per character.
  static constexpr int kNoFace = -1;
  int ascii_face() const { return ascii_face_; }

  friend class FontSet;

 private:
  static constexpr uint8_t kIgnored = 0xFE, kNone = 0xFF;
  int ascii_face_ = kNoFace;
  std::vector<uint8_t> face_ = std::vector<uint8_t>(0x10000, kNone);
  std::vector<uint16_t> width_ = std::vector<uint16_t>(0x10000);
  FaceId fallback_ = 0;
};

// The fonts of one document: every face, the families of the fallback chain,
// and a chain per style.
class FontSet {
 public:
  // faces[kRegular], faces[kBold], faces[kItalic] are the first family's
  // (the regular file where it has no bold or italic); other faces follow.
  std::vector<FontFace> faces;
  std::vector<FamilyFiles> families;

  const FontFace& operator[](size_t face) const { return faces[face]; }
  const FontChain& chain(FontId style) const { return chains_[style]; }

  // Reads every file once (at most 254 faces). Throws Failure naming a file
  // that cannot be read.
  static FontSet load(const std::vector<FamilyFiles>& families);

 private:
  void build_chains(const std::vector<std::array<FaceId, kFontCount>>& family_faces);
  std::array<FontChain, kFontCount> chains_;
};

FontSet load_font_set(const std::string& regular, const std::string& bold,
                      const std::string& italic);
// NotoSans-{Regular,Bold,Italic}.ttf from dir alone (e.g. the repository's fonts/).
FontSet load_noto_sans(const std::string& dir);

}  // namespace gz
