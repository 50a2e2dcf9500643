#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diag.h"
#include "base/paragraph_kind.h"

namespace gz {

// Emphasis, strong text or a link over bytes [begin, end) of one paragraph's
// plain text. Kept beside the text rather than in it, so that tagging and
// line breaking see plain words and layout may use the marks or not.
struct TextMark {
  enum Kind : uint8_t { Emphasis, Strong, Link };
  uint32_t begin = 0;
  uint32_t end = 0;
  Kind kind = Emphasis;
  std::string url;  // for Link
  bool operator==(const TextMark&) const = default;
};

// One news item, whatever source it came from. Text is valid UTF-8, NFC,
// with runs of white space folded to one space and no leading/trailing space.
struct Bulletin {
  Date date;
  std::string title;
  std::vector<std::string> paragraphs;
  std::string lang;                    // BCP 47 / ICU id of the text, e.g. "en"
  std::vector<std::string> countries;  // ISO 3166 alpha-2, sorted, unique
  Location origin;                     // where it starts (the date line, the item)

  std::string url;                // the bulletin on the web, when the source gives it
  std::string source;             // the file it was read from (origin.file)
  std::string publisher;          // who published it ("IOM"), when the source says
  std::vector<std::string> tags;  // as the source gives them
  // Empty, or one list per paragraph (sorted by begin; may nest).
  std::vector<std::vector<TextMark>> marks;
  // Empty when every paragraph is plain text, or one per paragraph:
  // headings and list items of Markdown and HTML bodies.
  std::vector<ParagraphKind> kinds;
};

}  // namespace gz
