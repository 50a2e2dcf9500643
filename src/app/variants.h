// Fan-out: one loaded spec becomes its concrete variants ([[variants]],
// then [output] split_by), each with its selection resolved, its bulletins
// selected and its output path expanded. Sharding slices the sorted list.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/driver.h"
#include "base/diag.h"
#include "corpus/bulletin.h"
#include "corpus/corpus.h"
#include "select/resolve.h"
#include "spec/spec.h"
#include "text/font_set.h"

namespace gz {

struct Variant {
  Spec spec;  // with the variant's keys and split values applied
  Selection sel;
  Date as_of;
  Period period;
  // All its sources' bulletins, duplicates dropped (Corpus::pool); they
  // live in the Corpus's lists.
  std::shared_ptr<const std::vector<const Bulletin*>> pool;
  std::vector<const Bulletin*> selected;  // into *pool, chronological
  std::string rel_path;                   // inside --output-dir; also the variant's identity
  // content_hash(*this), filled by build_variants only where it is used
  // (--if-changed, the email's Message-ID, the journal); "" until then.
  std::string hash;
  std::vector<FamilyFiles> fonts;  // the font fallback chain ([layout] fonts resolved)
};

// The plan's check: everything of spec (and of each of its variants and
// splits) that can be wrong without reading a source: locale, time zone,
// source languages, aliases, period, regions, countries, languages, split
// keys, output path templates and paths that two variants would share.
// Each mistake once, at its position, sorted by position. The spec must
// have been read without errors; `check`, `list` and `build` call this
// before any source is fetched or read.
void check_plan(const Spec& spec, const Options& opts, int64_t now_unix, Diagnostics& diags);

// Appends the variants of spec to out; problems go to diags (a variant with
// errors is left out). The spec must have been read without errors. Its
// sources' bulletins come from corpus (Corpus::pool), whose warnings go to
// reporter as each source is first asked for, and whose failures are thrown.
void expand_spec(const Spec& spec, const Options& opts, int64_t now_unix, Corpus& corpus,
                 Reporter& reporter, std::vector<Variant>& out, Diagnostics& diags);

// SHA-256 (deliver/hash.h) over what the variant's PDF is made of: the
// selected bulletins, the spec, the output path and Gazette's version.
std::string content_hash(const Variant& v);

// Sorts by output path and reports (to diags) variants that would write the
// same file, leaving only the first of each.
void sort_and_check_unique(std::vector<Variant>& all, Diagnostics& diags);

// The positions (0-based) of shard k of n (1-based k) among count sorted
// variants: every n-th, starting at k - 1, so shards get similar loads.
std::vector<size_t> shard_slice(size_t count, int k, int n);

}  // namespace gz
