#include "layout/line_breaker.h"

#include <algorithm>
#include <array>

#include <unicode/locid.h>

#include "base/diag.h"

namespace gz {

namespace {

std::unique_ptr<icu::BreakIterator> make_iterator(bool lines) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Locale& root = icu::Locale::getRoot();
  std::unique_ptr<icu::BreakIterator> it(
      lines ? icu::BreakIterator::createLineInstance(root, st)
            : icu::BreakIterator::createCharacterInstance(root, st));
  if (U_FAILURE(st) || !it) {
    fail_runtime("ICU", std::string("cannot create a break iterator: ") + u_errorName(st));
  }
  return it;
}

}  // namespace

LineBreaker::LineBreaker() : lines_(make_iterator(true)), graphemes_(make_iterator(false)) {}

LineBreaker::~LineBreaker() { utext_close(&text_); }

namespace {

// Line-break classes of the fast path (UAX #14 names in comments).
enum Simple : uint8_t {
  kOther,   // anything else: ICU decides
  kSpace,   // SP: U+0020
  kGlue,    // AL, NU, QU, GL, AI: never a break before (but after spaces) or after
  kInfix,   // IS: , . : ;  never a break before, even after spaces (LB13)
  kExclam,  // EX: ! ?      never a break before, even after spaces (LB13)
};

// Per byte: the class of an ASCII character; kOther for the lead and trail
// bytes of longer sequences (two_byte_class decides those).
constexpr std::array<uint8_t, 256> byte_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kGlue;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kGlue;
  for (int c = '0'; c <= '9'; ++c) t[c] = kGlue;
  t['\''] = t['"'] = kGlue;
  t[' '] = kSpace;
  t[','] = t['.'] = t[':'] = t[';'] = kInfix;
  t['!'] = t['?'] = kExclam;
  return t;
}
constexpr std::array<uint8_t, 256> kByte = byte_classes();

// The class of the two-byte sequence b0 b1 (b0 >= 0xC2): U+00A0 (GL), the
// middle dot U+00B7 (AI, which ICU resolves to AL; the digest's meta lines
// use it) and the letters U+00C0..U+017F (AL) but the signs U+00D7 and
// U+00F7 (AI too, but left to ICU).
inline uint8_t two_byte_class(unsigned char b0, unsigned char b1) {
  switch (b0) {
    case 0xC2:
      return b1 == 0xA0 || b1 == 0xB7 ? kGlue : kOther;
    case 0xC3:
      return b1 == 0x97 || b1 == 0xB7 ? kOther : kGlue;
    case 0xC4:
    case 0xC5:
      return kGlue;
    default:
      return kOther;
  }
}

// Decodes the code point at p (valid UTF-8) and returns its length.
inline uint32_t decode(const char* p, char32_t* c) {
  const auto b = static_cast<unsigned char>(p[0]);
  if (b < 0x80) {
    *c = b;
    return 1;
  }
  if (b < 0xE0) {
    *c = (char32_t(b & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (b < 0xF0) {
    *c = (char32_t(b & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return 3;
  }
  *c = (char32_t(b & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6) |
       (p[3] & 0x3F);
  return 4;
}

}  // namespace

bool LineBreaker::simple_opportunities(std::string_view text, std::vector<BreakOpportunity>& out) {
  // Within this alphabet UAX #14 (as ICU 72 implements it) breaks only
  // after a run of spaces (LB18), never before one (LB7), never between two
  // other characters (LB12 GL x, LB12a x GL, LB13 x IS, LB19 x QU and QU x,
  // LB23 AL x NU, NU x AL, LB25 NU x NU, IS x NU, LB28 AL x AL, LB29 IS x AL)
  // -- except around EX (after it LB31 allows a break before a letter) and
  // before IS or EX after spaces (LB13 forbids it; later Unicode versions
  // tailor it): those contexts go to ICU. Tests compare with ICU.
  out.clear();
  const size_t n = text.size();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  uint8_t prev = kOther;  // start of text: no break before the first character (LB2)
  for (size_t i = 0; i < n;) {
    const unsigned char b = s[i];
    uint8_t cls;
    size_t len = 1;
    if (b < 0x80) {
      cls = kByte[b];
    } else if (i + 1 < n) {
      cls = two_byte_class(b, s[i + 1]);
      len = 2;
    } else {
      return false;
    }
    if (cls == kOther) return false;
    if (prev == kExclam && cls != kSpace && cls != kInfix && cls != kExclam) return false;
    if (prev == kSpace && cls != kSpace) {
      if (cls != kGlue) return false;
      out.push_back({static_cast<uint32_t>(i), false});
    }
    prev = cls;
    i += len;
    // The rest of a run of ASCII letters and digits (most of the text):
    // nothing to decide between them.
    if (cls == kGlue) {
      while (i < n && kByte[s[i]] == kGlue) ++i;
    }
  }
  if (n > 0) out.push_back({static_cast<uint32_t>(n), false});
  return true;
}

void LineBreaker::icu_opportunities(std::string_view text, std::vector<BreakOpportunity>& out) {
  out.clear();
  // A UTF-8 UText lets ICU report boundaries as byte offsets into text, so no
  // UTF-16 copy and no offset map are needed.
  UErrorCode st = U_ZERO_ERROR;
  utext_openUTF8(&text_, text.data(), static_cast<int64_t>(text.size()), &st);
  lines_->setText(&text_, st);
  if (U_FAILURE(st)) fail_runtime("ICU", std::string("cannot set break text: ") + u_errorName(st));
  lines_->first();
  for (int32_t end = lines_->next(); end != icu::BreakIterator::DONE; end = lines_->next()) {
    const int32_t status = lines_->getRuleStatus();
    out.push_back(
        {static_cast<uint32_t>(end), status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT});
  }
}

void LineBreaker::opportunities(std::string_view text, std::vector<BreakOpportunity>& out) {
  if (!simple_opportunities(text, out)) icu_opportunities(text, out);
}

namespace {

bool is_hangul(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
         (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF);
}

// The code point ending just before byte pos.
char32_t before(std::string_view text, uint32_t pos) {
  uint32_t p = pos;
  while (p > 0 && (static_cast<unsigned char>(text[p - 1]) & 0xC0) == 0x80) --p;
  if (p == 0) return 0;
  char32_t c;
  decode(text.data() + p - 1, &c);
  return c;
}

}  // namespace

// ICU breaks between any two Hangul syllables (UAX #14 class ID); Korean
// typography breaks at spaces, as CSS's keep-all does.
void LineBreaker::keep_korean_words(std::string_view text, std::vector<BreakOpportunity>& breaks) {
  if (std::none_of(text.begin(), text.end(),
                   [](char ch) { return static_cast<unsigned char>(ch) >= 0xE1; })) {
    return;  // no character from U+1000 up
  }
  std::erase_if(breaks, [&](const BreakOpportunity& b) {
    if (b.hard || b.pos >= text.size()) return false;
    char32_t next;
    decode(text.data() + b.pos, &next);
    return is_hangul(next) && is_hangul(before(text, b.pos));
  });
}

void LineBreaker::break_urls(std::string_view text, std::vector<BreakOpportunity>& breaks) {
  if (text.find("://") == std::string_view::npos) return;
  urls_.clear();
  find_urls(text, urls_);
  if (urls_.empty()) return;
  merged_.clear();
  size_t k = 0;
  for (const UrlSpan& url : urls_) {
    while (k < breaks.size() && breaks[k].pos <= url.begin) merged_.push_back(breaks[k++]);
    while (k < breaks.size() && breaks[k].pos < url.end) ++k;  // ICU's, inside the URL
    for (uint32_t p = url.host + 1; p < url.end; ++p) {
      if (url_break_allowed(text, url, p)) merged_.push_back({p, false});
    }
  }
  while (k < breaks.size()) merged_.push_back(breaks[k++]);
  breaks.swap(merged_);
}

template <class Measure>
void LineBreaker::collect(std::string_view text, Measure measure) {
  segments_.clear();
  opportunities(text, breaks_);
  keep_korean_words(text, breaks_);
  break_urls(text, breaks_);
  bool leading = true;  // white space before the first word is not drawn
  uint32_t start = 0;
  for (const BreakOpportunity& br : breaks_) {
    Segment seg{start, start, br.pos, 0, 0, br.hard};
    start = br.pos;
    // One pass measures the word and finds where its trailing space starts.
    int64_t units = 0;
    for (uint32_t p = seg.begin; p < seg.end;) {
      const auto b = static_cast<unsigned char>(text[p]);
      if (b > 0x20 && b < 0x80) {  // printable ASCII: drawn, never a breakable space
        leading = false;
        units += measure(p, b);
        seg.content_end = ++p;
        seg.content_units = units;
        continue;
      }
      char32_t c;
      const uint32_t n = decode(text.data() + p, &c);
      p += n;
      const bool space = is_breakable_space(c);
      if (space && leading) {
        seg.begin = seg.content_end = p;
        continue;
      }
      leading = false;
      units += measure(p - n, c);
      if (!space) {
        seg.content_end = p;
        seg.content_units = units;
      }
    }
    seg.space_units = units - seg.content_units;
    if (leading) continue;
    segments_.push_back(seg);
  }
}

template <class Measure>
void LineBreaker::split_long_word(std::string_view text, const Segment& seg, Measure measure,
                                  int64_t max_units, std::vector<LineSpan>& out, LineSpan& line) {
  // The fast path leaves text_ alone: point it at this paragraph.
  UErrorCode st = U_ZERO_ERROR;
  utext_openUTF8(&text_, text.data(), static_cast<int64_t>(text.size()), &st);
  graphemes_->setText(&text_, st);
  if (U_FAILURE(st)) fail_runtime("ICU", std::string("cannot set break text: ") + u_errorName(st));
  line = {seg.begin, seg.begin, 0};
  int32_t pos = static_cast<int32_t>(seg.begin);
  const auto stop = static_cast<int32_t>(seg.content_end);
  while (pos < stop) {
    int32_t next = graphemes_->following(pos);
    if (next == icu::BreakIterator::DONE || next > stop) next = stop;
    int64_t w = 0;
    for (auto p = static_cast<uint32_t>(pos); p < static_cast<uint32_t>(next);) {
      char32_t c;
      const uint32_t n = decode(text.data() + p, &c);
      w += measure(p, c);
      p += n;
    }
    // A line holds at least one grapheme, even one wider than the line.
    if (line.end > line.begin && line.units + w > max_units) {
      out.push_back(line);
      line = {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos), 0};
    }
    line.end = static_cast<uint32_t>(next);
    line.units += w;
    pos = next;
  }
}

template <class Measure>
void LineBreaker::break_with(std::string_view text, Measure measure, int64_t max_units,
                             std::vector<LineSpan>& out) {
  collect(text, measure);
  LineSpan line;
  bool open = false;
  int64_t pending_space = 0;  // trailing space of the line so far: counts only if a word follows
  for (const Segment& seg : segments_) {
    if (seg.content_units > max_units) {
      if (open) out.push_back(line);
      split_long_word(text, seg, measure, max_units, out, line);
    } else if (open && line.units + pending_space + seg.content_units <= max_units) {
      line.end = seg.content_end;
      line.units += pending_space + seg.content_units;
    } else {
      if (open) out.push_back(line);
      line = {seg.begin, seg.content_end, seg.content_units};
    }
    open = true;
    pending_space = seg.space_units;
    if (seg.hard_break) {
      out.push_back(line);
      open = false;
    }
  }
  if (open) out.push_back(line);
}

void LineBreaker::break_lines(std::string_view text, std::span<const int32_t> advance_at,
                              int64_t max_units, std::vector<LineSpan>& out) {
  break_with(
      text, [advance_at](uint32_t pos, char32_t) { return advance_at[pos]; }, max_units, out);
}

}  // namespace gz
