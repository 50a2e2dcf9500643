// Fonts embedded by Gazette: for each face a document draws with, the glyphs
// used are collected while pages are written, then subset with HarfBuzz
// (glyph ids kept, so the content streams need no renumbering) and written
// as a Type0 font over a CIDFont (CIDFontType2 for TrueType outlines,
// CIDFontType0 with an OpenType font program for CFF), Identity-H, with
// /W widths and a ToUnicode CMap.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

#include "text/font_set.h"

namespace gz {

class HpdfDoc;

// Appends utf8 as UTF-16BE in hex digits (surrogate pairs beyond the BMP),
// as a ToUnicode destination and an /ActualText string write text.
void utf16_hex(std::string_view utf8, std::string& out);

// Appends the code points of utf8 (valid UTF-8), last first: the text of a
// right-to-left cluster as readers that reverse it expect it.
void append_reversed(std::string_view utf8, std::string& out);

// Where a subset is cut from: the face itself, HarfBuzz's preprocessed copy
// of it (hb_subset_preprocess), or the better of the two for the run: the
// copy once the face has been subset often (font_embed.cc). HarfBuzz gives
// the same bytes from either, which tests/test_pdf.cc checks, as the
// output's not depending on what else a run renders needs.
enum class SubsetFrom { kFace, kPreprocessed, kBest };

// face's font program cut down to the glyphs whose entries are non-zero
// (glyph ids kept; hinting and layout tables dropped). Throws Failure naming
// the file when HarfBuzz cannot (with kPreprocessed, also when it cannot make
// the copy, so that a test comparing the two never compares the face with
// itself).
std::string subset_program(const Face& face, const std::vector<uint8_t>& glyphs, SubsetFrom from);

class EmbeddedFont {
 public:
  EmbeddedFont(HpdfDoc& doc, const Face& face);

  HPDF_Dict dict() const { return type0_; }
  const Face& face() const { return face_; }

  // Records that the glyphs gids (one cluster, in drawing order) are drawn
  // for text, set right to left when rtl, and gives each glyph a ToUnicode
  // mapping if it has none: a glyph that is the font's own glyph for a
  // character of the cluster maps to it, the first other glyph to the rest
  // of the text (a ligature or conjunct maps to all its characters).
  // Returns whether the mappings give the text back in reading order
  // (readers reverse right-to-left words character by character, so their
  // mappings are read reversed); when not, a reader must be given the text
  // with /ActualText.
  // A weak use (an artifact: a running header, a footer) gives a glyph a
  // mapping only until a use that is not weak wants another: the text of
  // the document's structure is what readers of a tagged PDF must get back
  // from the mappings, and an artifact drawn earlier (in visual order,
  // where the structure's right-to-left words are in logical order) must
  // not take a ligature's mapping first. A weak use of more than one glyph
  // or right to left is never simple.
  bool use(std::span<const uint32_t> gids, std::string_view text, bool rtl, bool weak = false) {
    // Most clusters: one glyph for one character, left to right.
    if (gids.size() == 1 && !rtl && gids[0] < used_.size()) {
      uint8_t& used = used_[gids[0]];
      std::string& mapped = to_unicode_[gids[0]];
      if (mapped.empty() || (used == kWeak && !weak && mapped != text)) {
        mapped = text;
        used = weak ? kWeak : kUsed;
        return true;
      }
      if (!weak) used = kUsed;
      if (used == 0) used = kWeak;
      return mapped == text;
    }
    return use_cluster(gids, text, rtl, weak);
  }
  // The advance the PDF's /W array gives gid, 1/1000 em.
  int32_t width(uint32_t gid) {
    if (gid >= widths_.size()) return face_.advance(gid);
    if (widths_[gid] == kUnknown) widths_[gid] = face_.advance(gid);
    return widths_[gid];
  }

  // Subsets the face to the glyphs used and writes the font's objects.
  // Throws Failure naming the file when HarfBuzz cannot subset it.
  void finish();

 private:
  bool use_cluster(std::span<const uint32_t> gids, std::string_view text, bool rtl, bool weak);

  // used_: whether a glyph is drawn, and whether its mapping is weak.
  static constexpr uint8_t kUsed = 1;
  static constexpr uint8_t kWeak = 2;

  HpdfDoc& doc_;
  const Face& face_;
  HPDF_Dict type0_ = nullptr;
  std::vector<uint8_t> used_;
  std::vector<std::string> to_unicode_;
  static constexpr int32_t kUnknown = INT32_MIN;
  std::vector<int32_t> widths_;  // looked up once per glyph
};

}  // namespace gz
