// The stages of a line around breaking: a paragraph is itemised (bidi level,
// script, style) into words, each shaped with HarfBuzz through the Shaper's
// cache, before breaking, so lines are measured on the glyphs actually drawn;
// after breaking, each line's words are reordered visually (UAX #9, rule L2)
// and cut into pieces of one face each.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/ubidi.h>

#include "layout/line_breaker.h"
#include "text/shaper.h"

namespace gz {

// A glyph as drawn: its id in the piece's face, its advance and offset, and
// the text it stands for: bytes [text_begin, text_end) of the piece's text.
// 16 bytes: a digest of 200,000 bulletins holds some 30 million.
struct Glyph {
  uint16_t gid = 0;        // OpenType glyph ids are 16-bit
  int16_t advance = 0;     // 1/1000 em
  int16_t dx = 0, dy = 0;  // 1/1000 em, dy up
  uint32_t text_begin = 0;
  uint16_t text_size = 0;  // a cluster's text beyond 65,535 bytes is cut there
  bool rtl = false;        // set right to left (the cluster's glyphs run from its end)
  uint32_t text_end() const { return text_begin + text_size; }
};

// A run of a line in one face, in visual (drawing) order.
struct Piece {
  FaceId face = 0;
  int64_t x = 0;              // from the left end of the line, 1/1000 em
  int64_t units = 0;          // advance width, 1/1000 em
  std::vector<Glyph> glyphs;  // left to right
  // The clusters' text, cluster by cluster in the order of the glyphs: the
  // logical text for left-to-right text; right-to-left words cluster by
  // cluster from their end.
  std::string text;
  std::string_view url;  // the link the piece is part of; empty: none
};

// A paragraph shaped and ready to break.
struct Paragraph {
  std::string_view text;
  UBiDiLevel level = 0;  // base direction: 0 left-to-right, 1 right-to-left
  bool bidi = false;     // has right-to-left text: lines are reordered
  // Per byte of text, the advance of the cluster starting there (1/1000 em):
  // what line breaking measures.
  std::vector<int32_t> advance_at;
  struct Word {
    uint32_t begin = 0, end = 0;  // bytes of text
    UBiDiLevel level = 0;
    const ShapedText* shaped = nullptr;
    std::string_view url;
  };
  std::vector<Word> words;  // logical order, covering text
  bool missing = false;     // some character has no glyph in any font
};

class LineSetter {
 public:
  explicit LineSetter(Shaper& shaper);
  ~LineSetter();
  LineSetter(const LineSetter&) = delete;
  LineSetter& operator=(const LineSetter&) = delete;

  // Shapes text (valid UTF-8, which must outlive p) in style, with runs of
  // other styles and links (sorted, disjoint byte ranges), in language lang
  // (BCP 47, "" for none). The base direction is that of the first strong
  // character, else rtl_default's. Invalidates the Paragraphs prepared
  // before (their shaped words may be dropped from the cache).
  void prepare(std::string_view text, bool rtl_default, std::string_view lang, FontId style,
               std::span<const StyleRun> runs, Paragraph& p);

  // Appends the pieces of bytes [begin, end) of p, left to right; returns
  // the width in 1/1000 em. Each piece has room for spare more glyphs (and
  // their text), so that a glyph added later does not copy it.
  int64_t set(const Paragraph& p, uint32_t begin, uint32_t end, std::vector<Piece>& out,
              size_t spare = 0);
  // prepare() and set() of the whole text, as one line.
  int64_t set_text(std::string_view text, bool rtl_default, std::string_view lang, FontId style,
                   std::vector<Piece>& out);

  Shaper& shaper() { return shaper_; }
  const FontSet& fonts() const { return shaper_.fonts(); }

 private:
  Shaper& shaper_;
  UBiDi* bidi_ = nullptr;
  std::u16string utf16_;            // scratch
  std::vector<uint32_t> offsets_;   // scratch: UTF-8 offset of each UTF-16 unit
  std::vector<UBiDiLevel> levels_;  // scratch: per byte
  std::vector<uint32_t> scripts_;   // scratch: per byte (hb_script_t)
  struct Seg {
    uint32_t word;
    uint32_t begin, end;
    UBiDiLevel level;
  };
  std::vector<Seg> segs_;  // scratch
  struct Cut {             // where a piece starts
    FaceId face;
    int64_t x;
    size_t glyph, text;
    std::string_view url;
  };
  std::vector<Cut> cuts_;      // scratch
  std::vector<Glyph> glyphs_;  // scratch
  std::string text_;           // scratch
  Paragraph scratch_;
};

}  // namespace gz
