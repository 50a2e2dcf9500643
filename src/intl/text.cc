#include "intl/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "intl/icu_util.h"

namespace gz::intl {
namespace {

using detail::check;

// Normalizer2 instances are ICU-owned singletons: fetch each once.
const icu::Normalizer2& nfc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFCInstance(status);
    check(status, "loading NFC data");
    return p;
  }();
  return *n;
}

const icu::Normalizer2& nfd() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFDInstance(status);
    check(status, "loading NFD data");
    return p;
  }();
  return *n;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

constexpr uint64_t kEach = 0x0101010101010101;  // a byte's value in each of 8 bytes
constexpr uint64_t kTops = 0x80 * kEach;        // the top bit of each byte

uint64_t load8(const uint8_t* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Whether every code point of s (valid UTF-8) is below U+0300. NFC changes
// nothing in such text: each of these code points is NFC_Quick_Check=Yes
// with combining class 0 (checked against ICU in tests/test_intl.cc), and
// U+0300, the first combining mark, is where what may compose begins. In
// UTF-8 their bytes are all below 0xCC (lead bytes 0xC2..0xCB), read eight
// at a time: a byte is 0xCC or more when its top bit is set and its low
// seven bits plus 0x34 reach 0x80 (no carry leaves a byte).
bool below_combining_marks(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t x = load8(p + i);
    if ((((x & ~kTops) + 0x34 * kEach) & x & kTops) != 0) return false;
  }
  for (; i < n; ++i) {
    if (p[i] >= 0xCC) return false;
  }
  return true;
}

// Whether the 8 bytes at p (starting a character) are a stretch
// fold_spaces copies as it is: printable ASCII, characters of two bytes
// other than U+0080..U+00BF (lead byte 0xC2, with U+0085 and U+00A0, the
// two that are white space), and spaces each followed, within the 8, by
// one of these; ending with a whole character. The caller has a non-space
// character just before p. Each test looks at every byte at once, with no
// carry from one byte to the next: the low seven bits plus at most 0x7F
// stay within the byte.
bool plain_stretch(const uint8_t* p) {
  const uint64_t x = load8(p);
  const uint64_t low = ~kTops;
  const uint64_t lo = x & low;
  // A control character (below 0x20): top bit clear, also once 0x60 is
  // added to its low bits.
  if ((~((lo + 0x60 * kEach) | x) & kTops) != 0) return false;
  // A lead byte of three or four bytes (0xE0 and up): top bit set, and set
  // in its low bits plus 0x20.
  if (((lo + 0x20 * kEach) & x & kTops) != 0) return false;
  // The top bit of each byte equal to b, and of no other.
  auto equal = [&](uint64_t b) {
    const uint64_t e = x ^ (b * kEach);
    return ~(((e & low) + low) | e | low);
  };
  if (equal(0xC2) != 0) return false;
  const uint64_t spaces = equal(' ');
  if ((spaces & (spaces >> 8)) != 0) return false;  // two spaces side by side
  return p[7] != ' ' && p[7] < 0xC0;                // not a space, nor a lead byte
}

// Whether lead and trail bytes are a code point of two UTF-8 bytes
// (U+0080..U+07FF) that is not white space: of those, only U+0085 (C2 85)
// and U+00A0 (C2 A0) are (checked against ICU in tests/test_intl.cc).
bool is_two_byte_non_space(uint8_t lead, uint8_t trail) {
  return lead >= 0xC2 && lead < 0xE0 && (lead != 0xC2 || (trail != 0x85 && trail != 0xA0));
}

// Copies s, turning each run of white space into one ' ' and dropping it at
// both ends.
std::string fold_spaces(std::string_view s) {
  std::string out(s.size(), '\0');  // never longer than s
  char* o = out.data();
  size_t n = 0;
  bool pending = false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t len = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < len;) {
    // ASCII fast path: most bulletin text is ASCII, and u_isUWhiteSpace
    // costs a property lookup per character.
    if (p[i] < 0x80) {
      const uint8_t c = p[i];
      if (c == ' ' || (c >= '\t' && c <= '\r')) {  // as u_isUWhiteSpace
        pending = true;
        ++i;
        continue;
      }
      if (pending && n > 0) o[n++] = ' ';
      pending = false;
      // Printable ASCII and the code points of two bytes but U+0085 and
      // U+00A0 are never white space, and a single space before one of
      // them stays as it is: copy the whole run at once, eight bytes at a
      // time where plain_stretch allows, else character by character for
      // at most eight bytes before trying eight at a time again.
      int32_t end = i + 1;
      for (bool more = true; more && end < len;) {
        if (end + 8 <= len && plain_stretch(p + end)) {
          end += 8;
          continue;
        }
        for (const int32_t stop = std::min(end + 8, len); end < stop;) {
          int32_t next = end + (p[end] == ' ');  // a space is kept before a kept character
          if (next < len && p[next] > ' ' && p[next] < 0x80) {
            end = next + 1;
          } else if (next + 1 < len && is_two_byte_non_space(p[next], p[next + 1])) {
            end = next + 2;
          } else {
            more = false;
            break;
          }
        }
      }
      std::memcpy(o + n, p + i, size_t(end - i));
      n += size_t(end - i);
      i = end;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      pending = true;
      continue;
    }
    if (pending && n > 0) o[n++] = ' ';
    pending = false;
    std::memcpy(o + n, s.data() + start, size_t(i - start));
    n += size_t(i - start);
  }
  out.resize(n);
  return out;
}

}  // namespace

std::string normalize_text(std::string_view s) {
  // Text below U+0300 (ASCII, Latin-1, most of extended Latin) is already
  // NFC; ICU's quick check keeps most of the rest off the slow path.
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (below_combining_marks(s) || nfc().isNormalizedUTF8(piece, status)) return fold_spaces(s);
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed, static_cast<int32_t>(s.size()));
  status = U_ZERO_ERROR;
  nfc().normalizeUTF8(0, piece, sink, nullptr, status);
  check(status, "NFC normalisation");
  return fold_spaces(composed);
}

std::string fold_for_match_icu(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(detail::to_ustring(s), status);
  check(status, "NFD normalisation");
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  bare.foldCase(U_FOLD_CASE_DEFAULT);
  icu::UnicodeString composed = nfc().normalize(bare, status);
  check(status, "NFC normalisation");
  return detail::to_utf8(composed);
}

namespace {

// The fold of each code point of two UTF-8 bytes, U+0080..U+07FF (accented
// Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic...), by ICU, found once
// per lead byte (64 code points) when first met. Such a text folds code
// point by code point: NFD splits each into a letter and non-spacing marks,
// which go (a lone combining mark folds to nothing); case folding reads one
// code point at a time; and what is left composes with nothing under NFC,
// because no character of U+0000..U+07FF composes with a following one that
// is not a non-spacing mark (Unicode's composition pairs). Tests check it
// against ICU on every such code point, every pair of Latin-1 and of
// Cyrillic letters and marks, and random text.
const std::string& two_byte_fold(unsigned char lead, unsigned char trail) {
  using Block = std::array<std::string, 64>;
  static std::array<std::once_flag, 32> once;
  static std::array<Block, 32> folds;
  const size_t b = lead - 0xC0u;
  std::call_once(once[b], [b] {
    for (int i = 0; i < 64; ++i) {
      const char c[2] = {static_cast<char>(0xC0 + b), static_cast<char>(0x80 + i)};
      folds[b][size_t(i)] = fold_for_match_icu(std::string_view(c, 2));
    }
  });
  return folds[b][trail - 0x80u];
}

}  // namespace

std::string fold_for_match(std::string_view s) {
  if (is_ascii(s)) {  // ASCII has no marks, and folds to lower case
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  // Latin, Greek, Cyrillic, Hebrew and Arabic text: ASCII and code points
  // of two bytes; anything else (three or four bytes) is left to ICU.
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      continue;
    }
    const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c < 0xC2 || c > 0xDF || next < 0x80 || next > 0xBF) return fold_for_match_icu(s);
    out += two_byte_fold(c, next);
    ++i;
  }
  return out;
}

}  // namespace gz::intl
