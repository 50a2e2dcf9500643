// Text for XML and HTML: the characters markup gives a meaning escaped.
#pragma once

#include <string>
#include <string_view>

namespace gz {

// text as element content or a double-quoted attribute value: & < > "
// escaped.
inline std::string markup_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace gz
