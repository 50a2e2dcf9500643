// Objects Gazette writes as PDF text after libharu has saved the document.
// libharu's objects cost some 300 bytes a dictionary entry (a 128-byte key,
// a 128-byte name): the structure tree and the outline of a long digest
// would take gigabytes. So they are appended to libharu's bytes, each
// replacing a stand-in object that libharu wrote (the catalog names it),
// and the cross-reference table and trailer are written again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gz {

class Appendix {
 public:
  // pdf holds libharu's bytes; their cross-reference table and trailer are
  // cut off, to be written again by finish(). Throws Failure when they are
  // not as libharu writes them.
  explicit Appendix(std::string& pdf);

  // A new object's number.
  uint32_t reserve() { return next_++; }
  // Starts object num ("num 0 obj\n"): a reserved number, or a stand-in of
  // libharu's, which this object replaces.
  void begin(uint32_t num);
  std::string& pdf() { return pdf_; }
  // The cross-reference table (libharu's entries, the stand-ins moved, then
  // the new objects) and the trailer.
  void finish();

 private:
  std::string& pdf_;
  uint32_t count_ = 0;  // libharu's objects
  uint32_t next_ = 0;
  std::string entries_;          // libharu's cross-reference entries, 20 bytes each
  std::string trailer_;          // "trailer\n<< ... >>\n"
  std::vector<size_t> offsets_;  // of the new objects
};

// A PDF text string: UTF-16BE with a byte order mark, in hex (code points
// beyond the BMP as surrogate pairs).
void append_text_string(std::string_view utf8, std::string& out);

}  // namespace gz
