#include "base/url.h"

#include <cstdint>

namespace gz {
namespace {

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// The length of the scheme and "://" at text's start ("https://": 8), or 0.
size_t scheme_length(std::string_view text) {
  if (starts_with_nocase(text, "https://")) return 8;
  if (starts_with_nocase(text, "http://")) return 7;
  return 0;
}

// Ends a URL in running text: white space (any byte up to the space, and
// the first byte of U+00A0, U+2000..U+200B, U+3000 (0xC2, 0xE2, 0xE3) which
// also start other characters: those end a URL as well, which is rare and
// harmless) and the characters that cannot be part of one.
bool ends_url(unsigned char b) {
  return b <= 0x20 || b == '<' || b == '>' || b == '"' || b == '`' || b == '{' || b == '}' ||
         b == '|' || b == '\\' || b == '^' || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xE3;
}

}  // namespace

void find_urls(std::string_view text, std::vector<UrlSpan>& out) {
  for (size_t at = text.find("://"); at != std::string_view::npos; at = text.find("://", at + 3)) {
    size_t begin = at;
    while (begin > 0 && ascii_alnum(text[begin - 1])) --begin;
    const size_t scheme = scheme_length(text.substr(begin));
    if (scheme == 0 || begin + scheme != at + 3) continue;
    size_t end = at + 3;
    while (end < text.size() && !ends_url(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view url = text.substr(begin, end - begin);
    const bool paren = url.find('(') != std::string_view::npos;
    while (end > at + 3) {
      const char c = text[end - 1];
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ']' ||
          c == '\'' || (c == ')' && !paren)) {
        --end;
      } else {
        break;
      }
    }
    if (end == at + 3) continue;  // "https://" alone
    if (!out.empty() && out.back().end > begin) continue;
    out.push_back({uint32_t(begin), uint32_t(at + 3), uint32_t(end)});
    at = end - 3;  // the next search starts at end
  }
}

bool is_web_url(std::string_view text) {
  const size_t scheme = scheme_length(text);
  if (scheme == 0 || text.size() == scheme) return false;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F || b == '<' || b == '>' || b == '"') return false;
  }
  return true;
}

bool url_break_allowed(std::string_view text, const UrlSpan& url, uint32_t pos) {
  if (pos <= url.host || pos >= url.end) return false;
  const char before = text[pos - 1];
  const char after = text[pos];
  if (after == '.') return before != '.';
  return before == '/' || before == '?' || before == '&';
}

}  // namespace gz
