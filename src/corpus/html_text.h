// HTML (ReliefWeb's body-html, feed descriptions) to plain paragraphs.
// Internal to src/corpus.
#pragma once

#include <string>
#include <string_view>

#include <libxml/tree.h>

#include "base/diag.h"
#include "corpus/rich_text.h"

namespace gz::corpus_detail {

// The text of a parsed XML document (a feed) with the entities its own DTD
// declares expanded: never dropped, and never amplified. libxml2 leaves
// references unexpanded (no XML_PARSE_NOENT); they are expanded here, as
// text is read, within a budget for the whole document of
// limits::kMaxEntityBytes (each node visited inside an entity counting 16
// bytes, so empty entities referenced exponentially are bounded too) and 8
// entities deep. Past it, a reference to an undeclared or external entity
// (Gazette reads no external DTD), or an entity that cannot be expanded,
// is an error (exit 2) at the line of the reference.
class XmlText {
 public:
  explicit XmlText(std::string file) : file_(std::move(file)) {}
  // Text and CDATA under n, its elements' included.
  std::string text(const xmlNode* n);
  // An attribute's value, entities expanded; "" when absent. ns: its
  // namespace URI, or nullptr for none.
  std::string attribute(const xmlNode* n, const char* name, const char* ns = nullptr);
  // The xml:lang in scope at n (on it or an ancestor); "" when none.
  std::string lang(const xmlNode* n);

  // For walks of nodes (html_nodes_to_paragraphs): the first node of what
  // the entity reference ref stands for, after checks; leave() after
  // walking it. Text met in between is charged with charge().
  const xmlNode* enter(const xmlNode* ref);
  void leave() { --depth_; }
  bool inside() const { return depth_ > 0; }
  void charge(size_t bytes, const xmlNode* at);

 private:
  void append(const xmlNode* first, std::string& out);
  std::string file_;
  size_t spent_ = 0;
  int depth_ = 0;
  int ref_line_ = 0;      // of the outermost reference being expanded
  int element_line_ = 0;  // of the element whose attribute is read
};

// Parses html with libxml2's HTML parser, which copes with tag soup and
// decodes named and numeric entities, and adds its text to out: block
// elements (p, div, br, li, h1-h6, blockquote, tr, ...) break paragraphs,
// script, style and the like are dropped, em/i and strong/b become marks, a
// with an http(s) or mailto href a link. No network access.
// HTML nesting deeper than libxml2's limit (256 elements, hundreds of
// unclosed tags), where libxml2 stops and would leave the rest out, or any
// other error that stops the parser, is an error (exit 2) at where: the
// text is never cut off silently.
void html_to_paragraphs(std::string_view html, ParagraphBuilder& out, const Location& where);

// The same walk over nodes already parsed (Atom's type="xhtml" content):
// node and its following siblings; entity references expanded by xml.
void html_nodes_to_paragraphs(const xmlNode* first, ParagraphBuilder& out, XmlText& xml);

}  // namespace gz::corpus_detail
