// HTML (ReliefWeb's body-html, feed descriptions) to plain paragraphs.
// Internal to src/corpus.
#pragma once

#include <string_view>

#include <libxml/tree.h>

#include "corpus/rich_text.h"

namespace gz::corpus_detail {

// Parses html with libxml2's HTML parser, which copes with tag soup and
// decodes named and numeric entities, and adds its text to out: block
// elements (p, div, br, li, h1-h6, blockquote, tr, ...) break paragraphs,
// script, style and the like are dropped, em/i and strong/b become marks, a
// with an http(s) or mailto href a link. No network access.
void html_to_paragraphs(std::string_view html, ParagraphBuilder& out);

// The same walk over nodes already parsed (Atom's type="xhtml" content):
// node and its following siblings.
void html_nodes_to_paragraphs(const xmlNode* first, ParagraphBuilder& out);

}  // namespace gz::corpus_detail
