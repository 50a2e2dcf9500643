// Fuzzes paragraph layout (gz::layout_digest) with arbitrary UTF-8: the
// digest's title, group name and item title are the input's first part and
// its paragraphs the other parts (parts are separated by NUL bytes). The
// first byte chooses the paper (bit 0: Letter) and the direction (bit 1:
// right to left). Input that is not valid UTF-8 is skipped: layout's contract
// is valid UTF-8, which the readers guarantee.
//
// Fonts: the bundled fallback chain. Checks: every character that is drawn
// at all is drawn (nothing clipped or lost: each paragraph, without the
// white space lines break at, appears in the text of the pages in order;
// left-to-right text only, since bidi reorders and shapes per line); no run
// is wider than the text column unless it holds a single grapheme; every
// run lies on the page.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/fonts.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "check.h"
#include "layout/layout.h"
#include "layout/line_breaker.h"
#include "text/font_set.h"

namespace {

// The bundled fallback chain, as a build without [layout] fonts uses.
const gz::FontSet& fonts() {
  static const gz::FontSet f = [] {
    gz::Diagnostics diags;
    gz::FontSet set = gz::FontSet::load(
        gz::resolve_fonts(gz::Spec{}, gz::font_dirs(GAZETTE_SOURCE_FONT_DIR), diags));
    FUZZ_CHECK(!diags.has_errors());
    return set;
  }();
  return f;
}

// Text whose drawn characters are its own, in its own order: no right-to-
// left or Arabic-number characters (reordered, shaped into presentation
// forms, mirrored) and no explicit bidi formatting.
bool plain_ltr(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    i += gz::utf8_decode(s.substr(i), &c);
    switch (u_charDirection(static_cast<UChar32>(c))) {
      case U_RIGHT_TO_LEFT:
      case U_RIGHT_TO_LEFT_ARABIC:
      case U_ARABIC_NUMBER:
      case U_RIGHT_TO_LEFT_EMBEDDING:
      case U_RIGHT_TO_LEFT_OVERRIDE:
      case U_RIGHT_TO_LEFT_ISOLATE:
      case U_LEFT_TO_RIGHT_EMBEDDING:
      case U_LEFT_TO_RIGHT_OVERRIDE:
      case U_LEFT_TO_RIGHT_ISOLATE:
      case U_FIRST_STRONG_ISOLATE:
      case U_POP_DIRECTIONAL_FORMAT:
      case U_POP_DIRECTIONAL_ISOLATE:
        return false;
      default:
        break;
    }
  }
  return true;
}

// s without the white space lines break at and without default-ignorable
// code points (ZWJ, soft hyphen...), which are never drawn.
std::string without_spaces(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    size_t n = gz::utf8_decode(s.substr(i), &c);
    if (!gz::is_breakable_space(c) &&
        !u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

bool single_grapheme(const std::string& s) {
  static std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), st));
    FUZZ_CHECK(U_SUCCESS(st));
    return b;
  }();
  UErrorCode st = U_ZERO_ERROR;
  UText* t = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &st);
  it->setText(t, st);
  it->first();
  bool one = it->next() == static_cast<int32_t>(s.size());
  utext_close(t);
  return one;
}

}  // namespace

// One-time set-up (ICU data, name indexes, fonts) before the first input,
// so that libFuzzer's per-input timeout measures the input's own work.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fonts();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (!gz::utf8_valid(text)) return 0;
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t nul = text.find('\0', start);
    parts.emplace_back(text.substr(start, nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }

  gz::Digest d;
  d.title = parts[0];
  d.period_text = "July 2021";
  d.regions_text = "Central America";
  d.count_text = "1 bulletin";
  d.contents_text = "Contents";
  d.empty_text = "No bulletins in this period.";
  d.paper = flags & 1 ? gz::Paper::Letter : gz::Paper::A4;
  d.rtl = flags & 2;
  gz::DigestItem item;
  item.title = parts[0];
  item.date_text = "July 9, 2021";
  item.countries_text = "Panama";
  item.paragraphs.assign(parts.begin() + 1, parts.end());
  d.groups.push_back({parts[0], {item}, {}, {}});

  gz::LaidOut laid;
  try {
    laid = gz::layout_digest(d, fonts());
  } catch (const gz::Failure& f) {
    // Only a limit may stop layout (base/limits.h), with a message.
    FUZZ_CHECK(f.code() == gz::kExitBadInput && !f.diag().message.empty());
    return 0;
  }
  FUZZ_CHECK(!laid.pages.empty());
  const gz::Rect paper = gz::paper_rect(d.paper);
  const double column = paper.right - 2 * 56;  // LayoutStyle::margin
  for (const auto& e : laid.outline) FUZZ_CHECK(e.page >= 0 && e.page < int(laid.pages.size()));
  FUZZ_CHECK(laid.outline.size() == 2 && laid.outline[1].level == 1);
  const gz::OutlineEntry& item_at = laid.outline[1];
  // The text drawn from the item's title on: what the body says about it.
  std::string drawn;
  for (size_t i = 0; i < laid.pages.size(); ++i) {
    for (const auto& run : laid.pages[i].runs) {
      FUZZ_CHECK(run.y > 0 && run.y < paper.top);
      FUZZ_CHECK(gz::utf8_valid(run.text));
      if (run.y == 30) continue;  // the footer (LayoutStyle::footer_baseline)
      FUZZ_CHECK(run.width <= column + 1e-6 || single_grapheme(run.text));
      // The running header (the title, the group "continued") repeats text
      // on every page: not part of what the body says.
      if (run.elem == gz::kArtifact) continue;
      if (int(i) > item_at.page || (int(i) == item_at.page && run.y < item_at.y))
        drawn += without_spaces(run.text);
    }
    for (const auto& link : laid.pages[i].links) {
      FUZZ_CHECK(link.target_page >= 0 && link.target_page < int(laid.pages.size()));
    }
  }
  // The title and every paragraph in full, in order: wrapped, never clipped.
  // (Right-to-left text is reordered and shaped per line: not comparable.)
  if (d.rtl || !plain_ltr(text)) return 0;
  size_t at = 0;
  for (const std::string& part : parts) {
    std::string p = without_spaces(part);
    size_t found = drawn.find(p, at);
    FUZZ_CHECK(found != std::string::npos);
    at = found + p.size();
  }
  return 0;
}
