#include "app/driver.h"

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "app/digest_builder.h"
#include "app/render.h"
#include "base/diag.h"
#include "corpus/listing.h"
#include "deliver/output.h"
#include "geo/geo.h"
#include "intl/format.h"
#include "intl/locale.h"
#include "select/period.h"
#include "select/resolve.h"
#include "select/select.h"
#include "spec/spec.h"

namespace gz {
namespace {

void print(std::ostream& err, const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) err << render_diagnostic(d);
}

// Each source file is read, parsed and tagged once per run, whatever the
// number of specs that use it.
class Corpus {
 public:
  const std::vector<Bulletin>& get(const SourceSpec& src) {
    auto key = std::make_pair(src.path, src.lang);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    auto parser = parsers_.find(src.lang);
    if (parser == parsers_.end())
      parser = parsers_.emplace(src.lang, intl::DateParser(src.lang)).first;
    auto tagger = taggers_.find(src.lang);
    if (tagger == taggers_.end())
      tagger = taggers_.emplace(src.lang, geo::CountryTagger(src.lang)).first;
    std::vector<Bulletin> list = read_listing(src.path, src.lang, parser->second);
    for (auto& b : list) b.countries = tagger->second.tag_bulletin(b.title, b.paragraphs);
    return cache_.emplace(key, std::move(list)).first->second;
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<Bulletin>> cache_;
  std::map<std::string, intl::DateParser> parsers_;
  std::map<std::string, geo::CountryTagger> taggers_;
};

// Thrown once the diagnostics of a failure have been printed.
struct Reported {
  int code;
};

struct Job {
  Spec spec;
  Selection sel;
  Date as_of;
  Period period;
  std::vector<Bulletin> bulletins;  // of all sources, in source order
};

// Seconds for the PDF's CreationDate: SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else midnight UTC of the as-of day, so
// no clock time ever reaches the output.
int64_t creation_time(const World& world, Date as_of) {
  if (auto v = world.env("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long n = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || n < 0)
      fail({}, "SOURCE_DATE_EPOCH must be a whole number of seconds, not '" + *v + "'");
    return n;
  }
  return as_of.days() * 86400;
}

// Loads and checks a spec, resolves its names and reads its sources.
// Prints its diagnostics; throws Reported or Failure.
Job prepare(const std::string& spec_path, const Options& opts, const World& world, Corpus& corpus,
            std::ostream& err) {
  Diagnostics diags;
  Job job;
  job.spec = load_spec(spec_path, diags);
  if (!diags.has_errors()) {
    check_locale_and_zone(job.spec, diags);
    job.sel = resolve_selection(job.spec, diags);
  }
  print(err, diags.items());
  if (diags.has_errors()) throw Reported{kExitBadInput};
  job.as_of =
      opts.as_of ? *opts.as_of : intl::date_in_zone(world.now_unix(), job.spec.time_zone.text);
  job.period = resolve_period(job.sel.period, job.as_of);
  for (const auto& src : job.spec.sources) {
    const auto& list = corpus.get(src);
    job.bulletins.insert(job.bulletins.end(), list.begin(), list.end());
  }
  return job;
}

void list_job(const Job& job, std::ostream& out) {
  for (const Bulletin* b : select_bulletins(job.bulletins, job.sel, job.period)) {
    std::string countries;
    for (const auto& c : b->countries) countries += (countries.empty() ? "" : ",") + c;
    out << b->date.iso() << '\t' << countries << '\t' << b->lang << '\t' << b->title << '\n';
  }
}

void build_job(const Job& job, const Options& opts, const World& world, const FontSet& fonts,
               std::ostream& err) {
  auto selected = select_bulletins(job.bulletins, job.sel, job.period);
  intl::Formatter fmt(job.spec.locale.text);
  Digest digest = build_digest(job.spec, job.sel, job.period, selected, fmt);
  digest.creation_time = creation_time(world, job.as_of);

  Diagnostics diags;
  std::map<std::string, std::string> values{{"region", job.sel.region_slug},
                                            {"period", period_slug(job.period)},
                                            {"title", job.spec.title},
                                            {"locale", job.spec.locale.text}};
  std::string rel = expand_output_path(job.spec.output_path, values, diags);
  if (diags.has_errors()) throw Failure(diags.items().front(), kExitBadInput);

  RenderStats stats;
  std::string pdf = render_pdf(digest, fonts, &stats);
  std::string path = (std::filesystem::path(opts.output_dir) / rel).string();
  write_file_atomically(path, pdf);
  if (opts.verbose)
    err << "gazette: wrote " << path << " (" << selected.size() << " bulletins, " << stats.pages
        << " pages)\n";
}

}  // namespace

int run_command(const Options& opts, const World& world, std::ostream& out, std::ostream& err) {
  Corpus corpus;
  std::optional<FontSet> fonts;  // read on first use, once per run
  int worst = kExitOk;
  for (const auto& spec_path : opts.specs) {
    try {
      Job job = prepare(spec_path, opts, world, corpus, err);
      if (opts.command == "list") list_job(job, out);
      if (opts.command == "build") {
        if (!fonts) fonts = load_noto_sans(world.font_dir());
        build_job(job, opts, world, *fonts, err);
      }
    } catch (const Failure& f) {
      Diagnostic d = f.diag();
      if (d.loc.file.empty()) d.loc.file = "gazette";
      err << render_diagnostic(d);
      worst = std::max(worst, f.code());
    } catch (const Reported& r) {
      worst = std::max(worst, r.code);
    }
  }
  return worst;
}

}  // namespace gz
