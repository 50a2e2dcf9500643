#include "corpus/blocks.h"

#include <algorithm>
#include <cstring>

#include "base/utf8.h"

namespace gz::corpus_detail {
namespace {

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

bool BlockScanner::next(Block* b) {
  const size_t n = text_.size();
  bool in_block = false;
  size_t block_end = 0;
  while (pos_ < n) {
    // memchr is the fast path through long paragraph lines.
    const void* nl = std::memchr(text_.data() + pos_, '\n', n - pos_);
    const size_t end = nl ? size_t(static_cast<const char*>(nl) - text_.data()) : n;
    size_t first = pos_;
    while (first < end && is_blank_char(text_[first])) ++first;
    const bool blank = first == end;
    if (blank && in_block) break;  // the line is left for the next call
    if (!blank) {
      if (!in_block) {
        in_block = true;
        b->line = line_;
        b->col = 1 + int(first - pos_);              // blank chars are one byte each
        b->text = text_.substr(first, end - first);  // extended below
        b->first_line = b->text;
        b->single_line = true;
      } else {
        b->single_line = false;
      }
      block_end = end;
    }
    pos_ = end < n ? end + 1 : n;
    ++line_;
  }
  if (!in_block) return false;
  const size_t start = size_t(b->text.data() - text_.data());
  b->text = text_.substr(start, block_end - start);
  return true;
}

LineCol line_col(std::string_view text, size_t offset) {
  std::string_view before = text.substr(0, std::min(offset, text.size()));
  const size_t nl = before.rfind('\n');
  const size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
  const int line = 1 + int(std::count(before.begin(), before.end(), '\n'));
  return {line, 1 + int(utf8_length(before.substr(line_start)))};
}

LineCol LineCounter::at(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < pos_) {  // backwards: start again
    pos_ = 0;
    here_ = {1, 1};
  }
  for (; pos_ < offset; ++pos_) {
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '\n') {
      ++here_.line;
      here_.col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++here_.col;
    }
  }
  return here_;
}

}  // namespace gz::corpus_detail
