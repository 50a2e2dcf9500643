// Small UTF-8 helpers that need no ICU: validation with the offset of the
// first bad byte, decoding one code point, counting code points.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gz {

// Offset of the first byte that does not begin a well-formed UTF-8 sequence
// (overlongs, surrogates and values past U+10FFFF are ill-formed), or npos.
size_t utf8_first_invalid(std::string_view s);
inline bool utf8_valid(std::string_view s) {
  return utf8_first_invalid(s) == std::string_view::npos;
}

// Decodes the code point at the start of s (which must be valid UTF-8 and
// non-empty) into *c and returns its length in bytes.
size_t utf8_decode(std::string_view s, char32_t* c);

void utf8_append(std::string& out, char32_t c);

// Number of code points in a valid UTF-8 string.
size_t utf8_length(std::string_view s);

// s made safe to print on a terminal: control characters (C0 but the tab
// when keep_tab, DEL, C1) become "\x1B" or "\u009B", and bytes that are
// not UTF-8 "\xFF", so that text from a listing or feed (a title with an
// escape sequence) cannot move the cursor, recolour or retitle the
// terminal. A backslash stays itself. Everything else is unchanged.
std::string terminal_safe(std::string_view s, bool keep_tab = false);

}  // namespace gz
