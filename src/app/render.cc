#include "app/render.h"

#include "layout/layout.h"
#include "pdf/pdf_writer.h"

namespace gz {

void render_pdf(const Digest& digest, const DocumentInfo& info, const FontSet& fonts, ByteSink& out,
                RenderStats* stats) {
  // Pages go to the writer as layout finishes them, and on to out.
  PdfDocument pdf(digest, info, fonts, out);
  LayoutOptions options;
  options.tagged = info.tagged();
  LaidOut rest = layout_digest(digest, fonts, options, &pdf);
  if (stats) stats->pages = int(rest.pages.size());
  pdf.finish(std::move(rest));
}

}  // namespace gz
