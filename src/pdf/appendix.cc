#include "pdf/appendix.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "base/diag.h"
#include "pdf/font_embed.h"

namespace gz {

namespace {

[[noreturn]] void malformed() {
  fail_runtime("libharu", "cannot append to the PDF: unexpected cross-reference table");
}

}  // namespace

Appendix::Appendix(std::string&& libharu, ByteSink& out, size_t written,
                   const std::vector<Prewritten>& prewritten, const std::vector<uint32_t>& replaced)
    : out_(out) {
  std::string& pdf = libharu;
  if (!std::string_view(pdf).starts_with(kPdfHeader)) malformed();
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

  // What is left out: the stand-ins.
  std::vector<uint8_t> drop(count_, 0);
  for (const Prewritten& p : prewritten) {
    if (p.num == 0 || p.num >= count_) malformed();
    drop[p.num] = 1;
  }
  for (uint32_t num : replaced) {
    if (num == 0 || num >= count_) malformed();
    drop[num] = 1;
    pending_.push_back(num);
  }
  // libharu's objects in the order of their offsets: each ends where the
  // next begins, the last where the cross-reference table does.
  std::vector<std::pair<size_t, uint32_t>> at;
  at.reserve(count_);
  for (uint32_t num = 1; num < count_; ++num) {
    const char* e = entries_.data() + 20 * size_t{num};
    if (e[17] != 'n') continue;
    at.emplace_back(std::strtoull(e, nullptr, 10), num);
  }
  std::sort(at.begin(), at.end());
  // Copied but for the header and what is dropped; offsets moved to where
  // the objects land in the output.
  std::string copy;  // kept objects not written yet; copy[0] goes at offset base_
  base_ = written;
  char entry[32];
  for (size_t i = 0; i < at.size(); ++i) {
    const size_t off = at[i].first;
    const uint32_t num = at[i].second;
    const size_t end = i + 1 < at.size() ? at[i + 1].first : xref;
    if (off < kPdfHeader.size() || end > xref || off > end) malformed();
    if (drop[num]) {
      const std::string head = std::to_string(num) + " 0 obj";
      if (pdf.compare(off, head.size(), head) != 0) malformed();
      continue;
    }
    std::snprintf(entry, sizeof entry, "%010zu", base_ + copy.size());
    entries_.replace(20 * size_t{num}, 10, entry, 10);
    copy.append(pdf, off, end - off);
    if (copy.size() >= (size_t{1} << 20)) {
      out_.write(copy);
      base_ += copy.size();
      copy.clear();
    }
  }
  out_.write(copy);
  base_ += copy.size();
  std::string().swap(pdf);  // written: libharu's bytes are not needed any more
  for (const Prewritten& p : prewritten) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", p.offset);
    entries_.replace(20 * size_t{p.num}, 20, entry, 20);
  }
}

void Appendix::begin(uint32_t num) {
  spill();  // written in blocks: the document stays on disk, not in memory
  const size_t offset = base_ + pdf_.size();
  char entry[32];
  if (num < count_) {
    auto at = std::find(pending_.begin(), pending_.end(), num);
    if (at == pending_.end())
      fail_runtime("libharu", "cannot append to the PDF: object written twice");
    pending_.erase(at);
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
    entries_.replace(20 * size_t{num}, 20, entry, 20);
  } else {
    // Sized for every number reserved so far: the structure tree reserves
    // all of its objects' numbers first, and the table grows once for them.
    if (offsets_.size() <= num - count_) offsets_.resize(next_ - count_, 0);
    offsets_[num - count_] = offset;
  }
  pdf_ += std::to_string(num);
  pdf_ += " 0 obj\n";
}

void Appendix::finish() {
  if (!pending_.empty())
    fail_runtime("libharu", "cannot append to the PDF: a stand-in is not replaced");
  const size_t xref = base_ + pdf_.size();
  // Entry 0 heads the list of free entries (PDF 1.7, 7.5.4), which is
  // empty: every stand-in left out is written again under its number.
  char entry[32];
  entries_.replace(0, 20, "0000000000 65535 f\r\n", 20);
  // Written in blocks: a table of a million objects is 20 MB.
  pdf_ += "xref\n0 " + std::to_string(next_) + "\n";
  for (size_t at = 0; at < entries_.size(); at += size_t{1} << 20) {
    pdf_.append(entries_, at, size_t{1} << 20);
    spill();
  }
  std::string().swap(entries_);
  for (size_t k = 0; k < next_ - count_; ++k) {
    // A number reserved but not written would be a free entry; there is none.
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", k < offsets_.size() ? offsets_[k] : 0);
    pdf_.append(entry, 20);
    spill();
  }
  const size_t size_at = trailer_.find("/Size ");
  const size_t size_end = trailer_.find('\n', size_at);
  trailer_.replace(size_at, size_end - size_at, "/Size " + std::to_string(next_));
  pdf_ += trailer_;
  pdf_ += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  out_.write(pdf_);
  base_ += pdf_.size();
  pdf_.clear();
}

void append_text_string(std::string_view utf8, std::string& out) {
  out += "<FEFF";
  utf16_hex(utf8, out);
  out += '>';
}

}  // namespace gz
