// RSS 2.0 and Atom feed files, parsed with libxml2.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corpus/bulletin.h"
#include "corpus/read_context.h"
#include "spec/spec.h"

namespace gz {

// Reads the items of an RSS 2.0 feed (<rss><channel><item>) or the entries
// of an Atom feed (<feed><entry>). expected is Rss, Atom, or Auto (the root
// element decides). Per item: title; date from pubDate (RFC 822) or
// dc:date, Atom's published or updated (RFC 3339); link; the HTML of
// content:encoded or description, Atom's content or summary (text, html or
// xhtml); language from dc:language or the channel's <language>, Atom's
// xml:lang; categories as tags.
//
// The XML is parsed with no network access and no entity expansion (no
// external entities, no DTD loading). A document that is not well-formed
// fails the source at libxml2's line and column; a bad item is a bad
// bulletin (ctx decides), reported at its line.
std::vector<Bulletin> parse_feed(std::string_view text, const std::string& file,
                                 SourceFormat expected, const corpus_detail::ReadContext& ctx);

// The root element's local name ("rss", "feed"), or "" when text does not
// start like an XML document; reads no further than the root's start tag.
std::string xml_root_name(std::string_view text);

}  // namespace gz
