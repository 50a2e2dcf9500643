// The document information dictionary (title, dates...).
#pragma once

#include <cstdint>

#include <hpdf.h>

#include "layout/digest.h"
#include "pdf/hpdf_doc.h"

namespace gz {

// Title, Subject, Keywords, Creator, Producer and, unless creation_time is
// 0, CreationDate and ModDate (UTC). Strings are UTF-8; libharu writes them
// as UTF-16BE with a BOM (code points beyond the BMP as U+FFFD: hpdf_text).
void set_document_info(HpdfDoc& doc, const Digest& info);

// Unix seconds as a UTC HPDF_Date.
HPDF_Date to_hpdf_date(int64_t unix_seconds);

}  // namespace gz
