// The pdf phase: laid-out pages become PDF bytes. libharu writes the
// document's catalog, information, metadata and fonts' objects (compressing
// their streams) and its cross-reference table; Gazette writes the text
// itself: glyph ids shown with TJ in the faces layout shaped with, each face
// subset with HarfBuzz and embedded as a CIDFont (Identity-H) with its
// widths and a ToUnicode CMap, and /ActualText where a cluster's glyphs
// cannot map back to its text; and the pages' objects, links, outline and
// structure tree as PDF text (appendix.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/byte_sink.h"
#include "layout/digest.h"
#include "layout/layout.h"
#include "pdf/document_info.h"
#include "text/font_set.h"

namespace gz {

// Embeds the faces the runs use (subsets of the same files layout shaped
// with), draws each run, adds links, outline and document information (the
// digest's title and language; info's subject, keywords, creator,
// creation_time, the time 0 meaning "none"); tagged when info says so
// (then lay out with LayoutOptions::tagged). The digest gives the paper and
// the logo's bytes. The same input gives the same bytes: nothing comes
// from the clock.
// Throws Failure (exit 1) naming the file for font problems, and with
// libharu's error in words for other libharu errors.
std::string write_pdf(const LaidOut& pages, const Digest& digest, const DocumentInfo& info,
                      const FontSet& fonts);

// The same, page by page, into out: layout hands each page of the body over
// as soon as it is done (PageSink); its content stream is written to out
// at once. finish() takes the rest (cover, contents, footers, outline) and
// writes libharu's objects, then the page tree, the pages' dictionaries and
// links, the structure tree and the outline. Memory then holds the pages in
// flight and some 100 bytes a page (the page's resources and links, its
// content streams' object numbers), not the document.
class PdfDocument final : public PageSink {
 public:
  // digest and info must outlive the document.
  PdfDocument(const Digest& digest, const DocumentInfo& info, const FontSet& fonts, ByteSink& out);
  ~PdfDocument() override;
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  void page(size_t index, LaidOutPage&& page, const std::vector<Element>& elements) override;
  // The rest of the PDF, after the pages of rest are drawn (a page drawn
  // already gets rest's runs for it in a content stream of their own).
  void finish(LaidOut&& rest);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};
// The same, dropping each page's runs once written: the glyphs of a long
// digest are the largest part of its memory.
std::string write_pdf(LaidOut&& pages, const Digest& digest, const DocumentInfo& info,
                      const FontSet& fonts);

}  // namespace gz
