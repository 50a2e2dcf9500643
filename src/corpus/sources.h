// Reading a [[sources]] entry, whatever its format: the corpus phase's entry
// point. Each format has its reader beside this file (listing.h,
// bulletin_file.h, reliefweb.h, feed.h).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/bulletin.h"
#include "intl/dates.h"
#include "spec/spec.h"

namespace gz {

// The format of a source that does not give one: what format_by_name says
// (a glob or .md: bulletin files; .json: ReliefWeb; .txt: a listing), else a
// folder is bulletin files, a file whose XML root is <rss> or <feed> a
// feed, anything else a listing. content: the file's text ("" for a folder).
SourceFormat infer_format(const std::string& path, std::string_view content);

// Call once before reading sources from several threads (each with its own
// CorpusReader): libxml2 must be set up by one thread first.
void init_source_readers();

// Reads sources; keeps the listing date parsers (slow to build) across them.
class CorpusReader {
 public:
  // Reads every bulletin of src, in file order (bulletin files in path
  // order). Throws Failure: exit 1 when a file cannot be read, exit 2 for
  // bad content (at its file, line and column). A bad bulletin fails the
  // source, or, when src says on_bad_bulletin = "skip", is left out with a
  // warning added to warnings. Files past limits::kMaxSourceBytes and
  // bulletins past kMaxBulletinBytes are bad content.
  std::vector<Bulletin> read(const SourceSpec& src, Diagnostics& warnings);

  // The same for a fetched source (a url or the ReliefWeb API): reads each
  // body (name: how messages call it, such as its URL) as src's format, or,
  // without one, as the content shows: an XML root <rss> or <feed> is a
  // feed, a JSON object a ReliefWeb answer, anything else a listing. For
  // an index (format "index"), each body is one bulletin file it listed.
  std::vector<Bulletin> read_fetched(const SourceSpec& src,
                                     const std::vector<std::pair<std::string, std::string>>& bodies,
                                     Diagnostics& warnings);

  // Frees the memory kept for reading files (see text_), when no more
  // sources will be read for a while.
  void release_buffer() { std::string().swap(text_); }

 private:
  std::vector<Bulletin> read_any(const SourceSpec& src, Diagnostics& warnings);
  const intl::DateParser& dates(const std::string& lang);
  std::map<std::string, intl::DateParser> parsers_;
  // The text of the file being read. Kept from one file to the next, so
  // that each reuses the memory of the one before: fresh memory costs a
  // page fault per 4 KiB written, a good part of reading a large listing.
  // Holds the largest file read until release_buffer().
  std::string text_;
};

// Drops each bulletin that repeats an earlier one, keeping the first: the
// same URL (scheme, case of the host, a final '/' and the fragment
// ignored), or the same date and the same title once folded (case and
// accents ignored, intl::fold_for_match).
void drop_duplicates(std::vector<Bulletin>& bulletins);
// The same over bulletins that stay where they are (a pool of several
// sources' lists, which is not copied: a 200 MiB listing is held once).
// The copies dropped are appended to dropped when given.
void drop_duplicates(std::vector<const Bulletin*>& bulletins,
                     std::vector<const Bulletin*>* dropped = nullptr);

}  // namespace gz
