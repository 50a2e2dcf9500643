// What a PDF says about itself beyond its pages: the document information
// dictionary and, for [output] pdf_standards, the XMP metadata, the
// standards it claims and its output intent. The title and the language are
// the Digest's (what the cover says, what the report's words are in).
// Filled by app/ for each variant: compose gives the words, the spec the
// standards, the run the date and the profile.
#pragma once

#include <cstdint>
#include <string>

namespace gz {

struct DocumentInfo {
  std::string subject;        // "July 2021 — Central America"
  std::string keywords;       // "Guatemala, Honduras" (the groups, "Other" not)
  std::string creator;        // "Gazette 0.1.0"
  int64_t creation_time = 0;  // Unix seconds, UTC; 0: none

  // [output] pdf_standards: PDF/UA-1 and PDF/A-2a. Either one makes a tagged
  // PDF (structure tree, marked content, /Lang); layout must then be told
  // (LayoutOptions::tagged). PDF/A adds the sRGB output intent, icc_profile
  // (the profile's bytes, required then).
  bool pdf_ua = false;
  bool pdf_a = false;
  std::string icc_profile;
  bool tagged() const { return pdf_ua || pdf_a; }
};

}  // namespace gz
