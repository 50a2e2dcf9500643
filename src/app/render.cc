#include "app/render.h"

#include "layout/layout.h"
#include "pdf/pdf_writer.h"

namespace gz {

std::string render_pdf(const Digest& digest, const FontSet& fonts, RenderStats* stats) {
  // Pages go to the writer as layout finishes them.
  PdfDocument pdf(digest, fonts);
  LaidOut rest = layout_digest(digest, fonts, limits::kMaxPdfPages, &pdf);
  if (stats) stats->pages = int(rest.pages.size());
  return pdf.finish(std::move(rest));
}

}  // namespace gz
