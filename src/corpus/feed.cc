#include "corpus/feed.h"

#include <algorithm>
#include <memory>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "corpus/html_text.h"
#include "corpus/web_dates.h"
#include "intl/text.h"

namespace gz {
namespace {

using corpus_detail::ParagraphBuilder;

constexpr const char* kAtom = "http://www.w3.org/2005/Atom";
constexpr const char* kDc = "http://purl.org/dc/elements/1.1/";
constexpr const char* kContent = "http://purl.org/rss/1.0/modules/content/";

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// An element with this local name in namespace ns (nullptr: no namespace).
bool is(const xmlNode* n, const char* name, const char* ns = nullptr) {
  if (!n || n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, X(name))) return false;
  if (!ns) return n->ns == nullptr;
  return n->ns && xmlStrEqual(n->ns->href, X(ns));
}

const xmlNode* child(const xmlNode* parent, const char* name, const char* ns = nullptr) {
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (is(c, name, ns)) return c;
  }
  return nullptr;
}

// The text of the feed being read (this thread's): entities its DTD
// declares expanded within a budget (corpus_detail::XmlText), never
// through libxml2's xmlGetProp or xmlNodeGetLang, which expand them
// without one. Set by parse_feed for the time it reads.
thread_local corpus_detail::XmlText* tl_xml = nullptr;

thread_local const std::string* tl_file = nullptr;
const std::string& tl_xml_file() { return *tl_file; }

std::string text_of(const xmlNode* n) { return n ? tl_xml->text(n) : ""; }

std::string attr(const xmlNode* n, const char* name) { return tl_xml->attribute(n, name); }

Location at(const std::string& file, const xmlNode* n) {
  return {file, int(std::max(0L, xmlGetLineNo(n))), 0};
}

// Plain text: paragraphs at blank lines.
void plain_to_paragraphs(std::string_view s, ParagraphBuilder& out) {
  for (size_t pos = 0; pos <= s.size();) {
    size_t blank = s.find("\n\n", pos);
    if (blank == std::string_view::npos) blank = s.size();
    out.text(s.substr(pos, blank - pos));
    out.paragraph_break();
    pos = blank + 2;
  }
}

// An Atom text construct (title, summary, content) as paragraphs.
void atom_text(const xmlNode* n, ParagraphBuilder& out) {
  const std::string type = attr(n, "type");
  if (type == "html") {
    corpus_detail::html_to_paragraphs(text_of(n), out, at(tl_xml_file(), n));
  } else if (type == "xhtml") {
    corpus_detail::html_nodes_to_paragraphs(n->children, out, *tl_xml);
  } else {
    plain_to_paragraphs(text_of(n), out);
  }
}

// A title as one line, whatever markup it came in.
std::string one_line(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::string atom_title(const xmlNode* n) {
  ParagraphBuilder b;
  atom_text(n, b);
  std::vector<std::string> ps;
  std::vector<std::vector<TextMark>> marks;
  b.finish(ps, marks);
  return one_line(ps);
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

Bulletin read_rss_item(const xmlNode* item, const std::string& file, const std::string& feed_lang,
                       const std::string& publisher, const corpus_detail::ReadContext& ctx) {
  Bulletin b;
  b.origin = at(file, item);
  b.source = file;
  b.publisher = publisher;
  b.title = intl::normalize_text(text_of(child(item, "title")));
  if (b.title.empty()) fail(b.origin, "<item> has no <title>");
  if (const xmlNode* pub = child(item, "pubDate")) {
    const std::string s = text_of(pub);
    auto d = corpus_detail::parse_rfc822_date(s);
    if (!d)
      fail(at(file, pub),
           "cannot read <pubDate> '" + intl::normalize_text(s) + "' as an RFC 822 date",
           "expected a date like 'Mon, 02 Aug 2021 10:00:00 +0200'");
    b.date = *d;
  } else if (const xmlNode* dc = child(item, "date", kDc)) {
    const std::string s = text_of(dc);
    auto d = corpus_detail::parse_rfc3339_date(s);
    if (!d)
      fail(at(file, dc),
           "cannot read <dc:date> '" + intl::normalize_text(s) + "' as an RFC 3339 date");
    b.date = *d;
  } else {
    fail(b.origin, "<item> has no <pubDate>");
  }
  b.url = intl::normalize_text(text_of(child(item, "link")));
  if (b.url.empty()) {
    const xmlNode* guid = child(item, "guid");
    const std::string g = intl::normalize_text(text_of(guid));
    if (guid && attr(guid, "isPermaLink") != "false" && g.starts_with("http")) b.url = g;
  }
  const xmlNode* lang = child(item, "language", kDc);
  const std::string given = lang ? intl::normalize_text(text_of(lang)) : feed_lang;
  b.lang = ctx.language(given, lang ? at(file, lang) : b.origin);
  ParagraphBuilder body;
  const xmlNode* html = child(item, "encoded", kContent);
  if (!html) html = child(item, "description");
  if (html) corpus_detail::html_to_paragraphs(text_of(html), body, at(file, html));
  body.finish(b.paragraphs, b.marks, &b.kinds);
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (is(c, "category")) b.tags.push_back(intl::normalize_text(text_of(c)));
  }
  sort_unique(b.tags);
  return b;
}

Bulletin read_atom_entry(const xmlNode* entry, const std::string& file,
                         const std::string& publisher, const corpus_detail::ReadContext& ctx) {
  Bulletin b;
  b.origin = at(file, entry);
  b.source = file;
  b.publisher = publisher;
  const xmlNode* title = child(entry, "title", kAtom);
  if (title) b.title = atom_title(title);
  if (b.title.empty()) fail(b.origin, "<entry> has no <title>");
  const xmlNode* when = child(entry, "published", kAtom);
  if (!when) when = child(entry, "updated", kAtom);
  if (!when) fail(b.origin, "<entry> has no <published> or <updated>");
  const std::string s = text_of(when);
  auto d = corpus_detail::parse_rfc3339_date(s);
  if (!d)
    fail(at(file, when),
         "cannot read <" + std::string(reinterpret_cast<const char*>(when->name)) + "> '" +
             intl::normalize_text(s) + "' as an RFC 3339 date",
         "expected a date like '2021-08-02T10:00:00+00:00'");
  b.date = *d;
  for (const xmlNode* c = entry->children; c; c = c->next) {
    if (is(c, "link", kAtom) && b.url.empty()) {
      const std::string rel = attr(c, "rel");
      if (rel.empty() || rel == "alternate") b.url = attr(c, "href");
    } else if (is(c, "category", kAtom)) {
      std::string label = attr(c, "label");
      b.tags.push_back(intl::normalize_text(label.empty() ? attr(c, "term") : label));
    }
  }
  sort_unique(b.tags);
  b.lang = ctx.language(tl_xml->lang(entry), b.origin);
  ParagraphBuilder body;
  const xmlNode* content = child(entry, "content", kAtom);
  if (!content) content = child(entry, "summary", kAtom);
  if (content) atom_text(content, body);
  body.finish(b.paragraphs, b.marks, &b.kinds);
  return b;
}

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// libxml2 goes on after a fatal error and keeps only its last one ("Premature
// end of data" at the end of the file); the first is where the mistake is.
struct FirstError {
  bool set = false;
  std::string message;
  int line = 0, col = 0;
};

void keep_first_error(void* data, xmlErrorPtr e) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(data);
  auto* first = static_cast<FirstError*>(ctxt->_private);
  if (!first || first->set || !e || e->level < XML_ERR_ERROR) return;
  first->set = true;
  first->message = e->message ? e->message : "syntax error";
  first->line = e->line;
  first->col = e->int2;
}

DocPtr parse_xml(std::string_view text, const std::string& file) {
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(),
                                                                    xmlFreeParserCtxt);
  if (!ctxt) fail_runtime(file, "out of memory");
  FirstError first;
  ctxt->_private = &first;
  ctxt->sax->serror = keep_first_error;
  // No XML_PARSE_NOENT or DTDLOAD: entities stay unexpanded and nothing
  // outside the file is read; NONET as a second lock.
  const int options =
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
  DocPtr doc(
      xmlCtxtReadMemory(ctxt.get(), text.data(), int(text.size()), file.c_str(), nullptr, options),
      xmlFreeDoc);
  if (!doc || !ctxt->wellFormed) {
    if (!first.set) {  // the handler was not called: take what the context kept
      const xmlError* e = xmlCtxtGetLastError(ctxt.get());
      first.message = e && e->message ? e->message : "syntax error";
      first.line = e ? e->line : 0;
      first.col = e ? e->int2 : 0;
    }
    std::string msg = first.message;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    fail({file, first.line, first.col}, "not well-formed XML: " + msg);
  }
  return doc;
}

}  // namespace

std::vector<Bulletin> parse_feed(std::string_view text, const std::string& file,
                                 SourceFormat expected, const corpus_detail::ReadContext& ctx) {
  DocPtr doc = parse_xml(text, file);
  corpus_detail::XmlText xml(file);
  struct Current {
    Current(corpus_detail::XmlText* x, const std::string* f) { tl_xml = x, tl_file = f; }
    ~Current() { tl_xml = nullptr, tl_file = nullptr; }
  } current(&xml, &file);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const bool rss = is(root, "rss"), atom = is(root, "feed", kAtom);
  const bool ok = expected == SourceFormat::Rss    ? rss
                  : expected == SourceFormat::Atom ? atom
                                                   : rss || atom;
  if (!ok) {
    const char* want = expected == SourceFormat::Rss ? "an RSS 2.0 feed (<rss>)"
                       : expected == SourceFormat::Atom
                           ? "an Atom feed (<feed>)"
                           : "an RSS 2.0 (<rss>) or Atom (<feed>) feed";
    fail(at(file, root), std::string("expected ") + want + ", found <" +
                             reinterpret_cast<const char*>(root->name) + ">");
  }
  std::vector<Bulletin> out;
  if (rss) {
    const xmlNode* channel = child(root, "channel");
    if (!channel) fail(at(file, root), "<rss> has no <channel>");
    const std::string lang = intl::normalize_text(text_of(child(channel, "language")));
    const std::string publisher = intl::normalize_text(text_of(child(channel, "title")));
    for (const xmlNode* c = channel->children; c; c = c->next) {
      if (is(c, "item"))
        ctx.guard([&] { out.push_back(read_rss_item(c, file, lang, publisher, ctx)); });
    }
  } else {
    const xmlNode* t = child(root, "title", kAtom);
    const std::string publisher = t ? atom_title(t) : "";
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (is(c, "entry", kAtom))
        ctx.guard([&] { out.push_back(read_atom_entry(c, file, publisher, ctx)); });
    }
  }
  return out;
}

std::string xml_root_name(std::string_view text) {
  size_t i = 0;
  if (text.starts_with("\xEF\xBB\xBF")) i = 3;
  // Skip white space, the declaration, comments, processing instructions
  // and a DOCTYPE: what may come before the root element.
  while (i < text.size()) {
    while (i < text.size() && std::string_view(" \t\r\n").find(text[i]) != std::string_view::npos)
      ++i;
    if (i >= text.size() || text[i] != '<') return "";
    std::string_view rest = text.substr(i);
    std::string_view close;  // what ends this construct
    if (rest.starts_with("<?")) {
      close = "?>";
    } else if (rest.starts_with("<!--")) {
      close = "-->";
    } else if (rest.starts_with("<!")) {
      // A DOCTYPE's internal subset holds '>' of its own.
      const size_t bracket = rest.find('['), gt = rest.find('>');
      close = bracket < gt ? "]>" : ">";
    } else {
      size_t n = 1;
      while (n < rest.size() &&
             std::string_view(" \t\r\n/>").find(rest[n]) == std::string_view::npos)
        ++n;
      std::string_view name = rest.substr(1, n - 1);
      if (size_t colon = name.find(':'); colon != std::string_view::npos)
        name.remove_prefix(colon + 1);
      return std::string(name);
    }
    const size_t end = rest.find(close);
    if (end == std::string_view::npos) return "";
    i += end + close.size();
  }
  return "";
}

}  // namespace gz
