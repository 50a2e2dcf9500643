#include "layout/line_breaker.h"

#include <algorithm>

#include <unicode/locid.h>

#include "base/diag.h"
#include "base/utf8.h"

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

template <class Measure>
void LineBreaker::collect(std::string_view text, Measure measure) {
  segments_.clear();
  // A UTF-8 UText lets ICU report boundaries as byte offsets into text, so no
  // UTF-16 copy and no offset map are needed.
  UErrorCode st = U_ZERO_ERROR;
  utext_openUTF8(&text_, text.data(), static_cast<int64_t>(text.size()), &st);
  lines_->setText(&text_, st);
  if (U_FAILURE(st)) fail_runtime("ICU", std::string("cannot set break text: ") + u_errorName(st));

  bool leading = true;  // white space before the first word is not drawn
  int32_t start = lines_->first();
  for (int32_t end = lines_->next(); end != icu::BreakIterator::DONE;
       start = end, end = lines_->next()) {
    int32_t status = lines_->getRuleStatus();
    Segment seg{static_cast<uint32_t>(start),
                static_cast<uint32_t>(start),
                static_cast<uint32_t>(end),
                0,
                0,
                status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT};
    // One pass measures the word and finds where its trailing space starts.
    int64_t units = 0;
    for (uint32_t p = seg.begin; p < seg.end;) {
      char32_t c;
      auto n = static_cast<uint32_t>(utf8_decode(text.substr(p, seg.end - p), &c));
      p += n;
      bool space = is_breakable_space(c);
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
  UErrorCode st = U_ZERO_ERROR;
  graphemes_->setText(&text_, st);
  line = {seg.begin, seg.begin, 0};
  int32_t pos = static_cast<int32_t>(seg.begin);
  const auto stop = static_cast<int32_t>(seg.content_end);
  while (pos < stop) {
    int32_t next = graphemes_->following(pos);
    if (next == icu::BreakIterator::DONE || next > stop) next = stop;
    int64_t w = 0;
    for (auto p = static_cast<uint32_t>(pos); p < static_cast<uint32_t>(next);) {
      char32_t c;
      const auto n = static_cast<uint32_t>(utf8_decode(text.substr(p, next - p), &c));
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

void LineBreaker::break_lines(std::string_view text, Advances metrics, int64_t max_units,
                              std::vector<LineSpan>& out) {
  break_with(
      text, [metrics](uint32_t, char32_t c) { return metrics.drawn_advance(c); }, max_units, out);
}

void LineBreaker::break_lines(std::string_view text, const FontSet& fonts, FontId base,
                              std::span<const StyleRun> runs, int64_t max_units,
                              std::vector<LineSpan>& out) {
  const Advances base_adv = fonts.chain(base).advances();
  auto measure = [&](uint32_t pos, char32_t c) {
    // The first run ending after pos holds it, if it begins at or before.
    auto it = std::upper_bound(runs.begin(), runs.end(), pos,
                               [](uint32_t p, const StyleRun& r) { return p < r.end; });
    if (it != runs.end() && it->begin <= pos) {
      return fonts.chain(it->font).advances().drawn_advance(c);
    }
    return base_adv.drawn_advance(c);
  };
  break_with(text, measure, max_units, out);
}

}  // namespace gz
