#include "corpus/listing.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unicode/uchar.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "corpus/blocks.h"
#include "corpus/rich_text.h"
#include "corpus/source_files.h"
#include "intl/text.h"

namespace gz {
namespace {

using corpus_detail::Block;
using corpus_detail::BlockScanner;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Longer lines are never tried as dates: keeps ICU off most titles.
constexpr size_t kMaxDateLength = 64;
// Short enough to be a date someone mistyped rather than a sentence.
constexpr size_t kMaxMisspeltLength = 40;
constexpr size_t kMaxQuoted = 40;

enum class Kind { Date, NoSuchDate, Misspelt, Text };

// Dates carry a full year (DateParser refuses two-digit ones), so text with
// no run of four digits, in any script, never reaches ICU: most titles.
bool has_year_digits(std::string_view s) {
  int run = 0;
  for (size_t i = 0; i < s.size();) {
    bool digit;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      digit = s[i] >= '0' && s[i] <= '9';
      ++i;
    } else {
      char32_t c;
      i += utf8_decode(s.substr(i), &c);
      digit = u_charDigitValue(UChar32(c)) >= 0;
    }
    run = digit ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

// Sentence punctuation of any script at the end: ".", "?", "。" (a short
// Chinese paragraph), "؟", "।"; or a colon or semicolon.
bool ends_sentence(std::string_view s) {
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  char32_t c;
  utf8_decode(s.substr(i), &c);
  return c == ':' || c == ';' || c == U'\uFF1A' || c == U'\uFF1B' ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_S_TERM);
}

// A run of 4 ASCII digits (a year) and a run of 1 or 2 (a day), and no
// sentence punctuation at the end: "2 Agust, 2021", "2021-8-02". Narrow on
// purpose, so that short paragraphs like "Read the 2021 report." pass.
bool misspelt_date_shape(std::string_view s) {
  if (s.empty() || ends_sentence(s)) return false;
  bool year = false, day = false;
  for (size_t i = 0; i < s.size();) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    year |= j - i == 4;
    day |= j - i <= 2;
    i = j;
  }
  return year && day;
}

// text for messages: at most kMaxQuoted code points, then "…".
std::string quoted(std::string_view text) {
  if (utf8_length(text) <= kMaxQuoted) return "'" + std::string(text) + "'";
  size_t i = 0;
  for (size_t cps = 0; cps < kMaxQuoted; ++cps) {
    char32_t c;
    i += utf8_decode(text.substr(i), &c);
  }
  std::string_view cut = text.substr(0, i);
  while (!cut.empty() && cut.back() == ' ') cut.remove_suffix(1);
  return "'" + std::string(cut) + "…'";
}

class ListingParser {
 public:
  ListingParser(std::string_view text, const std::string& file, const std::string& lang,
                const intl::DateParser& dates)
      : text_(text), file_(file), lang_(lang), dates_(dates) {}

  std::vector<Bulletin> run();

 private:
  Kind classify(const Block& b, const std::string& text, Date* date) const;
  bool starts_with_date(const Block& b) const;
  void check_no_date_inside(const Block& b) const;
  [[noreturn]] void fail_at(const Block& b, std::string msg, std::string hint = {}) const {
    fail({file_, b.line, b.col}, std::move(msg), std::move(hint));
  }
  std::string expected() const {
    return "a date line like '" + dates_.example() + "' or '2021-08-02'";
  }
  // Reports a block that should have been a date and is not.
  [[noreturn]] void fail_not_a_date(const Block& b, Kind k, const std::string& text) const;

  std::string_view text_;
  const std::string& file_;
  const std::string& lang_;
  const intl::DateParser& dates_;
};

Kind ListingParser::classify(const Block& b, const std::string& text, Date* date) const {
  if (!b.single_line || text.size() > 4 * kMaxDateLength || !has_year_digits(text)) {
    return Kind::Text;
  }
  const size_t length = utf8_length(text);
  if (length > kMaxDateLength) return Kind::Text;
  if (auto d = dates_.parse(text)) {
    *date = *d;
    return Kind::Date;
  }
  if (dates_.looks_like_date(text)) return Kind::NoSuchDate;
  if (length <= kMaxMisspeltLength && misspelt_date_shape(text)) return Kind::Misspelt;
  return Kind::Text;
}

// A date line with the title right under it, no blank line between.
bool ListingParser::starts_with_date(const Block& b) const {
  if (b.single_line || b.first_line.size() > 4 * kMaxDateLength || !has_year_digits(b.first_line)) {
    return false;
  }
  std::string line = intl::normalize_text(b.first_line);
  return utf8_length(line) <= kMaxDateLength && dates_.parse(line).has_value();
}

// A date line at the end of a paragraph or title, with no blank line before
// it, would silently merge two bulletins: it is an error at its line.
void ListingParser::check_no_date_inside(const Block& b) const {
  if (b.single_line) return;
  std::string_view rest = b.text;
  int line = b.line;
  for (size_t nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
    rest.remove_prefix(nl + 1);
    ++line;
    const std::string_view l = rest.substr(0, rest.find('\n'));
    if (l.size() > 4 * kMaxDateLength || !has_year_digits(l)) continue;
    const std::string t = intl::normalize_text(l);
    if (t.empty() || utf8_length(t) > kMaxDateLength || !dates_.parse(t)) continue;
    const size_t lead = std::min(l.size(), l.find_first_not_of(" \t\r"));
    fail({file_, line, 1 + int(utf8_length(l.substr(0, lead)))},
         "expected a blank line before the date line " + quoted(t),
         "a date line starts a bulletin: put a blank line before it (or, if it belongs to the "
         "text above, join the two lines)");
  }
}

void ListingParser::fail_not_a_date(const Block& b, Kind k, const std::string& text) const {
  switch (k) {
    case Kind::NoSuchDate:
      fail_at(b, "no such date " + quoted(text));
    case Kind::Misspelt:
      fail_at(b, "cannot read date " + quoted(text) + " as " + lang_, "expected " + expected());
    default:
      fail_at(b, "expected " + expected() + ", found " + quoted(text));
  }
}

std::vector<Bulletin> ListingParser::run() {
  Block b;
  std::vector<Bulletin> out;
  // Every bulletin takes two blocks at least (its date line and its title),
  // so half the blocks bound their number: reserved at once, out never
  // reallocates. Growing it moved every bulletin at each doubling and
  // touched fresh memory each time, a good part of the page faults of
  // reading a large listing. Counting blocks is a quick scan of the text;
  // what is reserved beyond the bulletins is never written to.
  size_t blocks = 0;
  for (BlockScanner scan(text_); scan.next(&b);) ++blocks;
  out.reserve(blocks / 2);
  bool need_title = false;
  size_t bulletin_bytes = 0;  // text of out.back() so far
  auto count = [&](const std::string& text) {
    bulletin_bytes += text.size();
    if (bulletin_bytes > limits::kMaxBulletinBytes) {
      fail(out.back().origin, "bulletin too long: more than " +
                                  limits::bytes_text(limits::kMaxBulletinBytes) + " of text");
    }
  };
  BlockScanner scan(text_);
  while (scan.next(&b)) {
    // Multi-line blocks join with spaces: normalize_text folds the line ends.
    std::string text = intl::normalize_text(b.text);
    if (text.empty()) continue;  // e.g. only no-break spaces
    if (starts_with_date(b)) fail_at(b, "expected a blank line after the date line");
    check_no_date_inside(b);
    Date date;
    const Kind kind = classify(b, text, &date);
    if (out.empty() && kind != Kind::Date) fail_not_a_date(b, kind, text);
    if (need_title) {
      if (kind == Kind::Date) {
        const Location& at = out.back().origin;
        fail(at, "date line with no title after it");
      }
      // A short title may look like a mistyped date; only a date shape with
      // an impossible day is surely a mistake.
      if (kind == Kind::NoSuchDate) fail_not_a_date(b, kind, text);
      count(text);
      out.back().title = std::move(text);
      need_title = false;
      continue;
    }
    switch (kind) {
      case Kind::Date:
        out.emplace_back();
        out.back().date = date;
        out.back().lang = lang_;
        out.back().origin = {file_, b.line, b.col};
        out.back().source = file_;
        need_title = true;
        bulletin_bytes = 0;
        break;
      case Kind::Text:
        count(text);
        out.back().paragraphs.push_back(std::move(text));
        break;
      default:
        fail_not_a_date(b, kind, text);
    }
  }
  if (out.empty()) fail({file_, 1, 1}, "listing has no bulletins");
  if (need_title) fail(out.back().origin, "date line with no title after it");
  // Listings are plain text, but a bare URL is a link as in the other
  // formats, so that the PDF makes it clickable.
  std::vector<TextMark> marks;
  for (Bulletin& bulletin : out) {
    for (size_t i = 0; i < bulletin.paragraphs.size(); ++i) {
      marks.clear();
      corpus_detail::link_bare_urls(bulletin.paragraphs[i], marks);
      if (marks.empty()) continue;
      bulletin.marks.resize(bulletin.paragraphs.size());
      bulletin.marks[i] = marks;
    }
  }
  return out;
}

// Worded as CorpusReader words it for every format.
[[noreturn]] void fail_too_large(const std::string& file) {
  fail({file, 0, 0}, "source too large: more than " + limits::bytes_text(limits::kMaxSourceBytes));
}

// Offset of the first byte that is not UTF-8 text or is NUL, or npos.
size_t first_bad_byte(std::string_view text) {
  size_t bad = utf8_first_invalid(text);
  const void* nul = std::memchr(text.data(), '\0', std::min(bad, text.size()));
  return nul ? size_t(static_cast<const char*>(nul) - text.data()) : bad;
}

// Refuses a line longer than the limit, at its start. Checked before any
// parsing, so that no ICU call ever sees such a line.
void check_line_lengths(std::string_view text, const std::string& file) {
  int line = 1;
  for (size_t pos = 0; pos < text.size(); ++line) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const size_t end = nl ? size_t(static_cast<const char*>(nl) - text.data()) : text.size();
    if (end - pos > limits::kMaxLineBytes) {
      fail({file, line, 1},
           "line too long: more than " + limits::bytes_text(limits::kMaxLineBytes));
    }
    pos = end + 1;
  }
}

}  // namespace

std::vector<Bulletin> parse_listing(std::string_view text, const std::string& file,
                                    const std::string& lang, const intl::DateParser& dates) {
  if (text.size() > limits::kMaxSourceBytes) fail_too_large(file);
  // Byte offsets in messages count from the start of the file, BOM included;
  // lines and columns are what an editor shows, which hides the BOM.
  const size_t skipped = text.starts_with(kBom) ? kBom.size() : 0;
  text.remove_prefix(skipped);
  if (size_t bad = first_bad_byte(text); bad != std::string_view::npos) {
    auto [line, col] = corpus_detail::line_col(text, bad);
    const char* what = text[bad] == '\0' ? "NUL byte" : "invalid UTF-8";
    fail({file, line, col}, std::string(what) + " at byte offset " + std::to_string(bad + skipped));
  }
  check_line_lengths(text, file);
  return ListingParser(text, file, lang, dates).run();
}

std::vector<Bulletin> read_listing(const std::string& path, const std::string& lang,
                                   const intl::DateParser& dates) {
  std::string text;
  if (int err = corpus_detail::read_whole_file(path, &text, limits::kMaxSourceBytes)) {
    if (err == EFBIG) fail_too_large(path);
    fail({path, 0, 0}, "cannot read listing: " + std::string(std::strerror(err)), {}, kExitRuntime);
  }
  return parse_listing(text, path, lang, dates);
}

}  // namespace gz
