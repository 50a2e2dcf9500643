// Splitting listing text into blocks: runs of non-blank lines separated by
// blank ones. Internal to src/corpus; the listing grammar sits on top.
#pragma once

#include <cstddef>
#include <string_view>

namespace gz::corpus_detail {

// A view into the listing; nothing is copied.
struct Block {
  std::string_view text;        // first non-blank char .. end of last line
  std::string_view first_line;  // the first line of text
  int line = 0;                 // 1-based line of the first line
  int col = 0;                  // code-point column where text starts
  bool single_line = true;
};

// Lines end at '\n' (so CRLF works); a CR anywhere else is white space, which
// keeps "\r\r\n" from broken conversions from splitting blocks. A blank line
// holds only spaces, tabs and CRs.
class BlockScanner {
 public:
  // text must be valid UTF-8 with the BOM already removed.
  explicit BlockScanner(std::string_view text) : text_(text) {}
  // The next block, or false at the end.
  bool next(Block* b);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

// 1-based line and code-point column of byte offset in text (valid UTF-8
// before offset, no BOM), counting lines as BlockScanner does.
struct LineCol {
  int line;
  int col;
};
LineCol line_col(std::string_view text, size_t offset);

// line_col for many offsets of one text: each call scans only from the
// offset of the previous one when it is not before it, so offsets asked
// in increasing order (a reader's walk) cost linear time in all, where
// line_col would rescan from the start each time (quadratic).
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  LineCol at(size_t offset);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  LineCol here_{1, 1};
};

}  // namespace gz::corpus_detail
