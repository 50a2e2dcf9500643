// Paragraph line breaking: ICU line-break opportunities, widths from
// shaped advances, greedy filling; a word wider than the line is split at
// grapheme boundaries so no line is ever wider than asked.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "base/url.h"
#include "text/font_set.h"

namespace gz {

// White space that a line break swallows: not drawn at the start of a
// paragraph nor at the end of a line (ICU puts spaces and mandatory breaks at
// the end of the segment before a break opportunity). One definition, for
// the line breaker and for whoever checks its output (fuzz/fuzz_layout.cc).
constexpr bool is_breakable_space(char32_t c) {
  switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0x85:
    case 0x2028:
    case 0x2029:
    case 0x3000:
      return true;
    default:
      return false;
  }
}

// One line of a paragraph: a byte range of its text without the trailing
// white space, and its width in 1/1000 em.
struct LineSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  int64_t units = 0;
};

// Bytes [begin, end) of a paragraph's drawn text set in another style than
// the paragraph's, or linking to url (empty: no link). A paragraph's runs are
// sorted and disjoint; bytes outside them take the paragraph's style.
struct StyleRun {
  uint32_t begin = 0;
  uint32_t end = 0;
  FontId font = kRegular;
  std::string_view url;
};

// A place where a line may end: byte offset pos of a paragraph (> 0; the
// last one is the paragraph's size), hard when a mandatory break (LF,
// U+2029...) ends the line there.
struct BreakOpportunity {
  uint32_t pos = 0;
  bool hard = false;
  friend bool operator==(const BreakOpportunity&, const BreakOpportunity&) = default;
};

// Owns the ICU iterators so that they are built once per layout, not per
// paragraph (construction loads rule data and dominates short paragraphs).
class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // The break opportunities of text (valid UTF-8) in order, exactly those of
  // ICU's line BreakIterator (root locale, UAX #14): found without ICU when
  // simple_opportunities can, else with it.
  void opportunities(std::string_view text, std::vector<BreakOpportunity>& out);
  // ICU's alone (what the fast path is checked against).
  void icu_opportunities(std::string_view text, std::vector<BreakOpportunity>& out);
  // The fast path: when every character of text is one whose UAX #14 line-
  // break class is trivially known (ASCII and Latin-1/Extended-A letters,
  // digits, quotation marks, the space, no-break space, middle dot,
  // . , : ; ! ?) in a context whose rules are simple, fills out and returns
  // true; otherwise returns false (out is then unspecified) and ICU must
  // decide.
  static bool simple_opportunities(std::string_view text, std::vector<BreakOpportunity>& out);

  // Appends the lines of text (valid UTF-8) to out, each at most max_units
  // wide (1/1000 em). advance_at[pos] is the advance of what is drawn for
  // the character at byte pos (0 inside a cluster: a shaped paragraph's
  // Paragraph::advance_at). Leading white space of the paragraph is
  // dropped; a mandatory break (LF, U+2029...) ends a line, so "a\n\nb"
  // gives an empty line between "a" and "b". Korean words are kept whole
  // (CSS word-break: keep-all): Hangul lines end at spaces. A bare URL
  // breaks only after "/", "?", "&" and before "." (base/url.h).
  void break_lines(std::string_view text, std::span<const int32_t> advance_at, int64_t max_units,
                   std::vector<LineSpan>& out);

 private:
  static void keep_korean_words(std::string_view text, std::vector<BreakOpportunity>& breaks);
  // Inside a bare URL a line breaks after "/", "?" and "&" and before ".",
  // never within its scheme: ICU's opportunities there are replaced.
  void break_urls(std::string_view text, std::vector<BreakOpportunity>& breaks);
  // A run of text between two break opportunities: a word and the white
  // space after it. Measured once.
  struct Segment {
    uint32_t begin, content_end, end;
    int64_t content_units, space_units;
    bool hard_break;  // a mandatory break follows
  };

  // measure(pos, c): the drawn advance of code point c at byte pos.
  template <class Measure>
  void break_with(std::string_view text, Measure measure, int64_t max_units,
                  std::vector<LineSpan>& out);
  template <class Measure>
  void collect(std::string_view text, Measure measure);
  template <class Measure>
  void split_long_word(std::string_view text, const Segment& seg, Measure measure,
                       int64_t max_units, std::vector<LineSpan>& out, LineSpan& line);

  std::unique_ptr<icu::BreakIterator> lines_;
  std::unique_ptr<icu::BreakIterator> graphemes_;
  UText text_ = UTEXT_INITIALIZER;
  std::vector<BreakOpportunity> breaks_;  // scratch, reused across paragraphs
  std::vector<Segment> segments_;         // scratch, reused across paragraphs
  std::vector<UrlSpan> urls_;             // scratch
  std::vector<BreakOpportunity> merged_;  // scratch
};

}  // namespace gz
