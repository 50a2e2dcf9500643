#include "corpus/html_text.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>

#include "base/limits.h"

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

// h1 to h6 are headings; li an item of the list it is in (ol: numbered
// from its start attribute), nested by the lists around that one.
ParagraphKind kind_of(const xmlNode* n) {
  const char* name = reinterpret_cast<const char*>(n->name);
  if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2]) {
    return {ParagraphKind::Heading, static_cast<uint8_t>(name[1] - '0'), 0};
  }
  if (!name_in(n->name, {"li"})) return {};
  const xmlNode* list = n->parent;
  int depth = -1;
  for (const xmlNode* p = list; p; p = p->parent) {
    if (p->type == XML_ELEMENT_NODE && name_in(p->name, {"ul", "ol"})) ++depth;
  }
  const auto level = static_cast<uint8_t>(std::clamp(depth, 0, 2));
  if (!list || list->type != XML_ELEMENT_NODE || !name_in(list->name, {"ol"})) {
    return {ParagraphKind::Bullet, level, 0};
  }
  uint32_t number = 1;
  if (xmlChar* v = xmlGetProp(list, reinterpret_cast<const xmlChar*>("start"))) {
    const long start = std::strtol(reinterpret_cast<const char*>(v), nullptr, 10);
    if (start >= 0 && start < 1000000) number = static_cast<uint32_t>(start);
    xmlFree(v);
  }
  for (const xmlNode* p = n->prev; p; p = p->prev) {
    if (p->type == XML_ELEMENT_NODE && name_in(p->name, {"li"})) ++number;
  }
  return {ParagraphKind::Numbered, level, number};
}

void walk(const xmlNode* n, ParagraphBuilder& out, XmlText* xml) {
  for (; n; n = n->next) {
    if (xml && xml->inside()) xml->charge(0, n);
    switch (n->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (n->content) {
          if (xml && xml->inside()) xml->charge(xmlStrlen(n->content), n);
          out.text(reinterpret_cast<const char*>(n->content));
        }
        break;
      case XML_ENTITY_REF_NODE:
        if (xml) {
          const xmlNode* first = xml->enter(n);
          walk(first, out, xml);
          xml->leave();
        }
        break;
      case XML_ELEMENT_NODE: {
        if (is_dropped(n->name)) break;
        const bool block = is_block(n->name);
        if (block) out.paragraph_break();
        const ParagraphKind kind = kind_of(n);
        if (kind.kind != ParagraphKind::Text) out.kind(kind);
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
          // In a feed, through xml: an href may hold entity references.
          std::string value;
          if (xml) {
            value = xml->attribute(n, "href");
          } else if (xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>("href"))) {
            value = reinterpret_cast<const char*>(v);
            xmlFree(v);
          }
          const char* h = value.empty() ? nullptr : value.c_str();
          // Relative links and javascript: lead nowhere from a PDF.
          if (h && (!std::strncmp(h, "http://", 7) || !std::strncmp(h, "https://", 8) ||
                    !std::strncmp(h, "mailto:", 7))) {
            out.open(TextMark::Link, h);
            ++marks;
          }
        }
        walk(n->children, out, xml);
        while (marks--) out.close();
        if (block) out.paragraph_break();
        if (kind.kind != ParagraphKind::Text) out.kind({});  // an empty item
        break;
      }
      default:  // comments, processing instructions
        break;
    }
  }
}

// The first error that stopped libxml2's HTML parser (it reports tag soup
// as errors too, and goes on: only fatal ones cut the text).
void keep_fatal(void* data, xmlErrorPtr e) {
  auto* first = static_cast<std::string*>(data);
  if (e && e->level == XML_ERR_FATAL && first->empty())
    *first = e->message ? e->message : "cannot parse";
}

}  // namespace

std::string XmlText::text(const xmlNode* n) {
  std::string out;
  if (n) append(n->children, out);
  return out;
}

void XmlText::append(const xmlNode* c, std::string& out) {
  for (; c; c = c->next) {
    if (depth_ > 0) charge(0, c);
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      if (depth_ > 0) charge(xmlStrlen(c->content), c);
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      append(c->children, out);
    } else if (c->type == XML_ENTITY_REF_NODE) {
      const xmlNode* first = enter(c);
      append(first, out);
      leave();
    }
  }
}

std::string XmlText::attribute(const xmlNode* n, const char* name, const char* ns) {
  const xmlAttr* a =
      xmlHasNsProp(n, reinterpret_cast<const xmlChar*>(name), reinterpret_cast<const xmlChar*>(ns));
  if (!a || a->type != XML_ATTRIBUTE_NODE) return "";  // not a declared default
  // References in an attribute have no line of their own: the element's.
  const int saved = element_line_;
  element_line_ = int(std::max(0L, xmlGetLineNo(n)));
  std::string out;
  append(a->children, out);
  element_line_ = saved;
  return out;
}

std::string XmlText::lang(const xmlNode* n) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    if (xmlHasNsProp(n, reinterpret_cast<const xmlChar*>("lang"), XML_XML_NAMESPACE))
      return attribute(n, "lang", reinterpret_cast<const char*>(XML_XML_NAMESPACE));
  }
  return "";
}

void XmlText::charge(size_t bytes, const xmlNode* at) {
  spent_ += bytes + 16;
  if (spent_ > limits::kMaxEntityBytes)
    // Nodes inside an entity have no line: the reference's is given.
    fail({file_, depth_ > 0 ? ref_line_ : int(std::max(0L, xmlGetLineNo(at))), 0},
         "entities expand to more than " + limits::bytes_text(limits::kMaxEntityBytes) +
             " of text in this feed");
}

const xmlNode* XmlText::enter(const xmlNode* ref) {
  Location where{file_, int(std::max(0L, xmlGetLineNo(ref))), 0};
  if (where.line == 0) where.line = element_line_;
  const std::string name = ref->name ? reinterpret_cast<const char*>(ref->name) : "";
  const xmlEntity* ent = xmlGetDocEntity(ref->doc, ref->name);
  if (!ent)
    fail(where, "entity '&" + name + ";' is not declared in the feed",
         "Gazette reads no external DTD: declare it in the feed's own DTD, or write the "
         "character itself");
  if (ent->etype != XML_INTERNAL_GENERAL_ENTITY && ent->etype != XML_INTERNAL_PREDEFINED_ENTITY)
    fail(where, "entity '&" + name + ";' is external: Gazette reads no file or URL a feed names");
  if (depth_ >= 8) fail(where, "entities nest more than 8 deep at '&" + name + ";'");
  if (depth_++ == 0) ref_line_ = where.line;
  charge(0, ref);
  if (ent->children) return ent->children;
  // Content libxml2 did not parse into nodes: only plain text is taken.
  if (ent->content && !xmlStrchr(ent->content, '&') && !xmlStrchr(ent->content, '<')) {
    // Made into the entity's children once, so they are freed with it.
    xmlEntity* e = const_cast<xmlEntity*>(ent);
    xmlNode* t = xmlNewDocText(ref->doc, ent->content);
    if (!t) fail_runtime(file_, "out of memory");
    t->parent = reinterpret_cast<xmlNode*>(e);
    e->children = e->last = t;
    e->owner = 1;
    return t;
  }
  if (!ent->content || !*ent->content) return nullptr;
  fail(where, "cannot expand entity '&" + name + ";'");
}

void html_to_paragraphs(std::string_view html, ParagraphBuilder& out, const Location& where) {
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  std::unique_ptr<htmlParserCtxt, decltype(&htmlFreeParserCtxt)> ctxt(htmlNewParserCtxt(),
                                                                      htmlFreeParserCtxt);
  if (!ctxt) fail_runtime(where.file, "out of memory");
  std::string fatal;
  xmlSetStructuredErrorFunc(&fatal, keep_fatal);
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlCtxtReadMemory(ctxt.get(), html.data(), int(html.size()), nullptr, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
      xmlFreeDoc);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!fatal.empty()) {
    while (!fatal.empty() && (fatal.back() == '\n' || fatal.back() == ' ')) fatal.pop_back();
    if (fatal.starts_with("Excessive depth"))
      fail(where,
           "HTML nests more than 256 elements deep (unclosed tags?); the text past that "
           "depth would be lost");
    fail(where, "cannot read the HTML: " + fatal);
  }
  if (!doc) return;
  walk(xmlDocGetRootElement(doc.get()), out, nullptr);
  out.paragraph_break();
}

void html_nodes_to_paragraphs(const xmlNode* first, ParagraphBuilder& out, XmlText& xml) {
  walk(first, out, &xml);
  out.paragraph_break();
}

}  // namespace gz::corpus_detail
