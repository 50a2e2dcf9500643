#include "layout/line_setter.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/ushape.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "base/diag.h"
#include "base/utf8.h"

namespace gz {

namespace {

void check(UErrorCode st, const char* doing) {
  if (U_FAILURE(st)) fail_runtime("ICU", std::string(doing) + ": " + u_errorName(st));
}

void to_utf16(std::string_view s, std::u16string& out) {
  out.resize(s.size() + 1);  // UTF-16 never needs more units than UTF-8 has bytes
  int32_t len = 0;
  UErrorCode st = U_ZERO_ERROR;
  u_strFromUTF8(out.data(), static_cast<int32_t>(out.size()), &len, s.data(),
                static_cast<int32_t>(s.size()), &st);
  check(st, "converting text to UTF-16");
  out.resize(len);
}

void append_utf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Letters u_shapeArabic turns into presentation forms (Arabic, Persian, Urdu).
bool needs_arabic_shaping(char16_t c) { return c >= 0x0600 && c <= 0x06FF; }

bool is_rtl(char16_t c) {
  // Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms.
  if (c < 0x0590) return false;
  UCharDirection d = u_charDirection(c);
  return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_RIGHT_TO_LEFT_EMBEDDING ||
         d == U_RIGHT_TO_LEFT_OVERRIDE || d == U_RIGHT_TO_LEFT_ISOLATE;
}

}  // namespace

LineSetter::LineSetter(const FontSet& fonts) : fonts_(fonts) {
  UErrorCode st = U_ZERO_ERROR;
  bidi_ = ubidi_open();
  if (!bidi_) st = U_MEMORY_ALLOCATION_ERROR;
  check(st, "cannot create a bidi object");
}

LineSetter::~LineSetter() { ubidi_close(bidi_); }

Paragraph LineSetter::prepare(std::string_view text, bool rtl_default, std::string& storage,
                              std::vector<uint32_t>* cuts) {
  Paragraph p{text, static_cast<UBiDiLevel>(rtl_default ? 1 : 0), false};
  // Most text has no character from U+0590 up (2-byte UTF-8 leads from 0xD6
  // and every longer sequence reach it): decide without ICU.
  bool maybe_rtl = false;
  bool has_letter = false;  // ASCII letters and U+00C0..U+058F, nearly all letters
  for (char ch : text) {
    auto b = static_cast<unsigned char>(ch);
    maybe_rtl = maybe_rtl || b >= 0xD6;
    has_letter =
        has_letter || (b >= 0xC3 && b < 0xD6) || static_cast<unsigned>((b | 0x20) - 'a') < 26u;
  }
  if (!maybe_rtl) {
    if (has_letter) {
      p.level = 0;  // Latin, Greek, Cyrillic, Armenian: left to right
    } else {
      p.bidi = rtl_default;  // digits and punctuation follow the digest
    }
    return p;
  }
  to_utf16(text, logical_);
  UBiDiDirection dir =
      ubidi_getBaseDirection(logical_.data(), static_cast<int32_t>(logical_.size()));
  if (dir == UBIDI_LTR) p.level = 0;
  if (dir == UBIDI_RTL) p.level = 1;
  bool arabic = false;
  for (char16_t c : logical_) {
    p.bidi = p.bidi || is_rtl(c);
    arabic = arabic || needs_arabic_shaping(c);
  }
  p.bidi = p.bidi || p.level == 1;
  if (!arabic) return p;
  storage.clear();
  if (!cuts || cuts->empty()) {
    shape(logical_.data(), static_cast<int32_t>(logical_.size()), storage);
  } else {
    // Segment by segment: a mark's ends map exactly to the shaped text. A
    // cut inside a word loses the joining across it, which marks (whole
    // words, as a rule) seldom ask for.
    uint32_t from = 0;
    auto shape_to = [&](uint32_t to) {
      to_utf16(text.substr(from, to - from), segment_);
      shape(segment_.data(), static_cast<int32_t>(segment_.size()), storage);
      from = to;
    };
    for (uint32_t& cut : *cuts) {
      shape_to(std::clamp(cut, from, static_cast<uint32_t>(text.size())));
      cut = static_cast<uint32_t>(storage.size());
    }
    shape_to(static_cast<uint32_t>(text.size()));
  }
  p.text = storage;
  return p;
}

void LineSetter::shape(const char16_t* text, int32_t length, std::string& out) {
  // Shaping the whole paragraph in logical order, before breaking, means
  // lines are measured on the presentation forms actually drawn. GROW_SHRINK
  // lets lam-alef become one ligature without the filler space that the
  // fixed-length modes leave behind.
  if (length == 0) return;
  visual_.resize(static_cast<size_t>(length) * 2 + 1);
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = u_shapeArabic(
      text, length, visual_.data(), static_cast<int32_t>(visual_.size()),
      U_SHAPE_LETTERS_SHAPE | U_SHAPE_LENGTH_GROW_SHRINK | U_SHAPE_TEXT_DIRECTION_LOGICAL, &st);
  check(st, "shaping Arabic text");
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(visual_.data(), i, n, c);
    append_utf8(static_cast<char32_t>(c), out);
  }
}

int64_t LineSetter::set(std::string_view line, const Paragraph& p, FontId style,
                        std::vector<Piece>& out) {
  const FontChain& chain = fonts_.chain(style);
  int64_t x = 0;
  if (!p.bidi) return set_left_to_right(line, chain, out);
  to_utf16(line, logical_);
  UErrorCode st = U_ZERO_ERROR;
  ubidi_setPara(bidi_, logical_.data(), static_cast<int32_t>(logical_.size()), p.level, nullptr,
                &st);
  check(st, "ordering bidirectional text");
  visual_.resize(logical_.size() * 2 + 1);
  int32_t n = ubidi_writeReordered(bidi_, visual_.data(), static_cast<int32_t>(visual_.size()),
                                   UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &st);
  check(st, "reordering bidirectional text");
  visual_.resize(n);
  itemise(visual_, chain, out, x);
  return x;
}

namespace {

// Adds c to the pieces: a new piece when the face changes.
inline void add(char32_t c, const FontChain& chain, Advances adv, std::vector<Piece>& out,
                size_t first, int64_t& x) {
  if (chain.ignored(c)) return;
  FaceId face = chain.face_for(c);
  if (out.size() == first || out.back().face != face) out.push_back({face, x, 0, {}, {}});
  int w = adv.drawn_advance(c);
  out.back().units += w;
  x += w;
  append_utf8(c, out.back().text);
}

void itemise_utf8(std::string_view visual, const FontChain& chain, std::vector<Piece>& out,
                  int64_t& x) {
  // Pieces take whole byte ranges of the line: no per-character appends. The
  // piece being built is kept in locals (face, width, pending bytes) and
  // written out when the face changes, at ignored characters and at the end.
  const Advances adv = chain.advances();
  const int ascii_face = chain.ascii_face();
  bool open = false;  // a piece of this line is being built (out.back())
  FaceId face = 0;
  int64_t units = 0;  // of the piece, not yet in out.back().units
  int64_t at = x;     // where units begin
  size_t start = 0;   // of the bytes not yet in a piece
  auto flush = [&](size_t end) {
    if (!open) return;
    Piece& piece = out.back();
    if (end > start) piece.text.append(visual.data() + start, end - start);
    piece.units += units;
    at += units;
    units = 0;
  };
  for (size_t i = 0; i < visual.size();) {
    char32_t c;
    const size_t n = static_cast<unsigned char>(visual[i]) < 0x80
                         ? (c = static_cast<unsigned char>(visual[i]), 1)
                         : utf8_decode(visual.substr(i), &c);
    if (chain.ignored(c)) {
      flush(i);
      i += n;
      start = i;
      continue;
    }
    const FaceId f = chain.face_for(c);
    if (!open || f != face) {
      flush(i);
      start = i;
      out.push_back({f, at, 0, {}, {}});
      open = true;
      face = f;
    }
    units += adv.drawn_advance(c);
    i += n;
    if (face == ascii_face) {
      // The rest of a run of printable ASCII: this face throughout.
      for (; i < visual.size(); ++i) {
        const auto b = static_cast<unsigned char>(visual[i]);
        if (b - 0x20u >= 0x5Fu) break;
        units += adv.drawn_advance(b);
      }
    }
  }
  flush(visual.size());
  x = at;
}

}  // namespace

int64_t set_left_to_right(std::string_view text, const FontChain& chain, std::vector<Piece>& out) {
  int64_t x = 0;
  itemise_utf8(text, chain, out, x);
  return x;
}

void LineSetter::itemise(const std::u16string& visual, const FontChain& chain,
                         std::vector<Piece>& out, int64_t& x) {
  const size_t first = out.size();
  const Advances adv = chain.advances();
  const auto n = static_cast<int32_t>(visual.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(visual.data(), i, n, c);
    add(static_cast<char32_t>(c), chain, adv, out, first, x);
  }
}

int64_t LineSetter::set(std::string_view line, const Paragraph& p, FontId style,
                        std::span<const StyleRun> runs, std::vector<Piece>& out) {
  if (runs.empty()) return set(line, p, style, out);
  // The line in UTF-16, each unit with the run holding it (runs are over
  // p.text; line is a part of it).
  const auto line_begin = static_cast<uint32_t>(line.data() - p.text.data());
  logical_.clear();
  unit_run_.clear();
  auto run = std::upper_bound(runs.begin(), runs.end(), line_begin,
                              [](uint32_t pos, const StyleRun& r) { return pos < r.end; });
  for (size_t i = 0; i < line.size();) {
    char32_t c;
    const size_t n = utf8_decode(line.substr(i), &c);
    const auto pos = static_cast<uint32_t>(line_begin + i);
    while (run != runs.end() && run->end <= pos) ++run;
    const int32_t r =
        run != runs.end() && run->begin <= pos ? static_cast<int32_t>(run - runs.begin()) : -1;
    if (c < 0x10000) {
      logical_ += static_cast<char16_t>(c);
      unit_run_.push_back(r);
    } else {
      logical_ += static_cast<char16_t>(U16_LEAD(c));
      logical_ += static_cast<char16_t>(U16_TRAIL(c));
      unit_run_.insert(unit_run_.end(), 2, r);
    }
    i += n;
  }

  const size_t first = out.size();
  int64_t x = 0;
  auto add_styled = [&](UChar32 c, int32_t r) {
    const FontChain& chain = fonts_.chain(r < 0 ? style : runs[r].font);
    const auto ch = static_cast<char32_t>(c);
    if (chain.ignored(ch)) return;  // bidi controls among them, as ubidi would drop
    const FaceId face = chain.face_for(ch);
    const std::string_view url = r < 0 ? std::string_view() : runs[r].url;
    if (out.size() == first || out.back().face != face || out.back().url != url) {
      out.push_back({face, x, 0, {}, url});
    }
    const int w = chain.advances().drawn_advance(ch);
    out.back().units += w;
    x += w;
    append_utf8(ch, out.back().text);
  };
  const auto n = static_cast<int32_t>(logical_.size());
  if (!p.bidi) {
    for (int32_t i = 0; i < n;) {
      const int32_t at = i;
      UChar32 c;
      U16_NEXT(logical_.data(), i, n, c);
      add_styled(c, unit_run_[at]);
    }
    return x;
  }
  // Reordered run by run rather than with ubidi_writeReordered, so that each
  // character drawn keeps its logical index and so its style and link. Same
  // result: right-to-left runs backwards with brackets mirrored; controls
  // are dropped as ignorable.
  UErrorCode st = U_ZERO_ERROR;
  ubidi_setPara(bidi_, logical_.data(), n, p.level, nullptr, &st);
  check(st, "ordering bidirectional text");
  const int32_t count = ubidi_countRuns(bidi_, &st);
  check(st, "ordering bidirectional text");
  for (int32_t k = 0; k < count; ++k) {
    int32_t start = 0, length = 0;
    const UBiDiDirection dir = ubidi_getVisualRun(bidi_, k, &start, &length);
    const int32_t end = start + length;
    if (dir == UBIDI_LTR) {
      for (int32_t i = start; i < end;) {
        const int32_t at = i;
        UChar32 c;
        U16_NEXT(logical_.data(), i, end, c);
        add_styled(c, unit_run_[at]);
      }
    } else {
      for (int32_t i = end; i > start;) {
        UChar32 c;
        U16_PREV(logical_.data(), start, i, c);
        add_styled(u_charMirror(c), unit_run_[i]);
      }
    }
  }
  return x;
}

}  // namespace gz
