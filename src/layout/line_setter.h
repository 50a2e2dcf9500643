// The stages of a line between breaking and placing: Arabic shaping (per
// paragraph, before breaking, so lines are measured on the glyphs drawn),
// bidi reordering (per line, after breaking) and itemising the visual line
// into pieces of one font each.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/ubidi.h>

#include "layout/font_metrics.h"
#include "layout/line_breaker.h"

namespace gz {

// A paragraph ready to break: the text is what gets drawn, in logical order.
struct Paragraph {
  std::string_view text;  // Arabic letters as presentation forms; else the input itself
  UBiDiLevel level = 0;   // base direction: 0 left-to-right, 1 right-to-left
  bool bidi = false;      // has right-to-left text: each line must be reordered
};

// A run of a line in one face, in visual (drawing) order.
struct Piece {
  FaceId face = 0;
  int64_t x = 0;         // from the left end of the line, 1/1000 em
  int64_t units = 0;     // advance width, 1/1000 em
  std::string text;      // UTF-8, left to right
  std::string_view url;  // the link the piece is part of; empty: none
};

// Appends the pieces of text drawn left to right as it is (no reordering),
// from x = 0; returns the width in 1/1000 em. For text known to be left to
// right, such as numbers.
int64_t set_left_to_right(std::string_view text, const FontChain& chain, std::vector<Piece>& out);

// Owns the ICU bidi object and scratch buffers, reused for every line of a
// digest (building a UBiDi per paragraph would dominate short ones).
class LineSetter {
 public:
  explicit LineSetter(const FontSet& fonts);
  ~LineSetter();
  LineSetter(const LineSetter&) = delete;
  LineSetter& operator=(const LineSetter&) = delete;

  // Shapes Arabic letters (the result goes to storage, which must outlive
  // the Paragraph) and finds the base direction: that of the first strong
  // character, else rtl_default. cuts, if given, are sorted byte offsets
  // into text (where marks begin and end), moved to the same places in the
  // shaped text; shaping then stops at each cut, so that no character
  // straddles one.
  Paragraph prepare(std::string_view text, bool rtl_default, std::string& storage,
                    std::vector<uint32_t>* cuts = nullptr);

  // Appends the pieces of line (a part of p.text) set in style, left to
  // right: reordered visually when p.bidi, mirrored brackets in right-to-
  // left runs, ignorable code points dropped. Returns the width in 1/1000 em.
  int64_t set(std::string_view line, const Paragraph& p, FontId style, std::vector<Piece>& out);
  // The same with runs (over p.text, which line must be a part of) set in
  // their own style and linked: styles follow the logical text through
  // reordering, and a piece never mixes two styles or two links.
  int64_t set(std::string_view line, const Paragraph& p, FontId style,
              std::span<const StyleRun> runs, std::vector<Piece>& out);

  const FontSet& fonts() const { return fonts_; }

 private:
  void itemise(const std::u16string& visual, const FontChain& chain, std::vector<Piece>& out,
               int64_t& x);
  void shape(const char16_t* text, int32_t length, std::string& out);

  const FontSet& fonts_;
  UBiDi* bidi_ = nullptr;
  std::u16string logical_, visual_;  // scratch
  std::u16string segment_;           // scratch
  std::vector<int32_t> unit_run_;    // scratch: per UTF-16 unit of a line, its run or -1
};

}  // namespace gz
