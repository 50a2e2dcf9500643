// Objects Gazette writes as PDF text beside libharu's, each replacing a
// stand-in object of libharu's, and the cross-reference table and trailer
// written again:
// - the pages' content streams, written to the output as each page is
//   drawn, before libharu's objects: a long digest's pages are not held in
//   memory until libharu saves;
// - the page tree, the pages' dictionaries and their link annotations, the
//   structure tree and the outline, after libharu's objects: libharu's
//   objects cost some 300 bytes a dictionary entry (a 128-byte key, a
//   128-byte name), so these would take gigabytes in a long digest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/byte_sink.h"

namespace gz {

// The header Gazette writes, as libharu writes it for PDF 1.7.
inline constexpr std::string_view kPdfHeader = "%PDF-1.7\012%\267\276\255\252\012";

// An object written to the output before libharu's bytes (a page's content
// stream, written when the page was drawn), in place of libharu's object
// num, a stand-in (a number object), which is left out.
struct Prewritten {
  uint32_t num = 0;
  size_t offset = 0;
};

class Appendix {
 public:
  // libharu holds libharu's bytes; out has received `written` bytes already:
  // kPdfHeader, then the objects of prewritten. Writes libharu's objects to
  // out, but its header and the stand-ins of prewritten; its
  // cross-reference table and trailer are kept, to be written again by
  // finish(). Throws Failure when they are not as libharu writes them.
  // The stand-ins of replaced are left out too: begin() must write each.
  Appendix(std::string&& libharu, ByteSink& out, size_t written,
           const std::vector<Prewritten>& prewritten, const std::vector<uint32_t>& replaced = {});

  // A new object's number.
  uint32_t reserve() { return next_++; }
  // Starts object num ("num 0 obj\n"): a reserved number, or a stand-in of
  // libharu's named in replaced, which this object replaces.
  void begin(uint32_t num);
  // Where the object's text goes, after begin().
  std::string& pdf() { return pdf_; }
  // Writes pdf() to the output once it holds 1 MB, also in the middle of an
  // object: a long one (the parent tree, the page tree's /Kids) is not held
  // whole.
  void spill() {
    if (pdf_.size() < (size_t{1} << 20)) return;
    out_.write(pdf_);
    base_ += pdf_.size();
    pdf_.clear();
  }
  // The rest of the objects, the cross-reference table (libharu's entries,
  // the stand-ins moved, then the new objects) and the trailer.
  void finish();

 private:
  ByteSink& out_;
  std::string pdf_;     // appended text not written to out_ yet
  size_t base_ = 0;     // offset in the document of pdf_[0]
  uint32_t count_ = 0;  // libharu's objects
  uint32_t next_ = 0;
  std::string entries_;            // libharu's cross-reference entries, 20 bytes each
  std::string trailer_;            // "trailer\n<< ... >>\n"
  std::vector<size_t> offsets_;    // of the new objects
  std::vector<uint32_t> pending_;  // stand-ins left out that begin() has not written yet
};

// A PDF text string: UTF-16BE with a byte order mark, in hex (code points
// beyond the BMP as surrogate pairs).
void append_text_string(std::string_view utf8, std::string& out);

}  // namespace gz
