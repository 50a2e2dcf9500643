#include "pdf/appendix.h"

#include <cstdio>

#include "base/diag.h"
#include "pdf/font_embed.h"

namespace gz {

namespace {

[[noreturn]] void malformed() {
  fail_runtime("libharu", "cannot append to the PDF: unexpected cross-reference table");
}

}  // namespace

Appendix::Appendix(std::string& pdf) : pdf_(pdf) {
  // libharu's end: "xref\n0 N\n" and N entries of 20 bytes, "trailer\n<<
  // ... /Size N\n>>\nstartxref\nOFFSET\n%%EOF\n".
  const size_t sx = pdf.rfind("startxref\n");
  if (sx == std::string::npos) malformed();
  const size_t xref = std::stoul(pdf.substr(sx + 10, 20));
  if (xref >= sx || pdf.compare(xref, 7, "xref\n0 ") != 0) malformed();
  const size_t count_end = pdf.find('\n', xref + 7);
  if (count_end == std::string::npos) malformed();
  count_ = static_cast<uint32_t>(std::stoul(pdf.substr(xref + 7, count_end - xref - 7)));
  const size_t entries = count_end + 1;
  const size_t trailer = entries + 20 * size_t{count_};
  if (trailer > sx || pdf.compare(trailer, 8, "trailer\n") != 0) malformed();
  entries_ = pdf.substr(entries, 20 * size_t{count_});
  trailer_ = pdf.substr(trailer, sx - trailer);
  if (trailer_.find("/Size ") == std::string::npos) malformed();
  next_ = count_;
  pdf.resize(xref);
}

void Appendix::begin(uint32_t num) {
  char entry[32];
  if (num < count_) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", pdf_.size());
    entries_.replace(20 * size_t{num}, 20, entry, 20);
  } else {
    if (offsets_.size() <= num - count_) offsets_.resize(num - count_ + 1, 0);
    offsets_[num - count_] = pdf_.size();
  }
  pdf_ += std::to_string(num);
  pdf_ += " 0 obj\n";
}

void Appendix::finish() {
  const size_t xref = pdf_.size();
  pdf_ += "xref\n0 " + std::to_string(next_) + "\n";
  pdf_ += entries_;
  char entry[32];
  for (size_t k = 0; k < next_ - count_; ++k) {
    // A number reserved but not written would be a free entry; there is none.
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", k < offsets_.size() ? offsets_[k] : 0);
    pdf_.append(entry, 20);
  }
  const size_t size_at = trailer_.find("/Size ");
  const size_t size_end = trailer_.find('\n', size_at);
  trailer_.replace(size_at, size_end - size_at, "/Size " + std::to_string(next_));
  pdf_ += trailer_;
  pdf_ += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

void append_text_string(std::string_view utf8, std::string& out) {
  out += "<FEFF";
  utf16_hex(utf8, out);
  out += '>';
}

}  // namespace gz
