// Word splitting shared by names and texts, so that both give the same keys.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "geo/detail.h"
#include "intl/text.h"

namespace gz::geo::detail {
namespace {

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return u_isalnum(c);
}

// Splits `folded` at its spaces; false if the count differs from `expected`.
bool index_folded(Words& w, size_t expected) {
  w.fstarts.clear();
  w.fstarts.push_back(0);
  for (size_t p = 0; p < w.folded.size(); ++p) {
    if (w.folded[p] == ' ') w.fstarts.push_back(static_cast<uint32_t>(p + 1));
  }
  return w.fstarts.size() == expected;
}

}  // namespace

void Words::reindex() { index_folded(*this, starts.size()); }

bool written_without_spaces(std::string_view language) {
  for (std::string_view l : {"zh", "ja", "th", "lo", "km", "my", "yue", "wuu", "lzh", "bo", "dz"}) {
    if (language == l) return true;
  }
  return false;
}

bool is_unspaced_letter(char32_t c) {
  return (c >= 0x0E00 && c <= 0x0EFF)     // Thai, Lao
         || (c >= 0x1000 && c <= 0x109F)  // Myanmar
         || (c >= 0x1780 && c <= 0x17FF)  // Khmer
         || (c >= 0x0F00 && c <= 0x0FFF)  // Tibetan
         || (c >= 0x3040 && c <= 0x30FF)  // Hiragana, Katakana
         || (c >= 0x3400 && c <= 0x9FFF)  // Han
         || (c >= 0xF900 && c <= 0xFAFF)  // Han compatibility
         || (c >= 0x20000 && c <= 0x3FFFF);
}

std::string_view Words::word(size_t i) const {
  size_t end = i + 1 < starts.size() ? starts[i + 1] - 1 : original.size();
  return std::string_view(original).substr(starts[i], end - starts[i]);
}

std::string_view Words::folded_span(size_t i, size_t j) const {
  size_t end = j + 1 < fstarts.size() ? fstarts[j + 1] - 1 : folded.size();
  return std::string_view(folded).substr(fstarts[i], end - fstarts[i]);
}

void split_words(std::string_view text, Words& out) {
  out.original.clear();
  out.folded.clear();
  out.starts.clear();
  out.fstarts.clear();
  out.has_lowercase = false;
  bool ascii = true;
  bool in_word = false;
  int segment = 0;  // letters since the word's start or its last kept dot
  bool last_alpha = false;
  const char* s = text.data();
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(s, i, n, c);
    }
    // One look-up of the general category for a non-ASCII code point: L*
    // and Nd are what u_isalnum accepts, L* u_isalpha, Ll u_islower.
    const uint32_t gc = c < 0x80 ? 0 : static_cast<uint32_t>(U_GET_GC_MASK(c));
    const bool mark = (gc & U_GC_M_MASK) != 0;
    const bool word_char = c < 0x80 ? is_word_char(c) : (gc & (U_GC_L_MASK | U_GC_ND_MASK)) != 0;
    if (c >= 0 && (word_char || (in_word && mark))) {
      if (!in_word) {
        if (!out.original.empty()) out.original += ' ';
        out.starts.push_back(static_cast<uint32_t>(out.original.size()));
        in_word = true;
        segment = 0;
      }
      out.original.append(s + at, i - at);
      if (c < 0x80) {
        ++segment;
        last_alpha = !(c >= '0' && c <= '9');
      } else if (!mark) {
        ++segment;
        last_alpha = (gc & U_GC_L_MASK) != 0;
      }
      ascii = ascii && c < 0x80;
      if (!out.has_lowercase)
        out.has_lowercase = c < 0x80 ? c >= 'a' && c <= 'z' : (gc & U_GC_LL_MASK) != 0;
      continue;
    }
    // Keep the dots of "U.S." so that it is not the word "us".
    if (c == '.' && in_word && segment == 1 && last_alpha && i < n) {
      int32_t k = i;
      UChar32 next;
      U8_NEXT(s, k, n, next);
      if (next >= 0 &&
          (next < 0x80 ? is_word_char(next) && !(next >= '0' && next <= '9') : u_isalpha(next))) {
        out.original += '.';
        segment = 0;
        continue;
      }
    }
    in_word = false;
  }

  if (ascii) {  // what fold_for_match does with ASCII, minus a copy and a scan
    out.folded = out.original;
    for (char& ch : out.folded) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
  } else {
    out.folded = intl::fold_for_match(out.original);
  }
  if (index_folded(out, out.starts.size())) return;
  // Folding never adds or drops spaces in practice; if it ever does, fold
  // word by word so that folded and original words stay aligned.
  out.folded.clear();
  for (size_t w = 0; w < out.starts.size(); ++w) {
    if (w > 0) out.folded += ' ';
    out.folded += intl::fold_for_match(out.word(w));
  }
  index_folded(out, out.starts.size());
}

std::string name_key(std::string_view name) {
  Words w;
  split_words(name, w);
  return std::move(w.folded);
}

bool too_short(std::string_view key) {
  if (key.size() > 2) return false;
  for (char ch : key) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

}  // namespace gz::geo::detail
