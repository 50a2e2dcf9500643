// The pdf phase: laid-out pages become PDF bytes through libharu.
#pragma once

#include <string>

#include "layout/digest.h"
#include "layout/font_metrics.h"
#include "layout/layout.h"

namespace gz {

// Embeds the fonts of fonts (the same files layout measured), draws each run
// with one TextOut, adds links, outline and document information from info
// (title, subject, keywords, creator, creation_time; the time 0 means
// "none"). The same input gives the same bytes: nothing comes from the clock.
// Throws Failure (exit 1) naming the file for font problems, and with
// libharu's error in words for other libharu errors.
std::string write_pdf(const LaidOut& pages, const Digest& info, const FontSet& fonts);

}  // namespace gz
