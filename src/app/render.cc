#include "app/render.h"

#include "layout/layout.h"
#include "pdf/pdf_writer.h"

namespace gz {

std::string render_pdf(const Digest& digest, const FontSet& fonts, RenderStats* stats) {
  LaidOut laid = layout_digest(digest, fonts);
  if (stats) stats->pages = int(laid.pages.size());
  return write_pdf(std::move(laid), digest, fonts);
}

}  // namespace gz
