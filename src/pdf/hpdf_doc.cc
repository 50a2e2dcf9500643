#include "pdf/hpdf_doc.h"

#include <algorithm>
#include <cstdio>

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "base/diag.h"
#include "pdf/interpose.h"

namespace gz {

HpdfDoc::HpdfDoc() {
  // Links the faster paths through libharu in (see interpose.h).
  static const bool interposed [[maybe_unused]] = libharu_interposed();
  doc_ = HPDF_New(&HpdfDoc::on_error, this);
  if (!doc_) fail_runtime("libharu", "cannot create a PDF document (out of memory)");
}

HpdfDoc::~HpdfDoc() { HPDF_Free(doc_); }

void HpdfDoc::on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
  auto* doc = static_cast<HpdfDoc*>(self);
  if (doc->error_ == HPDF_OK) {  // the first error is the cause; later ones follow from it
    doc->error_ = error;
    doc->detail_ = detail;
  }
}

void HpdfDoc::check(std::string_view doing, const std::string& file) {
  if (error_ == HPDF_OK) return;
  std::string message = std::string(doing) + ": " + hpdf_error_text(error_, detail_);
  error_ = detail_ = HPDF_OK;
  HPDF_ResetError(doc_);
  fail_runtime(file.empty() ? "libharu" : file, std::move(message));
}

namespace {

const char* describe(HPDF_STATUS e) {
  switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM:
      return "out of memory";
    case HPDF_FILE_IO_ERROR:
      return "file read or write error";
    case HPDF_FILE_OPEN_ERROR:
      return "cannot open file";
    case HPDF_FONT_EXISTS:
      return "font loaded twice";
    case HPDF_INVALID_DATE_TIME:
      return "invalid date";
    case HPDF_INVALID_DESTINATION:
      return "invalid link destination";
    case HPDF_INVALID_DOCUMENT:
      return "invalid document";
    case HPDF_INVALID_ENCODER:
      return "invalid encoder";
    case HPDF_INVALID_ENCODING_NAME:
      return "unknown encoding";
    case HPDF_INVALID_FONTDEF_DATA:
      return "invalid font data";
    case HPDF_INVALID_FONT_NAME:
      return "unknown font name";
    case HPDF_INVALID_OUTLINE:
      return "invalid outline";
    case HPDF_INVALID_PAGE:
      return "invalid page";
    case HPDF_INVALID_PARAMETER:
      return "invalid parameter";
    case HPDF_PAGE_FONT_NOT_FOUND:
      return "no font set for text";
    case HPDF_PAGE_INVALID_FONT_SIZE:
      return "invalid font size";
    case HPDF_PAGE_INVALID_SIZE:
      return "invalid page size";
    case HPDF_REAL_OUT_OF_RANGE:
      return "number out of range";
    case HPDF_STRING_OUT_OF_RANGE:
      return "string too long";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
      return "the font's licence forbids embedding";
    case HPDF_TTF_INVALID_CMAP:
      return "unsupported character map in TrueType font";
    case HPDF_TTF_INVALID_FOMAT:
      return "not a TrueType font";
    case HPDF_TTF_MISSING_TABLE:
      return "TrueType font lacks a required table";
    case HPDF_UNSUPPORTED_FONT_TYPE:
      return "unsupported font type";
    case HPDF_ZLIB_ERROR:
      return "compression failed";
    default:
      return "libharu error";
  }
}

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

HPDF_Dict deflated_stream(HpdfDoc& doc, std::string_view deflated) {
  HPDF_Dict d = HPDF_DictStream_New(doc.get()->mmgr, doc.get()->xref);
  if (!d) return nullptr;
  d->filter = HPDF_STREAM_FILTER_NONE;
  d->write_fn = write_flate_filter;
  HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                    static_cast<HPDF_UINT>(deflated.size()));
  return d;
}

const char* hpdf_text(const std::string& text, std::string& scratch) {
  auto four_byte_lead = [](char c) { return (c & 0xF8) == 0xF0; };
  if (std::none_of(text.begin(), text.end(), four_byte_lead)) return text.c_str();
  scratch.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (four_byte_lead(text[i])) {
      scratch += "\uFFFD";
      i += 3;
    } else {
      scratch += text[i];
    }
  }
  return scratch.c_str();
}

std::string hpdf_error_text(HPDF_STATUS error, HPDF_STATUS detail) {
  char code[48];
  std::snprintf(code, sizeof code, " (libharu 0x%04X, detail %u)", static_cast<unsigned>(error),
                static_cast<unsigned>(detail));
  return describe(error) + std::string(code);
}

}  // namespace gz
