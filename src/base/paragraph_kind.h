// What a paragraph of a bulletin is beyond its text: a heading or an item
// of a bullet or numbered list, as its Markdown (or HTML) said. Shared by
// the corpus, which reads it, and layout, which sets it.
#pragma once

#include <cstdint>

namespace gz {

struct ParagraphKind {
  enum Kind : uint8_t { Text, Heading, Bullet, Numbered };
  Kind kind = Text;
  uint8_t level = 0;    // Heading: 1 to 6 ("#" to "######"); items: nesting depth, 0 to 2
  uint32_t number = 0;  // Numbered: the item's number as written ("3." is 3)
  bool operator==(const ParagraphKind&) const = default;
};

}  // namespace gz
