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
#include "app/variants.h"
#include "base/diag.h"
#include "base/parallel.h"
#include "base/utf8.h"
#include "corpus/corpus.h"
#include "deliver/state.h"
#include "fetch/fetcher.h"
#include "plan/plan.h"
#include "spec/spec.h"
#include "text/font_set.h"

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
      if (opts.command == "check") continue;  // checked by the plan, not fetched
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
  // The whole run is planned before any source is fetched or read: every
  // spec's mistakes are said first, each once, and a spec with one is not
  // run.
  PlanOptions po;
  po.command = opts.command;
  po.as_of = opts.as_of;
  po.font_dir = font_dir;
  po.sends = opts.command == "build" && opts.send && !opts.dry_run;
  const Plan plan = make_plan(opts.specs, po, world, reporter);
  worst = worse_exit(worst, plan.exit_code);
  for (const PlannedSpec& ps : plan.specs) {
    try {
      Diagnostics diags;
      fetch_sources(ps.sources, diags);
      if (opts.command == "fetch") {
        reporter.report(diags.items());
        if (diags.has_errors()) worst = worse_exit(worst, kExitBadInput);
        continue;
      }
      corpus.read(ps.sources, opts.jobs);
      expand_spec(ps, opts, corpus, reporter, variants, diags);
      reporter.report(diags.items());
      if (diags.has_errors()) throw Reported{kExitBadInput};
      if (opts.command == "check") out << ps.mail_summary;
    } catch (const Failure& f) {
      report(f);
    } catch (const Reported& r) {
      worst = worse_exit(worst, r.code);
    } catch (const std::exception& e) {
      // Not a Failure: a bug, or a library giving out (ICU data missing).
      // One line and exit 1, and the next spec still runs. (Built member
      // by member: GCC 12 -O3 warns of the braced aggregate's temporaries.)
      Diagnostic d;
      d.loc.file = ps.spec.file;
      const bool oom = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
      d.message = oom ? "out of memory" : "internal error: " + std::string(e.what());
      reporter.report(d);
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

  // Paths two country splits share (their names come from the bulletins);
  // the plan has found the others.
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
