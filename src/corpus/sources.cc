#include "corpus/sources.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>

#include <libxml/parser.h>

#include "base/limits.h"
#include "corpus/bulletin_file.h"
#include "corpus/feed.h"
#include "corpus/listing.h"
#include "corpus/read_context.h"
#include "corpus/reliefweb.h"
#include "corpus/source_files.h"

namespace gz {
namespace {

using corpus_detail::ReadContext;

// Reads a source file of at most limits::kMaxSourceBytes into text. what
// names it in messages ("source", "bulletin").
void read_or_fail(const std::string& path, const char* what, std::string& text) {
  if (int err = corpus_detail::read_whole_file(path, &text, limits::kMaxSourceBytes)) {
    if (err == EFBIG) {
      fail({path, 0, 0}, std::string(what) + " too large: more than " +
                             limits::bytes_text(limits::kMaxSourceBytes));
    }
    fail({path, 0, 0}, std::string("cannot read ") + what + ": " + std::strerror(err), {},
         kExitRuntime);
  }
}

// Every reader's bulletins are held to limits::kMaxBulletinBytes (the
// listing reader checks it as it goes, before folding a huge paragraph).
void check_bulletin_sizes(std::vector<Bulletin>& list, const ReadContext& ctx) {
  // Compacted in place, order kept: nothing moves until a bulletin is
  // dropped, and most sources drop none (a second list was a copy of every
  // bulletin). A plain loop, so the warnings come in the bulletins' order.
  auto kept = list.begin();
  for (auto it = list.begin(); it != list.end(); ++it) {
    size_t bytes = it->title.size();
    for (const auto& p : it->paragraphs) bytes += p.size();
    const bool ok = ctx.guard([&] {
      if (bytes > limits::kMaxBulletinBytes) {
        fail(it->origin, "bulletin too long: more than " +
                             limits::bytes_text(limits::kMaxBulletinBytes) + " of text");
      }
    });
    if (!ok) continue;
    if (kept != it) *kept = std::move(*it);
    ++kept;
  }
  list.erase(kept, list.end());
}

// text: a buffer for each file's text.
std::vector<Bulletin> read_bulletin_files(const SourceSpec& src, const ReadContext& ctx,
                                          std::string& text) {
  std::vector<std::string> files = corpus_detail::bulletin_files(src.path);
  if (files.empty()) {
    const bool glob = corpus_detail::is_glob(src.path);
    fail(src.path_as_written.loc,
         glob ? "no file matches '" + src.path_as_written.text + "'"
              : "no bulletin files (*.md) in folder '" + src.path_as_written.text + "'");
  }
  std::vector<Bulletin> out;
  out.reserve(files.size());
  for (const std::string& f : files) {
    read_or_fail(f, "bulletin", text);
    ctx.guard([&] { out.push_back(parse_bulletin_file(text, f, ctx)); });
  }
  return out;
}

}  // namespace

SourceFormat infer_format(const std::string& path, std::string_view content) {
  if (SourceFormat f = format_by_name(path); f != SourceFormat::Auto) return f;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return SourceFormat::Bulletin;
  const std::string root = xml_root_name(content);
  if (root == "rss") return SourceFormat::Rss;
  if (root == "feed") return SourceFormat::Atom;
  return SourceFormat::Listing;
}

const intl::DateParser& CorpusReader::dates(const std::string& lang) {
  auto it = parsers_.find(lang);
  if (it == parsers_.end()) it = parsers_.emplace(lang, intl::DateParser(lang)).first;
  return it->second;
}

void init_source_readers() { xmlInitParser(); }

std::vector<Bulletin> CorpusReader::read(const SourceSpec& src, Diagnostics& warnings) {
  std::vector<Bulletin> list = read_any(src, warnings);
  check_bulletin_sizes(list, {src.lang, src.on_bad_bulletin, &warnings});
  return list;
}

std::vector<Bulletin> CorpusReader::read_fetched(
    const SourceSpec& src, const std::vector<std::pair<std::string, std::string>>& bodies,
    Diagnostics& warnings) {
  const ReadContext ctx{src.lang, src.on_bad_bulletin, &warnings};
  std::vector<Bulletin> out;
  for (const auto& body : bodies) {
    const std::string& name = body.first;
    const std::string& text = body.second;
    if (text.size() > limits::kMaxSourceBytes)
      fail({name, 0, 0},
           "source too large: more than " + limits::bytes_text(limits::kMaxSourceBytes));
    SourceFormat format = src.format;
    if (format == SourceFormat::Auto) {
      const std::string root = xml_root_name(text);
      size_t first = text.find_first_not_of(" \t\r\n");
      if (root == "rss")
        format = SourceFormat::Rss;
      else if (root == "feed")
        format = SourceFormat::Atom;
      else if (first != std::string::npos && text[first] == '{')
        format = SourceFormat::ReliefWeb;
      else
        format = SourceFormat::Listing;
    }
    std::vector<Bulletin> list;
    switch (format) {
      case SourceFormat::ReliefWeb:
        list = parse_reliefweb(text, name, ctx);
        break;
      case SourceFormat::Rss:
      case SourceFormat::Atom:
        list = parse_feed(text, name, format, ctx);
        break;
      case SourceFormat::Bulletin:
      case SourceFormat::Index:  // each body is a file the index listed
        ctx.guard([&] { list.push_back(parse_bulletin_file(text, name, ctx)); });
        break;
      default:
        if (src.lang.empty())
          fail(src.loc, "missing required key 'lang' in [[sources]]",
               "'" + name + "' is a listing, whose dates are read in that language");
        list = parse_listing(text, name, src.lang, dates(src.lang));
        for (Bulletin& b : list) b.source = name;
    }
    out.insert(out.end(), std::make_move_iterator(list.begin()),
               std::make_move_iterator(list.end()));
  }
  check_bulletin_sizes(out, ctx);
  return out;
}

std::vector<Bulletin> CorpusReader::read_any(const SourceSpec& src, Diagnostics& warnings) {
  const ReadContext ctx{src.lang, src.on_bad_bulletin, &warnings};
  // A missing file is the spec's [[sources]] path, pointed at there (a glob
  // that matches nothing is reported by read_bulletin_files, there too).
  if (std::error_code ec; src.kind == SourceKind::Path &&
                          src.path.find_first_of("*?[") == std::string::npos &&
                          !std::filesystem::exists(src.path, ec) && !ec)
    fail(src.path_as_written.loc,
         "source '" + src.path_as_written.text + "' not found (no file " + src.path + ")", {},
         kExitRuntime);
  SourceFormat format = src.format;
  if (format == SourceFormat::Auto) format = format_by_name(src.path);
  std::string& text = text_;
  text.clear();  // a folder's "content" for infer_format
  bool have_text = false;
  if (format == SourceFormat::Auto) {
    std::error_code ec;
    if (!std::filesystem::is_directory(src.path, ec)) {
      read_or_fail(src.path, "source", text);
      have_text = true;
    }
    format = infer_format(src.path, text);
  }
  if (format == SourceFormat::Bulletin) return read_bulletin_files(src, ctx, text);
  if (!have_text) read_or_fail(src.path, "source", text);
  switch (format) {
    case SourceFormat::ReliefWeb:
      return parse_reliefweb(text, src.path, ctx);
    case SourceFormat::Rss:
    case SourceFormat::Atom:
      return parse_feed(text, src.path, format, ctx);
    default:
      break;
  }
  // The spec could not tell this file was a listing: say it now, in its words.
  if (src.lang.empty())
    fail(src.loc, "missing required key 'lang' in [[sources]]",
         "'" + src.path_as_written.text + "' is a listing, whose dates are read in that language");
  std::vector<Bulletin> list = parse_listing(text, src.path, src.lang, dates(src.lang));
  for (Bulletin& b : list) b.source = src.path;
  return list;
}

}  // namespace gz
