// Web addresses in text: where bare URLs are, and where a line may break
// inside one.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gz {

// Bytes [begin, end) of a paragraph's text; host is where the address
// after the scheme ("https://") starts.
struct UrlSpan {
  uint32_t begin = 0;
  uint32_t host = 0;
  uint32_t end = 0;
};

// The bare http and https URLs of text, in order: from the scheme (which
// no letter or digit precedes) to the first space or character that cannot
// be part of a URL in running text ("<", ">", '"', quotes), without the
// sentence punctuation that ends it (".", ",", ";", ":", "!", "?", ")" when
// the URL has no "(", "]"). Appends to out.
void find_urls(std::string_view text, std::vector<UrlSpan>& out);

// Whether text is an http or https URL (what a "Read more" link may open).
bool is_web_url(std::string_view text);

// Whether a line may break at byte pos (begin < pos < end) inside url:
// after "/", "?" and "&", before ".", never within the scheme and "//".
bool url_break_allowed(std::string_view text, const UrlSpan& url, uint32_t pos);

}  // namespace gz
