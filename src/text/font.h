// Fonts as data: a face of a font file (TrueType or CFF outlines, a single
// file or one face of a collection), opened with HarfBuzz on first use. Layout
// shapes and measures with it; the PDF writer subsets and embeds the very same
// face. No FreeType, no fontconfig: the same files give the same bytes.
#pragma once

#include <cstdint>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace gz {

// Advances and offsets are in 1/1000 em, the PDF's glyph space units: the
// HarfBuzz font is scaled to 1000 units per em, so that a glyph's width in
// the PDF's /W array and its advance in layout are the same integer.
inline constexpr int kUnitsPerEm = 1000;

class Face {
 public:
  Face(std::string path, unsigned index) : path_(std::move(path)), index_(index) {}
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;
  ~Face();

  const std::string& path() const { return path_; }
  unsigned index() const { return index_; }  // face index in a collection (.ttc)

  // The HarfBuzz font, opening the file on first use (thread-safe). Throws
  // Failure (exit 1) naming the file when it cannot be read, is not a font,
  // or lacks what drawing needs (glyph outlines, a Unicode cmap, metrics).
  hb_font_t* font() const;
  hb_face_t* face() const;
  // Opens the file now; true when it had been opened before. For tests.
  bool opened() const { return opened_.load(); }

  // The nominal glyph of c, 0 when the face has none.
  uint32_t glyph(char32_t c) const;
  bool has(char32_t c) const { return glyph(c) != 0; }
  // The advance of glyph gid with no shaping, 1/1000 em: the PDF's /W width.
  int32_t advance(uint32_t gid) const;

  int ascender() const;   // 1/1000 em, > 0
  int descender() const;  // 1/1000 em, < 0
  int cap_height() const;
  int italic_angle() const;  // degrees
  bool cff() const;          // CFF outlines (else glyf)
  unsigned glyph_count() const;
  // Font bounding box in 1/1000 em: xMin, yMin, xMax, yMax.
  void bbox(int out[4]) const;
  // The PostScript name (name ID 6), or the file name without extension;
  // only characters allowed in a PDF name.
  std::string postscript_name() const;

  // Checks a font file can be opened as a face (what `check` does for the
  // fonts a spec names). Throws Failure like font().
  static void check_file(const std::string& path, unsigned index = 0);

 private:
  void open() const;

  std::string path_;
  unsigned index_ = 0;
  mutable std::once_flag once_;
  mutable std::atomic<bool> opened_{false};
  mutable hb_blob_t* blob_ = nullptr;
  mutable hb_face_t* face_ = nullptr;
  mutable hb_font_t* font_ = nullptr;
  mutable int ascender_ = 0, descender_ = 0, cap_height_ = 0, italic_angle_ = 0;
  mutable bool cff_ = false;
  mutable unsigned glyphs_ = 0;
  mutable int bbox_[4] = {0, 0, 0, 0};
};

}  // namespace gz
