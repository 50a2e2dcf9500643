#include "app/variants.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "compose/compose.h"
#include "corpus/corpus.h"
#include "deliver/hash.h"
#include "deliver/output.h"
#include "geo/geo.h"
#include "intl/locale.h"
#include "select/period.h"
#include "select/select.h"

namespace gz {
namespace {

// "s.toml: note: 2 duplicate bulletins merged: 1 from a.xml, 1 from b.json"
// (the sources the dropped copies came from, in the order first seen).
Diagnostic duplicates_note(const std::string& spec_file, const BulletinPool& pool) {
  std::string from;
  for (const auto& [file, n] : pool.merged)
    from += (from.empty() ? "" : ", ") + std::to_string(n) + " from " + file;
  const size_t count = pool.merged_count();
  return Diagnostic{Severity::Note,
                    {spec_file, 0, 0},
                    std::to_string(count) +
                        (count == 1 ? " duplicate bulletin" : " duplicate bulletins") +
                        " merged: " + from,
                    ""};
}

// A selection by region or country leaves out the bulletins of its period
// and languages that name no country: each is said, at its source position
// (once: print() drops repeats, so variants sharing it warn once).
void warn_countryless(const std::vector<const Bulletin*>& pool, const Selection& sel,
                      const Period& period, Diagnostics& diags) {
  for (const Bulletin* b : pool) {
    if (!b->countries.empty() || !period.contains(b->date) ||
        !language_kept(b->lang, sel.languages))
      continue;
    diags.warning(b->origin,
                  "no country found in bulletin '" + b->title +
                      "': left out of the digests that select by region or country",
                  "name its countries in the source (a bulletin file's `countries`) or in "
                  "its title");
  }
}

}  // namespace

std::string content_hash(const Variant& v) {
  Sha256 h;
  h.field(GAZETTE_VERSION)
      .field(v.spec.source_text ? *v.spec.source_text : "")
      .field(v.spec.variant)
      .field(v.rel_path);
  h.field(v.spec.locale.text).field(period_slug(v.period));
  for (const std::string& c : v.sel.countries) h.field(c);
  for (const Bulletin* b : v.selected) {
    h.field(b->date.iso()).field(b->lang).field(b->title);
    for (const auto& c : b->countries) h.field(c);
    for (const auto& p : b->paragraphs) h.field(p);
    // The source line, only where there is one, so that the hashes of
    // digests without stay what earlier versions stored. "\x01" is never
    // a paragraph (normalised text has no control characters).
    if (!b->url.empty() || !b->publisher.empty()) h.field("\x01").field(b->url).field(b->publisher);
  }
  return h.hex();
}

void expand_spec(const PlannedSpec& ps, const Options& opts, Corpus& corpus, Reporter& reporter,
                 std::vector<Variant>& out, Diagnostics& diags) {
  // [[variants]] that read the same sources (most change only the period or
  // the countries) share one pool, made once by the corpus; with verbose, a
  // note at the spec says how many duplicates each pool merged away and from
  // which sources (nothing is dropped silently), once per pool in the spec.
  std::set<const void*> noted;
  for (const std::vector<PlannedDigest>& group : ps.groups) {
    if (group.empty()) continue;
    // Every split of a group reads the same sources.
    BulletinPool p = corpus.pool(group[0].spec.sources, reporter);
    if (opts.verbose && !p.merged.empty() && noted.insert(p.bulletins.get()).second)
      diags.add(duplicates_note(ps.spec.file, p));
    const std::shared_ptr<const std::vector<const Bulletin*>> pool = std::move(p.bulletins);
    for (const PlannedDigest& d : group) {
      std::vector<PlannedDigest> digests;
      if (d.by_country) {
        std::set<std::string> codes = d.sel.countries;
        if (d.sel.all_countries)  // every country the period's bulletins name
          for (const Bulletin* b : select_bulletins(*pool, d.sel, d.period))
            codes.insert(b->countries.begin(), b->countries.end());
        for (const std::string& code : codes) {
          Diagnostics pd;
          PlannedDigest c = country_digest(d, code, pd);
          for (const auto& item : pd.items()) diags.add(item);
          if (!pd.has_errors()) digests.push_back(std::move(c));
        }
      } else {
        digests.push_back(d);
      }
      for (PlannedDigest& c : digests) {
        Variant v;
        v.spec = std::move(c.spec);
        v.sel = std::move(c.sel);
        v.as_of = c.as_of;
        v.period = c.period;
        v.pool = pool;
        v.rel_path = std::move(c.rel_path);
        v.fonts = ps.fonts;
        v.mail = std::move(c.mail);
        v.selected = select_bulletins(*v.pool, v.sel, v.period);
        if (!v.sel.all_countries) warn_countryless(*v.pool, v.sel, v.period, diags);
        // Refused before any variant is composed (`list` only prints).
        if (opts.command != "list") check_digest_size(v.spec, v.sel, v.selected);
        out.push_back(std::move(v));
      }
    }
  }
}

void sort_and_check_unique(std::vector<Variant>& all, Diagnostics& diags) {
  std::stable_sort(all.begin(), all.end(),
                   [](const Variant& a, const Variant& b) { return a.rel_path < b.rel_path; });
  std::vector<Variant> kept;
  for (Variant& v : all) {
    if (!kept.empty() && kept.back().rel_path == v.rel_path) {
      report_same_path(v.spec.output_path, v.rel_path, diags);
      continue;
    }
    kept.push_back(std::move(v));
  }
  all = std::move(kept);
}

std::vector<size_t> shard_slice(size_t count, int k, int n) {
  std::vector<size_t> out;
  for (size_t i = size_t(k - 1); i < count; i += size_t(n)) out.push_back(i);
  return out;
}

}  // namespace gz
