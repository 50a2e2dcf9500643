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

bool splits_by(const Spec& s, const std::string& key) {
  return std::any_of(s.split_by.begin(), s.split_by.end(),
                     [&](const Spanned& k) { return k.text == key; });
}

// Locale and region fan-out change the spec itself (so the cover and
// {region} name just that region); country fan-out happens after selection.
std::vector<Spec> split_spec(const Spec& base, Diagnostics& diags) {
  std::vector<Spec> specs{base};
  for (const Spanned& key : base.split_by) {
    std::vector<Spec> next;
    for (const Spec& s : specs) {
      if (key.text == "locale") {
        std::vector<Spanned> all = s.locales.empty() ? std::vector<Spanned>{s.locale} : s.locales;
        for (const Spanned& l : all) {
          Spec c = s;
          c.locale = l;
          c.locales = {l};
          next.push_back(std::move(c));
        }
      } else if (key.text == "region") {
        if (s.regions.empty() && s.countries.empty()) {
          diags.error(key.loc, "split_by \"region\" needs [select] regions or countries");
          return {};
        }
        // Each split is made from a copy without the lists it replaces: a
        // copy of all N regions per split would be N x N.
        Spec proto = s;
        proto.regions.clear();
        proto.countries.clear();
        for (const Spanned& r : s.regions) {
          Spec c = proto;
          c.regions = {r};
          next.push_back(std::move(c));
        }
        for (const Spanned& country : s.countries) {
          Spec c = proto;
          c.countries = {country};
          next.push_back(std::move(c));
        }
      } else {
        next.push_back(s);
      }
    }
    specs = std::move(next);
  }
  return specs;
}

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

// What {placeholders} of the output path stand for in a variant.
std::map<std::string, std::string> path_values(const Spec& s, const Selection& sel,
                                               const Period& period) {
  std::map<std::string, std::string> values{{"region", sel.region_slug},
                                            {"period", period_slug(period)},
                                            {"title", s.title},
                                            {"locale", s.locale.text}};
  if (splits_by(s, "country") && !sel.region_names.empty())
    values["country"] = name_slug(sel.region_names[0]);
  return values;
}

void report_same_path(const Spanned& output_path, const std::string& rel_path, Diagnostics& diags) {
  diags.error(output_path.loc, "two variants would both write '" + rel_path + "'",
              "put the placeholders of split_by ({region}, {country}, {locale}) in the path");
}

}  // namespace

void check_plan(const Spec& spec, const Options& opts, int64_t now_unix, Diagnostics& diags) {
  // Variants and splits are copies of the spec: a mistake in a value they
  // share is found in each of them, at the same place. It is reported once.
  std::set<std::tuple<std::string, int, int, std::string>> seen;
  std::vector<Diagnostic> found;
  auto keep = [&](const Diagnostics& d) {
    for (const Diagnostic& item : d.items())
      if (seen.emplace(item.loc.file, item.loc.line, item.loc.col, item.message).second)
        found.push_back(item);
  };
  std::vector<const Spec*> bases;
  if (spec.variants.empty()) bases.push_back(&spec);
  for (const Spec& v : spec.variants) bases.push_back(&v);
  std::set<std::string> paths;  // of the variants whose path does not depend on bulletins
  for (const Spec* base : bases) {
    RegionResolver regions(*base);
    Diagnostics split_diags;
    std::vector<Spec> splits = split_spec(*base, split_diags);
    keep(split_diags);
    for (const Spec& s : splits) {
      Diagnostics d;
      check_locale_and_zone(s, d);
      Selection sel = resolve_selection(s, regions, d);
      Period period;
      if (!d.has_errors()) {
        try {
          period = resolve_period(sel.period, opts.as_of
                                                  ? *opts.as_of
                                                  : intl::date_in_zone(now_unix, s.time_zone.text));
        } catch (const Failure& f) {
          d.error(s.period.loc, f.diag().message);
        }
      }
      if (!d.has_errors()) {
        // A country split's name is known only from the bulletins: any
        // name shows whether the template is right.
        Selection named = sel;
        if (splits_by(s, "country")) named.region_names = {"Country"};
        std::string rel = expand_output_path(s.output_path, path_values(s, named, period), d);
        // `list` writes nothing, so it lists such variants as they are.
        if (!d.has_errors() && opts.command != "list" && !splits_by(s, "country") &&
            !paths.insert(rel).second)
          report_same_path(s.output_path, rel, d);
      }
      keep(d);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.col) <
           std::tie(b.loc.file, b.loc.line, b.loc.col);
  });
  for (Diagnostic& item : found) diags.add(std::move(item));
}

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

void expand_spec(const Spec& spec, const Options& opts, int64_t now_unix, Corpus& corpus,
                 Reporter& reporter, std::vector<Variant>& out, Diagnostics& diags) {
  std::vector<const Spec*> bases;
  if (spec.variants.empty()) bases.push_back(&spec);
  for (const Spec& v : spec.variants) bases.push_back(&v);
  // [[variants]] that read the same sources (most change only the period or
  // the countries) share one pool, made once by the corpus; with verbose, a
  // note at the spec says how many duplicates each pool merged away and from
  // which sources (nothing is dropped silently), once per pool in the spec.
  std::set<const void*> noted;
  for (const Spec* base : bases) {
    std::shared_ptr<const std::vector<const Bulletin*>> pool;
    RegionResolver regions(*base);  // its splits share base's [regions]
    for (Spec& s : split_spec(*base, diags)) {
      Diagnostics d;
      check_locale_and_zone(s, d);
      Selection sel = resolve_selection(s, regions, d);
      for (const auto& item : d.items()) diags.add(item);
      if (d.has_errors()) continue;
      if (!pool) {  // every split shares its sources
        BulletinPool p = corpus.pool(s.sources, reporter);
        if (opts.verbose && !p.merged.empty() && noted.insert(p.bulletins.get()).second)
          diags.add(duplicates_note(spec.file, p));
        pool = std::move(p.bulletins);
      }
      Variant v;
      v.as_of = opts.as_of ? *opts.as_of : intl::date_in_zone(now_unix, s.time_zone.text);
      try {
        v.period = resolve_period(sel.period, v.as_of);
      } catch (const Failure& f) {
        diags.error(s.period.loc, f.diag().message);  // at the period in the spec
        continue;
      }
      v.pool = pool;
      v.sel = sel;
      v.spec = std::move(s);
      std::vector<Variant> children;
      if (splits_by(v.spec, "country")) {
        std::set<std::string> codes = sel.countries;
        if (sel.all_countries)  // every country the period's bulletins name
          for (const Bulletin* b : select_bulletins(*pool, sel, v.period))
            codes.insert(b->countries.begin(), b->countries.end());
        for (const std::string& code : codes) {
          Variant c = v;
          c.sel.countries = {code};
          c.sel.all_countries = false;
          c.sel.region_names = {geo::display_name(code, v.spec.locale.text)};
          children.push_back(std::move(c));
        }
      } else {
        children.push_back(std::move(v));
      }
      for (Variant& c : children) {
        c.selected = select_bulletins(*c.pool, c.sel, c.period);
        if (!c.sel.all_countries) warn_countryless(*c.pool, c.sel, c.period, diags);
        // Refused before any variant is composed (`list` only prints).
        if (opts.command != "list") check_digest_size(c.spec, c.sel, c.selected);
        Diagnostics pd;
        c.rel_path =
            expand_output_path(c.spec.output_path, path_values(c.spec, c.sel, c.period), pd);
        for (const auto& item : pd.items()) diags.add(item);
        if (pd.has_errors()) continue;
        out.push_back(std::move(c));
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
