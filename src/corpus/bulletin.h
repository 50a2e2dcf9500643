#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/diag.h"

namespace gz {

// One news item, whatever source it came from. Text is valid UTF-8, NFC,
// with runs of white space folded to one space and no leading/trailing space.
struct Bulletin {
  Date date;
  std::string title;
  std::vector<std::string> paragraphs;
  std::string lang;                    // BCP 47 / ICU id of the text, e.g. "en"
  std::vector<std::string> countries;  // ISO 3166 alpha-2, sorted, unique
  Location origin;                     // where it starts (the date line)
};

}  // namespace gz
