// What the digest says, with every word already in the report's language:
// the input of layout. Built by the driver from the selected bulletins.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/diag.h"
#include "spec/spec.h"

namespace gz {

struct DigestItem {
  std::string title;
  std::string date_text;       // "July 9, 2021" in the report locale
  std::string countries_text;  // "El Salvador, Guatemala, Honduras" (report locale)
  std::vector<std::string> paragraphs;
  Location origin;  // the bulletin's date line in its listing, for warnings
};

struct DigestGroup {
  std::string name;  // country name in the report locale
  std::vector<DigestItem> items;
};

struct Digest {
  std::string title;
  std::string period_text;    // "July 2021"
  std::string regions_text;   // "Central America"
  std::string count_text;     // "7 bulletins"
  std::string contents_text;  // "Contents"
  std::string empty_text;     // "No bulletins in this period."
  std::vector<DigestGroup> groups;
  // "Page 3 of 12" in the report language.
  std::function<std::string(int page, int pages)> footer;
  // A page number of the table of contents in the report locale's digits
  // ("٣" in Arabic); plain digits when unset.
  std::function<std::string(int page)> page_number;
  Paper paper = Paper::A4;
  bool rtl = false;

  // Document information dictionary.
  std::string subject;
  std::string keywords;
  std::string creator;        // "Gazette 0.1.0"
  int64_t creation_time = 0;  // Unix seconds, UTC
};

}  // namespace gz
