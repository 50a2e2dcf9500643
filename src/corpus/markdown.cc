#include "corpus/markdown.h"

#include <algorithm>
#include <cctype>

namespace gz::corpus_detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// The line without its block marker, and what the marker made it: a
// heading ("## x"), a bullet item ("- x", "* x", "+ x") or a numbered one
// ("3. x", "3) x"), nested one level per two spaces of indent (up to two
// levels), or plain text. A line indented four spaces or more is not a
// heading or an item (it continues a paragraph or an item).
std::string_view strip_block_marker(std::string_view line, ParagraphKind* kind) {
  size_t indent = 0;
  while (indent < line.size() && line[indent] == ' ') ++indent;
  *kind = {};
  if (indent >= 4 + 2 * 2) return line.substr(indent);
  line.remove_prefix(indent);
  while (line.starts_with(">")) {
    line.remove_prefix(1);
    if (line.starts_with(" ")) line.remove_prefix(1);
  }
  const auto depth = static_cast<uint8_t>(std::min<size_t>(indent / 2, 2));
  size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  if (indent < 4 && hashes >= 1 && hashes <= 6 && (hashes == line.size() || line[hashes] == ' ')) {
    *kind = {ParagraphKind::Heading, static_cast<uint8_t>(hashes), 0};
    line.remove_prefix(hashes);
    while (line.ends_with("#") || line.ends_with(" ")) line.remove_suffix(1);  // "## x ##"
    return line;
  }
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
    *kind = {ParagraphKind::Bullet, depth, 0};
    return line.substr(2);
  }
  size_t digits = 0;
  uint32_t number = 0;
  while (digits < line.size() && digits < 9 &&
         std::isdigit(static_cast<unsigned char>(line[digits]))) {
    number = number * 10 + static_cast<uint32_t>(line[digits] - '0');
    ++digits;
  }
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      line[digits + 1] == ' ') {
    *kind = {ParagraphKind::Numbered, depth, number};
    return line.substr(digits + 2);
  }
  return line;
}

// Where the closing run of `delim` for an opener before `from` is, or npos.
// A closer follows a non-space; for '_' it must not be inside a word.
size_t find_closer(std::string_view s, size_t from, std::string_view delim) {
  for (size_t j = s.find(delim, from); j != std::string_view::npos; j = s.find(delim, j + 1)) {
    if (j == 0 || is_space(s[j - 1]) || s[j - 1] == '\\') continue;
    if (delim.size() == 1 && j + 1 < s.size() && s[j + 1] == delim[0]) {
      ++j;  // part of a double run: not a single closer
      continue;
    }
    if (delim[0] == '_' && j + delim.size() < s.size() && is_word(s[j + delim.size()])) continue;
    return j;
  }
  return std::string_view::npos;
}

}  // namespace

void markdown_inline(std::string_view s, ParagraphBuilder& out) {
  std::string literal;
  auto flush = [&] {
    out.text(literal);
    literal.clear();
  };
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      literal += s[i + 1];
      i += 2;
      continue;
    }
    if (c == '*' || c == '_') {
      const bool dbl = i + 1 < s.size() && s[i + 1] == c;
      const std::string_view delim = dbl ? s.substr(i, 2) : s.substr(i, 1);
      const size_t after = i + delim.size();
      // An opener comes before a non-space; "_" only at the start of a word.
      const bool can_open =
          after < s.size() && !is_space(s[after]) && !(c == '_' && i > 0 && is_word(s[i - 1]));
      const size_t close = can_open ? find_closer(s, after, delim) : std::string_view::npos;
      if (close != std::string_view::npos) {
        flush();
        out.open(dbl ? TextMark::Strong : TextMark::Emphasis);
        markdown_inline(s.substr(after, close - after), out);
        out.close();
        i = close + delim.size();
        continue;
      }
      literal += delim;
      i = after;
      continue;
    }
    if (c == '[') {
      // [text](url), with no nesting of brackets.
      const size_t rb = s.find(']', i + 1);
      if (rb != std::string_view::npos && rb + 1 < s.size() && s[rb + 1] == '(') {
        const size_t rp = s.find(')', rb + 2);
        if (rp != std::string_view::npos) {
          std::string_view url = s.substr(rb + 2, rp - rb - 2);
          if (!url.empty() && url.find(' ') == std::string_view::npos) {
            flush();
            out.open(TextMark::Link, std::string(url));
            markdown_inline(s.substr(i + 1, rb - i - 1), out);
            out.close();
            i = rp + 1;
            continue;
          }
        }
      }
    }
    if (c == '<' &&
        (s.substr(i + 1).starts_with("http://") || s.substr(i + 1).starts_with("https://"))) {
      const size_t gt = s.find('>', i + 1);
      std::string_view url = gt == std::string_view::npos ? "" : s.substr(i + 1, gt - i - 1);
      if (!url.empty() && url.find_first_of(" \t\n") == std::string_view::npos) {
        flush();
        out.open(TextMark::Link, std::string(url));
        out.text(url);
        out.close();
        i = gt + 1;
        continue;
      }
    }
    literal += c;
    ++i;
  }
  flush();
}

void markdown_to_paragraphs(std::string_view body, ParagraphBuilder& out) {
  std::string block;
  ParagraphKind block_kind;  // of the line that started the block
  auto end_block = [&] {
    out.kind(block_kind);
    markdown_inline(block, out);
    out.paragraph_break();
    block.clear();
    block_kind = {};
  };
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
    ParagraphKind kind;
    std::string_view text = strip_block_marker(line, &kind);
    const bool blank = text.find_first_not_of(" \t\r") == std::string_view::npos;
    if (kind.kind != ParagraphKind::Text) end_block();  // headings and items stand alone
    if (blank) {
      end_block();
      continue;
    }
    if (block.empty()) block_kind = kind;
    block += text;
    block += '\n';
    if (kind.kind == ParagraphKind::Heading) end_block();  // a heading is one line
  }
  end_block();
}

}  // namespace gz::corpus_detail
