// The document information dictionary (title, dates...).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <hpdf.h>

#include "layout/digest.h"
#include "pdf/document_info.h"
#include "pdf/hpdf_doc.h"

namespace gz {

// Title (the digest's), Subject, Keywords, Creator, Producer and, unless
// creation_time is 0, CreationDate and ModDate (UTC). Strings are UTF-8;
// libharu writes them as UTF-16BE with a BOM (code points beyond the BMP
// as U+FFFD: hpdf_text).
void set_document_info(HpdfDoc& doc, const Digest& digest, const DocumentInfo& info);

// A 128-bit hash of what a document shows (its content streams), for its
// /ID: the same content gives the same ID, so builds stay byte-identical.
// Two multiplicative hashes of 64-bit words; not cryptographic, nor needed.
class ContentHash {
 public:
  void add(std::string_view bytes);
  std::string digest() const;  // 16 bytes

 private:
  uint64_t a_ = 14695981039346656037ull;
  uint64_t b_ = 0x6c62272e07bb0142ull;
};

// What [output] pdf_standards asks for beyond the structure tree: the XMP
// metadata stream (dc:title and dc:language from the digest, dc:description, pdf:Keywords,
// pdf:Producer, xmp:CreatorTool, xmp:CreateDate and xmp:ModifyDate, as the
// information dictionary has them; pdfuaid:part 1 and pdfaid:part 2,
// conformance A, as asked), the document /ID from hash, and for PDF/A the
// sRGB output intent with info.icc_profile. Call after set_document_info.
void set_standards(HpdfDoc& doc, const Digest& digest, const DocumentInfo& info,
                   const ContentHash& hash);

// The Producer entry: "Gazette 0.1.0 with libharu 2.3.0".
std::string producer(const DocumentInfo& info);

// Unix seconds as a UTC HPDF_Date.
HPDF_Date to_hpdf_date(int64_t unix_seconds);

}  // namespace gz
