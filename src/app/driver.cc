#include "app/driver.h"

#include <json/json.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <optional>
#include <ostream>
#include <set>

#include "app/build.h"
#include "app/fonts.h"
#include "app/send.h"
#include "app/variants.h"
#include "base/diag.h"
#include "base/parallel.h"
#include "base/utf8.h"
#include "corpus/corpus.h"
#include "deliver/state.h"
#include "fetch/fetcher.h"
#include "intl/dates.h"
#include "intl/locale.h"
#include "select/period.h"
#include "select/resolve.h"
#include "spec/spec.h"
#include "text/font_set.h"

#include <unicode/uloc.h>

namespace gz {
namespace {

// What fetching gave, in the corpus phase's terms: the bodies are moved,
// not copied.
FetchedSource fetched_source(fetch::Fetched f) {
  FetchedSource out;
  out.bodies.reserve(f.pages.size());
  for (fetch::Page& p : f.pages) out.bodies.emplace_back(std::move(p.name), std::move(p.body));
  out.warnings = std::move(f.warnings);
  out.failure = std::move(f.failure);
  return out;
}

// ISO 3166 alpha-3 code, lower case, of an alpha-2 one (ICU), or "".
std::string alpha3_of(const std::string& alpha2) {
  std::string id = "und_" + alpha2;
  std::string out = uloc_getISO3Country(id.c_str());
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Fills each reliefweb query of spec (and of its variants) from the
// selection of the spec or variant it belongs to: the period's days, one
// more on each side (a report dated in its own time zone may fall on
// another UTC day; selection keeps the period's own), and the countries. A
// spec whose selection does not resolve is left as it is: expand_spec says
// why. The source's path then names its query, so two queries are two
// sources.
void plan_reliefweb(Spec& spec, const Options& opts, const World& world) {
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
      Date as_of =
          opts.as_of ? *opts.as_of : intl::date_in_zone(world.now_unix(), s->time_zone.text);
      period = resolve_period(sel.period, as_of);
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

// Thrown once the diagnostics of a failure have been printed.
struct Reported {
  int code;
};

// One selected bulletin of a variant, as `list` prints it.
struct ListRow {
  std::string date, countries, lang, title, source;
};

ListRow list_row(const Bulletin& b) {
  ListRow r{b.date.iso(), "", b.lang, b.title, b.origin.file};
  for (const auto& c : b.countries) r.countries += (r.countries.empty() ? "" : ",") + c;
  if (b.origin.line > 0) r.source += ':' + std::to_string(b.origin.line);
  return r;
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// `list`: without --format the five columns of the README; tsv and csv add
// the variant and the output path of each row (a bulletin is listed once
// per PDF it is in); json gives each variant with its bulletins, empty ones
// included, so that it says what each PDF will hold.
void list_variants(const std::vector<Variant>& variants, const Options& opts, std::ostream& out) {
  const std::string& f = opts.list_format;
  if (f == "json") {
    Json::Value all(Json::arrayValue);
    for (const Variant& v : variants) {
      Json::Value jv(Json::objectValue);
      jv["spec"] = v.spec.file;
      jv["variant"] = v.spec.variant;
      jv["output"] = v.rel_path;
      jv["locale"] = v.spec.locale.text;
      jv["period"] = Json::Value(Json::objectValue);
      jv["period"]["first"] = v.period.first.iso();
      jv["period"]["last"] = v.period.last.iso();
      jv["bulletins"] = Json::Value(Json::arrayValue);
      for (const Bulletin* b : v.selected) {
        ListRow r = list_row(*b);
        Json::Value jb(Json::objectValue);
        jb["date"] = r.date;
        jb["countries"] = Json::Value(Json::arrayValue);
        for (const auto& c : b->countries) jb["countries"].append(c);
        jb["lang"] = r.lang;
        jb["title"] = r.title;
        jb["source"] = r.source;
        jv["bulletins"].append(jb);
      }
      all.append(jv);
    }
    Json::StreamWriterBuilder w;
    w["indentation"] = "  ";
    w["emitUTF8"] = true;
    out << Json::writeString(w, all) << '\n';
    return;
  }
  const char sep = f == "csv" ? ',' : '\t';
  // A control character in a field is escaped ("\x1B"; in tsv a tab too,
  // "\x09"), so no title can add a field or reach the terminal raw. (JSON
  // escapes them itself.)
  auto field = [&](const std::string& s) {
    return f == "csv" ? csv_field(terminal_safe(s, true)) : terminal_safe(s);
  };
  const bool wide = !f.empty();
  if (opts.list_header) {
    out << "date" << sep << "countries" << sep << "lang" << sep << "title" << sep << "source";
    if (wide) out << sep << "variant" << sep << "output";
    out << '\n';
  }
  for (const Variant& v : variants)
    for (const Bulletin* b : v.selected) {
      ListRow r = list_row(*b);
      out << r.date << sep << field(r.countries) << sep << field(r.lang) << sep << field(r.title)
          << sep << field(r.source);
      if (wide) out << sep << field(v.spec.variant) << sep << field(v.rel_path);
      out << '\n';
    }
}

// $XDG_STATE_HOME/gazette, else ~/.local/state/gazette (XDG base dirs: a
// relative XDG_STATE_HOME is invalid and ignored, as the specification
// says, so the state never depends on the folder a cron job starts in).
std::string state_dir_of(const Options& opts, const World& world) {
  if (!opts.state_dir.empty()) return opts.state_dir;
  if (auto x = world.env("XDG_STATE_HOME"); x && !x->empty() && x->front() == '/')
    return (std::filesystem::path(*x) / "gazette").string();
  if (auto h = world.env("HOME"); h && !h->empty())
    return (std::filesystem::path(*h) / ".local/state/gazette").string();
  fail({}, "no state folder: set --state-dir, XDG_STATE_HOME or HOME");
}

// The mail plan of the spec and of each variant: throws Failure when one
// cannot be made (a login without a password, say).
void plan_email(const Spec& spec, const World& world) {
  if (spec.variants.empty() && spec.email) plan_mail(*spec.email, spec.file, world);
  for (const Spec& v : spec.variants)
    if (v.email) plan_mail(*v.email, spec.file, world);
}

// For `check`: how each [email] of the spec reaches its server, once when
// every variant uses the same set-up.
void describe_email(const Spec& spec, const World& world, std::ostream& out) {
  std::vector<const Spec*> specs;
  if (spec.variants.empty()) specs.push_back(&spec);
  for (const Spec& v : spec.variants)
    if (v.email) specs.push_back(&v);
  if (specs.empty() || !specs[0]->email) return;
  std::vector<std::string> blocks;
  for (const Spec* s : specs) {
    blocks.push_back(": email through " + s->email->url.text + "\n" +
                     describe_mail(plan_mail(*s->email, spec.file, world)));
  }
  bool same = std::all_of(blocks.begin(), blocks.end(),
                          [&](const std::string& b) { return b == blocks[0]; });
  for (size_t i = 0; i < (same ? 1 : blocks.size()); ++i)
    out << spec.file << (same ? "" : " (variant " + specs[i]->variant + ")") << blocks[i];
}

}  // namespace

int run_command(const Options& opts, const World& world, std::ostream& out, Reporter& reporter) {
  Corpus corpus;  // every source read once in the run
  std::vector<Variant> variants;
  int worst = kExitOk;
  auto report = [&](const Failure& f) {
    reporter.report(f.diag());
    worst = worse_exit(worst, f.code());
  };
  // Sources with a url or a reliefweb query are fetched (the fetcher is
  // made when a spec first has one), --jobs at a time, before any is read.
  std::unique_ptr<fetch::Fetcher> fetcher;
  auto fetch_sources = [&](const std::vector<SourceSpec>& sources, Diagnostics& diags) {
    std::vector<const SourceSpec*> todo;
    std::set<std::string> seen;
    for (const SourceSpec& src : sources) {
      if (src.kind == SourceKind::Path || corpus.has_fetched(src.path)) continue;
      if (src.kind == SourceKind::ReliefWebApi && src.reliefweb->from.empty()) continue;
      if (!seen.insert(src.path).second) continue;
      if (opts.command == "check") {  // validated, not fetched
        if (src.kind == SourceKind::ReliefWebApi && !src.reliefweb->appname) {
          auto env = world.env("GAZETTE_RELIEFWEB_APPNAME");
          if (!env || env->empty())
            diags.error(src.reliefweb->loc,
                        "the ReliefWeb API needs an appname: set GAZETTE_RELIEFWEB_APPNAME or "
                        "reliefweb.appname",
                        "ReliefWeb approves appnames beforehand; see "
                        "https://apidoc.reliefweb.int/parameters#appname");
        }
        continue;
      }
      todo.push_back(&src);
    }
    if (todo.empty()) return;
    if (!fetcher) {
      fetch::FetchOptions fo;
      fo.offline = opts.offline;
      fo.record_dir = opts.record_dir;
      fo.replay_dir = opts.replay_dir;
      fo.now = world.now_unix();
      fo.env_appname = world.env("GAZETTE_RELIEFWEB_APPNAME");
      fo.jobs = opts.jobs;
      if (opts.replay_dir.empty())
        fo.cache_dir = (std::filesystem::path(state_dir_of(opts, world)) / "http").string();
      fetcher = std::make_unique<fetch::Fetcher>(fo, [] { return fetch::make_curl_client(); });
    }
    std::vector<fetch::Fetched> results(todo.size());
    parallel_for(todo.size(), opts.jobs, [&](size_t i) { results[i] = fetcher->fetch(*todo[i]); });
    for (size_t i = 0; i < todo.size(); ++i) {
      if (opts.command == "fetch") {  // nothing is read: say here what happened
        for (const auto& w : results[i].warnings.items()) diags.add(w);
        if (results[i].failure) {
          try {
            std::rethrow_exception(results[i].failure);
          } catch (const Failure& f) {
            Diagnostic d = f.diag();
            if (f.code() == kExitBadInput) {
              diags.add(d);
            } else {
              reporter.report(diags.items());
              diags.clear();
              report(f);
            }
          }
        }
      }
      corpus.set_fetched(todo[i]->path, fetched_source(std::move(results[i])));
    }
  };
  const std::string font_dir = opts.font_dir.empty() ? world.font_dir() : opts.font_dir;
  if (std::error_code ec; !opts.font_dir.empty() && !std::filesystem::is_directory(font_dir, ec)) {
    Diagnostic d;  // built member by member: GCC 12 -O3 warns of the aggregate's temporaries
    d.loc.file = font_dir;
    d.message = "no such font folder (--font-dir)";
    reporter.report(d);
    return kExitRuntime;
  }
  for (const auto& spec_path : opts.specs) {
    try {
      Diagnostics diags;
      Spec spec = load_spec(spec_path, diags);
      std::vector<FamilyFiles> chain;
      if (!diags.has_errors()) chain = resolve_fonts(spec, font_dirs(font_dir), diags);
      // The whole spec is checked before any of its sources is fetched or read.
      if (!diags.has_errors()) check_plan(spec, opts, world.now_unix(), diags);
      // How mail reaches its server (the spec with the environment: a
      // password, a credentials file) is settled before any source is read
      // too, by check and by a build that sends.
      const bool mails =
          opts.command == "check" || (opts.command == "build" && opts.send && !opts.dry_run);
      if (!diags.has_errors() && mails) {
        try {
          plan_email(spec, world);
        } catch (const Failure&) {
          reporter.report(diags.items());  // the warnings found so far
          throw;
        }
      }
      const size_t first = variants.size();
      if (!diags.has_errors()) {
        plan_reliefweb(spec, opts, world);
        std::vector<SourceSpec> sources = spec.sources;
        for (const Spec& v : spec.variants)
          sources.insert(sources.end(), v.sources.begin(), v.sources.end());
        fetch_sources(sources, diags);
        if (opts.command == "fetch") {
          reporter.report(diags.items());
          if (diags.has_errors()) worst = worse_exit(worst, kExitBadInput);
          continue;
        }
        corpus.read(sources, opts.jobs);
      }
      if (!diags.has_errors())
        expand_spec(spec, opts, world.now_unix(), corpus, reporter, variants, diags);
      for (size_t i = first; i < variants.size(); ++i) variants[i].fonts = chain;
      reporter.report(diags.items());
      if (diags.has_errors()) throw Reported{kExitBadInput};
      if (opts.command == "check") describe_email(spec, world, out);
    } catch (const Failure& f) {
      report(f);
    } catch (const Reported& r) {
      worst = worse_exit(worst, r.code);
    } catch (const std::bad_alloc&) {
      reporter.report(Diagnostic{Severity::Error, {spec_path, 0, 0}, "out of memory", {}});
      worst = worse_exit(worst, kExitRuntime);
    } catch (const std::exception& e) {
      // Not a Failure: a bug, or a library giving out (ICU data missing).
      // One line and exit 1, and the next spec still runs.
      reporter.report(Diagnostic{
          Severity::Error, {spec_path, 0, 0}, "internal error: " + std::string(e.what()), {}});
      worst = worse_exit(worst, kExitRuntime);
    }
  }
  if (fetcher) {
    try {
      fetcher->finish_recording();
      fetcher->prune();  // entries no run has used for 30 days
    } catch (const Failure& f) {
      report(f);
    }
  }
  if (opts.command == "fetch") return worst;
  if (opts.command == "list") list_variants(variants, opts, out);
  if (opts.command != "build" && opts.command != "check") return worst;

  // Paths two specs share, or two country splits (whose names come from
  // the bulletins); check_plan has found those within a spec.
  Diagnostics dup;
  sort_and_check_unique(variants, dup);
  reporter.report(dup.items());
  if (dup.has_errors()) worst = worse_exit(worst, kExitBadInput);
  if (opts.command != "build") return worst;
  std::vector<Variant> mine;
  for (size_t i : shard_slice(variants.size(), opts.shard_k, opts.shard_n))
    mine.push_back(std::move(variants[i]));
  try {
    // Only runs that keep state need to exclude each other; plain builds
    // write atomically and may overlap.
    RunLock lock;
    std::string state_dir;
    if ((opts.send && !opts.dry_run) || opts.if_changed) {
      state_dir = state_dir_of(opts, world);
      // This lock only keeps a run from overlapping its own repetition (a
      // cron job started again): each slice of a sharded run takes its own,
      // so the slices of a Slurm array or an Indexed Job can run at once.
      // What keeps any two runs on one state folder from sending a message
      // twice, whatever their sharding, is the journal's own lock
      // (journal.lock), taken around each delivery (deliver/state.h).
      std::string name = opts.shard_n == 1 ? "gazette.lock"
                                           : "gazette-shard-" + std::to_string(opts.shard_k) +
                                                 "-of-" + std::to_string(opts.shard_n) + ".lock";
      std::string path = (std::filesystem::path(state_dir) / name).string();
      std::string holder;
      if (!lock.acquire(path, opts.wait_for_lock, &holder)) {
        reporter.error("another gazette run" + (holder.empty() ? "" : " (pid " + holder + ")") +
                       " holds " + path + "; exiting so it can finish (use --wait to wait for it)");
        return worse_exit(worst, kExitTempFail);
      }
    }
    if (mine.empty()) return worst;
    // Each distinct chain is read once, before the threads share it.
    FontSets fonts;
    for (const Variant& v : mine) fonts.load(v.fonts);
    worst = worse_exit(worst, build_variants(mine, opts, world, fonts, state_dir, reporter));
  } catch (const Failure& f) {
    report(f);
  }
  return worst;
}

}  // namespace gz
