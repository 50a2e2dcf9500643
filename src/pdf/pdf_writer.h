// The pdf phase: laid-out pages become PDF bytes through libharu.
#pragma once

#include <string>

#include "layout/digest.h"
#include "layout/font_metrics.h"
#include "layout/layout.h"

namespace gz {

// How runs of text reach the page's content stream: `direct` (the default)
// writes the operators HPDF_Page_TextOut would write, byte for byte, without
// its per-character cost; `libharu` calls HPDF_Page_TextOut, and is kept as
// the reference tests compare `direct` against.
enum class TextPath { direct, libharu };

// Embeds the fonts of fonts (the same files layout measured), draws each run
// (see TextPath), adds links, outline and document information from info
// (title, subject, keywords, creator, creation_time; the time 0 means
// "none"). The same input gives the same bytes: nothing comes from the clock.
// Throws Failure (exit 1) naming the file for font problems, and with
// libharu's error in words for other libharu errors.
std::string write_pdf(const LaidOut& pages, const Digest& info, const FontSet& fonts,
                      TextPath text_path = TextPath::direct);

}  // namespace gz
