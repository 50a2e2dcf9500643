#include "layout/line_setter.h"

#include <algorithm>
#include <array>

#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include "base/diag.h"
#include "base/utf8.h"

namespace gz {

namespace {

void check(UErrorCode st, const char* doing) {
  if (U_FAILURE(st)) fail_runtime("ICU", std::string(doing) + ": " + u_errorName(st));
}

// ICU's script code as HarfBuzz's, looked up once per script.
uint32_t hb_script_of(UScriptCode s) {
  static const std::array<uint32_t, USCRIPT_CODE_LIMIT> table = [] {
    std::array<uint32_t, USCRIPT_CODE_LIMIT> t{};
    for (int i = 0; i < USCRIPT_CODE_LIMIT; ++i) {
      const char* name = uscript_getShortName(static_cast<UScriptCode>(i));
      t[i] = name ? hb_script_from_string(name, -1) : HB_SCRIPT_UNKNOWN;
    }
    return t;
  }();
  return s >= 0 && s < USCRIPT_CODE_LIMIT ? table[s] : uint32_t{HB_SCRIPT_UNKNOWN};
}

// ICU's script of c, from a table for the two-byte UTF-8 range (Latin,
// Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana: most text),
// built from ICU once.
UScriptCode script_of(char32_t c) {
  static const std::array<uint8_t, 0x800> table = [] {
    std::array<uint8_t, 0x800> t{};
    for (char32_t k = 0; k < t.size(); ++k) {
      UErrorCode st = U_ZERO_ERROR;
      const UScriptCode s = uscript_getScript(static_cast<UChar32>(k), &st);
      t[k] = U_SUCCESS(st) && s >= 0 && s < 0xFF ? static_cast<uint8_t>(s) : 0xFF;
    }
    return t;
  }();
  if (c < table.size() && table[c] != 0xFF) return static_cast<UScriptCode>(table[c]);
  UErrorCode st = U_ZERO_ERROR;
  const UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &st);
  return U_SUCCESS(st) ? s : USCRIPT_INVALID_CODE;
}

bool is_word_space(char32_t c) { return is_breakable_space(c) || c == 0xA0; }

}  // namespace

LineSetter::LineSetter(Shaper& shaper) : shaper_(shaper) {
  bidi_ = ubidi_open();
  if (!bidi_) fail_runtime("ICU", "cannot create a bidi object");
}

LineSetter::~LineSetter() { ubidi_close(bidi_); }

void LineSetter::prepare(std::string_view text, bool rtl_default, std::string_view lang,
                         FontId style, std::span<const StyleRun> runs, Paragraph& p) {
  shaper_.trim();
  const auto size = static_cast<uint32_t>(text.size());
  p.text = text;
  p.words.clear();
  p.advance_at.assign(size, 0);
  p.missing = false;
  p.level = rtl_default ? 1 : 0;
  p.bidi = false;
  levels_.assign(size, 0);
  scripts_.assign(size, HB_SCRIPT_LATIN);

  // Most text has no character from U+0590 up (2-byte UTF-8 leads from 0xD6
  // and every longer sequence reach it), and most has a letter: then it is
  // left to right throughout, decided without ICU.
  bool maybe_rtl = false, has_letter = false, ascii = true;
  for (char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    maybe_rtl = maybe_rtl || b >= 0xD6;
    ascii = ascii && b < 0x80;
    has_letter =
        has_letter || (b >= 0xC3 && b < 0xD6) || static_cast<unsigned>((b | 0x20) - 'a') < 26u;
  }
  if (size == 0) {
    p.level = rtl_default ? 1 : 0;
  } else if (maybe_rtl || (rtl_default && !has_letter)) {
    utf16_.clear();
    offsets_.clear();
    for (uint32_t i = 0; i < size;) {
      char32_t c;
      const auto n = static_cast<uint32_t>(utf8_decode(text.substr(i), &c));
      if (c < 0x10000) {
        utf16_ += static_cast<char16_t>(c);
        offsets_.push_back(i);
      } else {
        utf16_ += static_cast<char16_t>(U16_LEAD(c));
        utf16_ += static_cast<char16_t>(U16_TRAIL(c));
        offsets_.insert(offsets_.end(), 2, i);
      }
      i += n;
    }
    UErrorCode st = U_ZERO_ERROR;
    ubidi_setPara(bidi_, utf16_.data(), static_cast<int32_t>(utf16_.size()),
                  rtl_default ? UBIDI_DEFAULT_RTL : UBIDI_DEFAULT_LTR, nullptr, &st);
    check(st, "ordering bidirectional text");
    p.level = ubidi_getParaLevel(bidi_);
    const UBiDiLevel* levels = ubidi_getLevels(bidi_, &st);
    check(st, "ordering bidirectional text");
    p.bidi = p.level & 1;
    for (size_t k = 0; k < utf16_.size(); ++k) {
      const uint32_t from = offsets_[k];
      const uint32_t to = k + 1 < offsets_.size() ? offsets_[k + 1] : size;
      std::fill(levels_.begin() + from, levels_.begin() + std::max(from, to), levels[k]);
      p.bidi = p.bidi || (levels[k] & 1);
    }
  } else {
    p.level = 0;
  }

  // Scripts: characters common to several (digits, punctuation, spaces) and
  // combining marks take the script of the text before them, else after.
  if (!ascii) {
    uint32_t current = HB_SCRIPT_INVALID;
    uint32_t pending = 0;  // start of leading common characters
    for (uint32_t i = 0; i < size;) {
      char32_t c;
      const auto n = static_cast<uint32_t>(utf8_decode(text.substr(i), &c));
      const UScriptCode s = script_of(c);
      if (s != USCRIPT_COMMON && s != USCRIPT_INHERITED && s != USCRIPT_INVALID_CODE) {
        const uint32_t hs = hb_script_of(s);
        if (current == HB_SCRIPT_INVALID)
          std::fill(scripts_.begin() + pending, scripts_.begin() + i, hs);
        current = hs;
      }
      if (current != HB_SCRIPT_INVALID)
        std::fill(scripts_.begin() + i, scripts_.begin() + i + n, current);
      i += n;
    }
    if (current == HB_SCRIPT_INVALID) std::fill(scripts_.begin(), scripts_.end(), HB_SCRIPT_COMMON);
  }

  // Words: runs of one level, script, style and link, split where spaces
  // begin and end; each shaped through the cache.
  auto run = runs.begin();
  auto run_at = [&](uint32_t pos) -> const StyleRun* {
    while (run != runs.end() && run->end <= pos) ++run;
    return run != runs.end() && run->begin <= pos ? &*run : nullptr;
  };
  uint32_t start = 0;
  const StyleRun* start_run = nullptr;
  bool start_space = false;
  // The face of the previous word, for the spaces and punctuation after it
  // (of its script and style): Kannada spaces in the Kannada font.
  int prev_face = Shaper::kNoFace;
  uint32_t prev_script = HB_SCRIPT_INVALID;
  FontId prev_font = style;
  auto finish = [&](uint32_t end) {
    if (end <= start) return;
    const FontId font = start_run ? start_run->font : style;
    const UBiDiLevel level = levels_[start];
    const int prefer =
        scripts_[start] == prev_script && font == prev_font ? prev_face : Shaper::kNoFace;
    const ShapedText& shaped = shaper_.shape(text.substr(start, end - start), font, scripts_[start],
                                             level & 1, lang, prefer);
    if (!shaped.glyphs.empty() && !start_space) {
      prev_face = shaped.glyphs.front().face;
      prev_script = scripts_[start];
      prev_font = font;
    }
    for (const ShapedGlyph& g : shaped.glyphs) p.advance_at[start + g.cluster] += g.advance;
    p.missing = p.missing || shaped.missing;
    p.words.push_back(
        {start, end, level, &shaped, start_run ? start_run->url : std::string_view()});
  };
  for (uint32_t i = 0; i < size;) {
    char32_t c;
    const auto b = static_cast<unsigned char>(text[i]);
    const auto n = b < 0x80 ? (c = b, 1u) : static_cast<uint32_t>(utf8_decode(text.substr(i), &c));
    const bool space = is_word_space(c);
    const StyleRun* r = runs.empty() ? nullptr : run_at(i);
    if (i > start && (space != start_space || r != start_run || levels_[i] != levels_[start] ||
                      scripts_[i] != scripts_[start])) {
      finish(i);
      start = i;
    }
    if (i == start) {
      start_space = space;
      start_run = r;
    }
    i += n;
  }
  finish(size);
}

int64_t LineSetter::set(const Paragraph& p, uint32_t begin, uint32_t end, std::vector<Piece>& out,
                        size_t spare) {
  segs_.clear();
  auto w =
      std::upper_bound(p.words.begin(), p.words.end(), begin,
                       [](uint32_t pos, const Paragraph::Word& word) { return pos < word.end; });
  UBiDiLevel max_level = 0, min_odd = 0xFF;
  for (; w != p.words.end() && w->begin < end; ++w) {
    segs_.push_back({static_cast<uint32_t>(w - p.words.begin()), std::max(w->begin, begin),
                     std::min(w->end, end), w->level});
    max_level = std::max(max_level, w->level);
    if (w->level & 1) min_odd = std::min(min_odd, w->level);
  }
  // UAX #9 L2: from the highest level down to the lowest odd one, reverse
  // every run of segments at that level or higher.
  if (p.bidi && min_odd != 0xFF) {
    for (int level = max_level; level >= min_odd; --level) {
      for (size_t i = 0; i < segs_.size();) {
        if (segs_[i].level < level) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < segs_.size() && segs_[j].level >= level) ++j;
        std::reverse(segs_.begin() + i, segs_.begin() + j);
        i = j;
      }
    }
  }
  // The glyphs and text of the pieces are gathered in scratch, then each
  // piece gets copies of its own sized once: a digest keeps its lines until
  // they are drawn.
  glyphs_.clear();
  text_.clear();
  cuts_.clear();
  int64_t x = 0;
  for (const Seg& s : segs_) {
    const Paragraph::Word& word = p.words[s.word];
    uint32_t last_cluster = UINT32_MAX;
    for (const ShapedGlyph& g : word.shaped->glyphs) {
      const uint32_t cb = word.begin + g.cluster;
      if (cb < s.begin || cb >= s.end) continue;
      if (cuts_.empty() || cuts_.back().face != g.face || cuts_.back().url != word.url) {
        cuts_.push_back({g.face, x, glyphs_.size(), text_.size(), word.url});
        last_cluster = UINT32_MAX;
      }
      const uint32_t size = word.begin + g.cluster_end - cb;
      if (cb != last_cluster) {
        text_.append(p.text.data() + cb, size);
        last_cluster = cb;
      }
      const auto te = static_cast<uint32_t>(text_.size() - cuts_.back().text);
      auto i16 = [](int32_t v) { return static_cast<int16_t>(std::clamp(v, -32768, 32767)); };
      glyphs_.push_back({static_cast<uint16_t>(g.gid), i16(g.advance), i16(g.dx), i16(g.dy),
                         te - size, static_cast<uint16_t>(std::min<uint32_t>(size, 0xFFFF)),
                         (word.level & 1) != 0});
      x += glyphs_.back().advance;
    }
  }
  for (size_t k = 0; k < cuts_.size(); ++k) {
    const Cut& c = cuts_[k];
    const size_t glyph_end = k + 1 < cuts_.size() ? cuts_[k + 1].glyph : glyphs_.size();
    const size_t text_end = k + 1 < cuts_.size() ? cuts_[k + 1].text : text_.size();
    const int64_t piece_end = k + 1 < cuts_.size() ? cuts_[k + 1].x : x;
    Piece& piece = out.emplace_back();
    piece.face = c.face;
    piece.x = c.x;
    piece.units = piece_end - c.x;
    piece.glyphs.reserve(glyph_end - c.glyph + spare);
    piece.glyphs.assign(glyphs_.begin() + static_cast<ptrdiff_t>(c.glyph),
                        glyphs_.begin() + static_cast<ptrdiff_t>(glyph_end));
    piece.text.reserve(text_end - c.text + 4 * spare);
    piece.text.assign(text_, c.text, text_end - c.text);
    piece.url = c.url;
  }
  return x;
}

int64_t LineSetter::set_text(std::string_view text, bool rtl_default, std::string_view lang,
                             FontId style, std::vector<Piece>& out) {
  prepare(text, rtl_default, lang, style, {}, scratch_);
  return set(scratch_, 0, static_cast<uint32_t>(text.size()), out);
}

}  // namespace gz
