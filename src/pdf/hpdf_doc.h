// A libharu document that owns its handle and turns libharu's error
// callback into gz::Failure.
#pragma once

#include <string>
#include <string_view>

#include <hpdf.h>

namespace gz {

class HpdfDoc {
 public:
  HpdfDoc();
  ~HpdfDoc();
  HpdfDoc(const HpdfDoc&) = delete;
  HpdfDoc& operator=(const HpdfDoc&) = delete;

  HPDF_Doc get() const { return doc_; }

  // Throws Failure (exit 1) when libharu reported an error since the last
  // check: "<doing>: <libharu's error, in words>", located at file if given.
  // The callback only records the error, because exceptions must not unwind
  // through libharu's C frames.
  void check(std::string_view doing, const std::string& file = {});

 private:
  static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self);

  HPDF_Doc doc_ = nullptr;
  HPDF_STATUS error_ = HPDF_OK;
  HPDF_STATUS detail_ = HPDF_OK;
};

// A stream object holding bytes already deflated (a zlib stream), with
// /Filter /FlateDecode. (libharu writes a /Filter only for the filter it
// applies itself, zlib as it saves, and removes any other; this one is
// written by the dictionary's write hook, among its keys.)
HPDF_Dict deflated_stream(HpdfDoc& doc, std::string_view deflated);

// text, or in scratch a copy of it with U+FFFD for each code point beyond the
// BMP: libharu 2.3.0's UTF-8 encoder is 16-bit and would write a space.
// (Outline titles and document information only: text is drawn by Gazette.)
const char* hpdf_text(const std::string& text, std::string& scratch);

// libharu's error code in words, with the code: "cannot open file (0x1017)".
std::string hpdf_error_text(HPDF_STATUS error, HPDF_STATUS detail);

}  // namespace gz
