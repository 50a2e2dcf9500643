#include "plan/plan.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <new>
#include <set>
#include <tuple>

#include "deliver/output.h"
#include "fetch/fetcher.h"
#include "geo/geo.h"
#include "intl/locale.h"

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

// What {placeholders} of the output path stand for in a digest.
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

// ISO 3166 alpha-3 code, lower case, of an alpha-2 one (ICU), or "".
std::string alpha3_of(const std::string& alpha2) {
  std::string id = "und_" + alpha2;
  std::string out = uloc_getISO3Country(id.c_str());
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Date as_of_for(const Spec& s, const PlanOptions& opts, const World& world) {
  return opts.as_of ? *opts.as_of : intl::date_in_zone(world.now_unix(), s.time_zone.text);
}

// Fills each reliefweb query of spec (and of its variants) from the
// selection of the spec or variant it belongs to: the period's days, one
// more on each side (a report dated in its own time zone may fall on
// another UTC day; selection keeps the period's own), and the countries.
// The source's path then names its query, so two queries are two sources.
// A spec or variant whose selection does not resolve is left as it is:
// plan_digests says why.
void fill_reliefweb(Spec& spec, const PlanOptions& opts, const World& world) {
  std::vector<Spec*> specs{&spec};
  for (Spec& v : spec.variants) specs.push_back(&v);
  for (Spec* s : specs) {
    bool has = false;
    for (const SourceSpec& src : s->sources) has = has || src.kind == SourceKind::ReliefWebApi;
    if (!has) continue;
    Diagnostics d;
    check_locale_and_zone(*s, d);
    Selection sel = resolve_selection(*s, d);
    if (d.has_errors()) continue;
    Period period;
    try {
      period = resolve_period(sel.period, as_of_for(*s, opts, world));
    } catch (const Failure&) {
      continue;
    }
    std::vector<std::string> iso3;
    if (!sel.all_countries)
      for (const std::string& c : sel.countries)
        if (std::string a3 = alpha3_of(c); !a3.empty()) iso3.push_back(a3);
    std::sort(iso3.begin(), iso3.end());
    for (SourceSpec& src : s->sources) {
      if (src.kind != SourceKind::ReliefWebApi) continue;
      src.reliefweb->from = period.first.plus_days(-1).iso();
      src.reliefweb->to = period.last.plus_days(1).iso();
      src.reliefweb->iso3 = iso3;
      src.path =
          src.url + "#" +
          fetch::sha256_hex(fetch::Fetcher::reliefweb_query(*src.reliefweb, 0)).substr(0, 16);
    }
  }
}

// The digests of spec, grouped by [[variants]] entry; each mistake once, at
// its position, sorted by position. Variants and splits are copies of the
// spec: a mistake in a value they share is found in each of them, at the
// same place, and reported once. paths holds the output paths planned so
// far in the run (of the digests not split by country), to find two that
// would write the same file.
std::vector<std::vector<PlannedDigest>> plan_digests(const Spec& spec, const PlanOptions& opts,
                                                     const World& world,
                                                     std::set<std::string>& paths,
                                                     Diagnostics& diags) {
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
  std::vector<std::vector<PlannedDigest>> groups;
  for (const Spec* base : bases) {
    RegionResolver regions(*base);  // its splits share base's [regions]
    Diagnostics split_diags;
    std::vector<Spec> splits = split_spec(*base, split_diags);
    keep(split_diags);
    std::vector<PlannedDigest>& group = groups.emplace_back();
    for (Spec& s : splits) {
      Diagnostics d;
      check_locale_and_zone(s, d);
      PlannedDigest p;
      p.sel = resolve_selection(s, regions, d);
      if (!d.has_errors()) {
        p.as_of = as_of_for(s, opts, world);
        try {
          p.period = resolve_period(p.sel.period, p.as_of);
        } catch (const Failure& f) {
          d.error(s.period.loc, f.diag().message);  // at the period in the spec
        }
      }
      if (!d.has_errors()) {
        p.by_country = splits_by(s, "country");
        // A country split's name is known only from the bulletins: any
        // name shows whether the template is right.
        Selection named = p.sel;
        if (p.by_country) named.region_names = {"Country"};
        std::string rel = expand_output_path(s.output_path, path_values(s, named, p.period), d);
        // `list` writes nothing, so it lists such digests as they are.
        if (!d.has_errors() && opts.command != "list" && !p.by_country && !paths.insert(rel).second)
          report_same_path(s.output_path, rel, d);
        if (!p.by_country) p.rel_path = std::move(rel);
      }
      keep(d);
      if (d.has_errors()) continue;
      p.spec = std::move(s);
      group.push_back(std::move(p));
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.col) <
           std::tie(b.loc.file, b.loc.line, b.loc.col);
  });
  for (Diagnostic& item : found) diags.add(std::move(item));
  return groups;
}

// The ReliefWeb API needs an appname; `check` says so here (a run says so
// when it fetches, which --replay and a fresh cache do not).
void check_appnames(const std::vector<SourceSpec>& sources, const World& world,
                    Diagnostics& diags) {
  std::set<std::string> seen;
  for (const SourceSpec& src : sources) {
    if (src.kind != SourceKind::ReliefWebApi || src.reliefweb->appname ||
        !seen.insert(src.path).second)
      continue;
    auto env = world.env("GAZETTE_RELIEFWEB_APPNAME");
    if (!env || env->empty())
      diags.error(src.reliefweb->loc,
                  "the ReliefWeb API needs an appname: set GAZETTE_RELIEFWEB_APPNAME or "
                  "reliefweb.appname",
                  "ReliefWeb approves appnames beforehand; see "
                  "https://apidoc.reliefweb.int/parameters#appname");
  }
}

// For `check`: how each [email] of the spec reaches its server, once when
// every variant uses the same set-up.
std::string mail_summary(const PlannedSpec& ps) {
  std::vector<std::pair<std::string, std::string>> blocks;  // variant, description
  for (const auto& group : ps.groups) {
    if (group.empty() || !group[0].mail) continue;
    const PlannedDigest& d = group[0];
    blocks.emplace_back(d.spec.variant, ": email through " + d.spec.email->url.text + "\n" +
                                            describe_mail(*d.mail));
  }
  if (blocks.empty()) return "";
  bool same = std::all_of(blocks.begin(), blocks.end(),
                          [&](const auto& b) { return b.second == blocks[0].second; });
  std::string out;
  for (size_t i = 0; i < (same ? 1 : blocks.size()); ++i)
    out += ps.spec.file + (same ? "" : " (variant " + blocks[i].first + ")") + blocks[i].second;
  return out;
}

// Plans one spec. Its mistakes go to diags; a failure that is not the
// spec's (a credentials file that cannot be read) is thrown, diags then
// holding what was found before it.
PlannedSpec plan_spec(const std::string& path, const PlanOptions& opts, const World& world,
                      std::set<std::string>& paths, Diagnostics& diags) {
  PlannedSpec ps;
  ps.spec = load_spec(path, diags);
  if (diags.has_errors()) return ps;
  ps.fonts = resolve_fonts(ps.spec, font_dirs(opts.font_dir), diags);
  if (diags.has_errors()) return ps;
  fill_reliefweb(ps.spec, opts, world);  // before the digests copy the sources
  // Checked on a copy: paths is the run's only once the spec is right.
  std::set<std::string> planned = paths;
  ps.groups = plan_digests(ps.spec, opts, world, planned, diags);
  if (diags.has_errors()) return ps;
  ps.sources = ps.spec.sources;
  for (const Spec& v : ps.spec.variants)
    ps.sources.insert(ps.sources.end(), v.sources.begin(), v.sources.end());
  if (opts.command == "check") check_appnames(ps.sources, world, diags);
  if (diags.has_errors()) return ps;
  // How mail reaches its server (the spec with the environment: a
  // password, a credentials file) is settled by check and by a build that
  // sends.
  if (opts.command == "check" || opts.sends) {
    for (auto& group : ps.groups)
      for (PlannedDigest& d : group)
        if (d.spec.email) d.mail = plan_mail(*d.spec.email, ps.spec.file, world);
    ps.mail_summary = mail_summary(ps);
  }
  paths = std::move(planned);
  return ps;
}

}  // namespace

void report_same_path(const Spanned& output_path, const std::string& rel_path, Diagnostics& diags) {
  diags.error(output_path.loc, "two variants would both write '" + rel_path + "'",
              "put the placeholders of split_by ({region}, {country}, {locale}) in the path");
}

PlannedDigest country_digest(const PlannedDigest& d, const std::string& code, Diagnostics& diags) {
  PlannedDigest c = d;
  c.sel.countries = {code};
  c.sel.all_countries = false;
  c.sel.region_names = {geo::display_name(code, c.spec.locale.text)};
  c.rel_path = expand_output_path(c.spec.output_path, path_values(c.spec, c.sel, c.period), diags);
  return c;
}

Plan make_plan(const std::vector<std::string>& paths, const PlanOptions& opts, const World& world,
               Reporter& reporter) {
  Plan plan;
  std::set<std::string> rel_paths;
  auto leave_out = [&](int code) { plan.exit_code = worse_exit(plan.exit_code, code); };
  for (const std::string& path : paths) {
    Diagnostics diags;
    // A failure that stops the spec, after what was found before it.
    auto stop = [&](const Diagnostic& d, int code) {
      reporter.report(diags.items());
      reporter.report(d);
      leave_out(code);
    };
    try {
      PlannedSpec ps = plan_spec(path, opts, world, rel_paths, diags);
      reporter.report(diags.items());
      if (diags.has_errors()) {
        leave_out(kExitBadInput);
        continue;
      }
      plan.specs.push_back(std::move(ps));
    } catch (const Failure& f) {
      stop(f.diag(), f.code());
    } catch (const std::exception& e) {
      // Not a Failure: a bug, or a library giving out (ICU data missing).
      // One line, and the next spec is still planned. (Built member by
      // member: GCC 12 -O3 warns of the braced aggregate's temporaries.)
      Diagnostic d;
      d.loc.file = path;
      const bool oom = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
      d.message = oom ? "out of memory" : "internal error: " + std::string(e.what());
      stop(d, kExitRuntime);
    }
  }
  return plan;
}

}  // namespace gz
