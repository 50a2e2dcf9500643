// Shaping with HarfBuzz: a run of text in one style, script, direction and
// language becomes positioned glyphs, each face of the fallback chain taking
// the clusters the faces before it cannot draw. Results are cached by text,
// so a digest shapes each distinct word once.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/font_set.h"

struct hb_buffer_t;

namespace gz {

struct ShapedGlyph {
  FaceId face = 0;
  uint32_t gid = 0;
  int32_t advance = 0;     // 1/1000 em
  int32_t dx = 0, dy = 0;  // offset from the pen position, 1/1000 em (dy up)
  // The glyph's cluster: bytes [cluster, cluster_end) of the shaped text.
  uint32_t cluster = 0, cluster_end = 0;
};

struct ShapedText {
  std::vector<ShapedGlyph> glyphs;  // in visual order (right to left text reversed)
  int64_t advance = 0;              // sum of the glyphs' advances
  bool missing = false;             // some cluster has no glyph in any face (.notdef)
};

class Shaper {
 public:
  explicit Shaper(const FontSet& fonts);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  // text (valid UTF-8) shaped as one run. script is an ISO 15924 code as
  // HarfBuzz takes it (hb_script_t); lang a BCP 47 tag or "". The result is
  // cached and stays valid until trim() drops the cache.
  // prefer, when not kNoFace, is tried before the chain: the face of the
  // text around, for spaces, digits and punctuation among its letters.
  static constexpr int kNoFace = -1;
  const ShapedText& shape(std::string_view text, FontId style, uint32_t script, bool rtl,
                          std::string_view lang, int prefer = kNoFace);
  // Drops the cache when it has grown past its bound (call between
  // paragraphs: it invalidates every ShapedText returned so far).
  void trim();

  const FontSet& fonts() const { return fonts_; }
  const std::vector<FaceId>& chain(FontId style, std::string_view lang);

 private:
  void shape_range(std::string_view text, uint32_t begin, uint32_t end,
                   const std::vector<FaceId>& chain, size_t k, uint32_t script, bool rtl,
                   std::string_view lang, std::vector<ShapedGlyph>& out, bool& missing);

  // Words are cached by their text within their context (style, direction,
  // preferred face, script, language): a lookup hashes the word alone and
  // copies nothing.
  struct Context {
    FontId style;
    bool rtl;
    int prefer;
    uint32_t script;
    std::string lang;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Words = std::unordered_map<std::string, ShapedText, Hash, std::equal_to<>>;

  const FontSet& fonts_;
  hb_buffer_t* buf_;
  std::vector<Context> contexts_;
  std::vector<Words> cache_;  // per context
  size_t cached_ = 0;         // entries in cache_
  size_t last_context_ = 0;
  std::map<std::pair<int, std::string>, std::vector<FaceId>> chains_;
};

}  // namespace gz
