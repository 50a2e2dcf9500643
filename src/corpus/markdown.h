// The body of a bulletin file: Markdown-like text. Internal to src/corpus.
#pragma once

#include <string_view>

#include "corpus/rich_text.h"

namespace gz::corpus_detail {

// Paragraphs are separated by blank lines; a heading ("# ...") and each
// list item ("- ", "* ", "+ ", "1. ") is a paragraph of its own, without its
// marker, of that kind (ParagraphKind; items nested by two spaces of indent
// per level); "> " quote markers are dropped. Inline: *emphasis* and _emphasis_,
// **strong** and __strong__, [text](url), <https://...> and bare URLs, and
// backslash escapes. A marker with no partner stays as written.
void markdown_to_paragraphs(std::string_view body, ParagraphBuilder& out);

// The inline syntax alone, for one paragraph's text.
void markdown_inline(std::string_view text, ParagraphBuilder& out);

}  // namespace gz::corpus_detail
