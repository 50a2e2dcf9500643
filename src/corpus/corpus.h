// The corpus phase as a run uses it: each source read once, its bulletins
// tagged with countries, and a spec's pool of bulletins with the duplicates
// across its sources dropped. sources.h reads one source; this keeps what
// was read for the run.
#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/diag.h"
#include "base/report.h"
#include "corpus/bulletin.h"
#include "spec/spec.h"

namespace gz {

// What fetching gave for a source with a url or a reliefweb query, in the
// corpus's terms (the corpus does not see fetch/; the driver fills this
// from what it fetched).
struct FetchedSource {
  // Each body as (name, text), the name being how messages call it (its
  // URL); what CorpusReader::read_fetched reads.
  std::vector<std::pair<std::string, std::string>> bodies;
  Diagnostics warnings;        // of fetching: printed when the source is read
  std::exception_ptr failure;  // a Failure, thrown when the source is read; no bodies then
};

// A spec's bulletins: every bulletin of its sources, in source order, each
// that repeats an earlier one dropped (drop_duplicates in sources.h).
struct BulletinPool {
  // Into the corpus's lists (no bulletin is copied); shared by every pool
  // made of the same lists, and valid as long as the Corpus.
  std::shared_ptr<const std::vector<const Bulletin*>> bulletins;
  // The copies dropped, counted by the source they came from
  // (Bulletin::origin.file), in the order first seen; empty when none.
  std::vector<std::pair<std::string, size_t>> merged;

  // The number of copies dropped, from every source.
  size_t merged_count() const;
};

// The sources of a run: each is read, parsed and tagged once, whatever the
// number of specs that use it (cached by what changes its bulletins: path,
// format, language, on_bad_bulletin, countries_from and aliases). Its
// warnings are reported the first time it is asked for and its failure
// thrown each time, so that what a run prints, and in which order, is what
// reading the sources one by one in spec order gives, however they were
// read.
//
// Country tagging: a bulletin whose source names its countries keeps them;
// the others are tagged by geo::CountryTagger (one per language and set of
// aliases, built once per reading thread) as the source's countries_from
// says: from the title, else the body (title-then-body), from the title
// only, or not at all (none).
//
// Not thread-safe: one thread calls it (read() uses threads of its own).
class Corpus {
 public:
  Corpus();
  ~Corpus();
  Corpus(const Corpus&) = delete;
  Corpus& operator=(const Corpus&) = delete;

  // What fetching gave for the source whose SourceSpec::path is path; set
  // before the source is read. A url or reliefweb source read without it
  // (gazette check, which fetches nothing) has no bulletins.
  void set_fetched(const std::string& path, FetchedSource fetched);
  bool has_fetched(const std::string& path) const;

  // Reads the sources not read yet, up to `threads` at a time, each thread
  // with its own reader and taggers (ICU formatters are not shared). Reports
  // and throws nothing: what each source gave waits for bulletins(). With
  // fewer than two threads' worth of work it does nothing, and bulletins()
  // reads each source when first asked for it.
  void read(const std::vector<SourceSpec>& sources, int threads);

  // The bulletins of src, read now unless read before. The first time src
  // is asked for, its warnings (fetching's, then reading's: bulletins
  // skipped) go to reporter; when it failed, its Failure (or other
  // exception) is thrown, every time. The list lives as long as the Corpus.
  const std::vector<Bulletin>& bulletins(const SourceSpec& src, Reporter& reporter);

  // The pool of a spec's sources (bulletins() of each, with what that
  // reports and throws). A source named twice (the same normalised path,
  // format and language) is taken once, before anything is copied. Pools
  // are kept: the same sources give the same pool, computed once.
  BulletinPool pool(const std::vector<SourceSpec>& sources, Reporter& reporter);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gz
