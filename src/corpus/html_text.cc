#include "corpus/html_text.h"

#include <cstring>
#include <memory>

#include <libxml/HTMLparser.h>

namespace gz::corpus_detail {
namespace {

bool name_in(const xmlChar* name, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>(n)) == 0) return true;
  }
  return false;
}

bool is_block(const xmlChar* name) {
  return name_in(name, {"p",      "div",        "br",      "li",      "h1",         "h2",
                        "h3",     "h4",         "h5",      "h6",      "blockquote", "tr",
                        "ul",     "ol",         "dl",      "dt",      "dd",         "table",
                        "pre",    "hr",         "section", "article", "header",     "footer",
                        "figure", "figcaption", "address", "aside",   "main",       "nav"});
}

// Elements whose text is not part of what a reader sees.
bool is_dropped(const xmlChar* name) {
  return name_in(name, {"script", "style", "head", "title", "noscript", "template", "iframe",
                        "object", "svg", "math"});
}

void walk(const xmlNode* n, ParagraphBuilder& out) {
  for (; n; n = n->next) {
    switch (n->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (n->content) out.text(reinterpret_cast<const char*>(n->content));
        break;
      case XML_ELEMENT_NODE: {
        if (is_dropped(n->name)) break;
        const bool block = is_block(n->name);
        if (block) out.paragraph_break();
        // Table cells sit apart on screen: keep their words apart.
        if (name_in(n->name, {"td", "th"})) out.text(" ");
        int marks = 0;
        if (name_in(n->name, {"em", "i", "cite"})) {
          out.open(TextMark::Emphasis);
          ++marks;
        } else if (name_in(n->name, {"strong", "b"})) {
          out.open(TextMark::Strong);
          ++marks;
        } else if (name_in(n->name, {"a"})) {
          std::unique_ptr<xmlChar, decltype(xmlFree)> href(
              xmlGetProp(n, reinterpret_cast<const xmlChar*>("href")), xmlFree);
          const char* h = reinterpret_cast<const char*>(href.get());
          // Relative links and javascript: lead nowhere from a PDF.
          if (h && (!std::strncmp(h, "http://", 7) || !std::strncmp(h, "https://", 8) ||
                    !std::strncmp(h, "mailto:", 7))) {
            out.open(TextMark::Link, h);
            ++marks;
          }
        }
        walk(n->children, out);
        while (marks--) out.close();
        if (block) out.paragraph_break();
        break;
      }
      default:  // comments, processing instructions, unexpanded entities
        break;
    }
  }
}

}  // namespace

void html_to_paragraphs(std::string_view html, ParagraphBuilder& out) {
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), int(html.size()), nullptr, "UTF-8",
                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
      xmlFreeDoc);
  if (!doc) return;
  walk(xmlDocGetRootElement(doc.get()), out);
  out.paragraph_break();
}

void html_nodes_to_paragraphs(const xmlNode* first, ParagraphBuilder& out) {
  walk(first, out);
  out.paragraph_break();
}

}  // namespace gz::corpus_detail
