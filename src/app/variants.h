// Running the plan's digests: each planned digest (plan/plan.h) becomes a
// concrete variant, or one per country for split_by "country", with its
// bulletins selected. Sharding slices the sorted list.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/driver.h"
#include "base/diag.h"
#include "corpus/bulletin.h"
#include "corpus/corpus.h"
#include "plan/plan.h"
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
  std::optional<MailPlan> mail;    // how its [email] reaches the server, when sending
};

// Appends the variants of a planned spec to out: each group's sources
// read into one pool by corpus (Corpus::pool), whose warnings go to
// reporter as each source is first asked for and whose failures are thrown;
// country splits made from the bulletins; each variant's bulletins
// selected. Problems go to diags (a variant with errors is left out).
void expand_spec(const PlannedSpec& ps, const Options& opts, Corpus& corpus, Reporter& reporter,
                 std::vector<Variant>& out, Diagnostics& diags);

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
