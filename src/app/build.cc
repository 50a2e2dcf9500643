#include "app/build.h"

#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <utility>

#include "app/email.h"
#include "app/render.h"
#include "base/parallel.h"
#include "base/report.h"
#include "compose/compose.h"
#include "deliver/committer.h"
#include "deliver/hash.h"
#include "deliver/output.h"
#include "deliver/sender.h"
#include "deliver/state.h"
#include "layout/coverage.h"
#include "pdf/document_info.h"
#include "select/period.h"

namespace gz {
namespace {

// An error about a whole file (no line). Built field by field: GCC 12 at -O3
// warns falsely (maybe-uninitialized) about the braced aggregate.
Diagnostic error_in(const std::string& file, std::string message) {
  Diagnostic d;
  d.loc.file = file;
  d.message = std::move(message);
  return d;
}

namespace fs = std::filesystem;

// What building one variant gave; printed and acted on in variant order by
// the main thread, so logs and sends do not depend on --jobs.
struct Outcome {
  int code = kExitOk;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> log;  // verbose lines, printed after the errors
  bool written = false;         // a new PDF is in place
  std::string message;          // the email, when --send and the variant has [email]
  std::string key;              // its delivery_key
  std::string bytes_hash;       // SHA-256 of the PDF written (--if-changed)

  // The PDF's commit, under way on the Committer's threads, and what the
  // outcome held before it: if the commit fails, what came after (the
  // email, its warnings, "wrote") is undone, as if the commit had thrown.
  std::optional<std::future<void>> committed;
  size_t errors_before = 0, log_before = 0;
  int code_before = kExitOk;

  // Waits for the PDF's commit; a failure replaces what came after it.
  // Whether the PDF is in place (or was not to be written).
  bool settle(const std::string& path) {
    if (!committed) return true;
    std::optional<Diagnostic> failure;
    int failure_code = kExitRuntime;
    try {
      std::exchange(committed, std::nullopt)->get();
      return true;
    } catch (const Failure& f) {
      failure = f.diag();
      failure_code = f.code();
    } catch (const std::exception& e) {
      failure = error_in(path, e.what());
    }
    errors.resize(errors_before);
    log.resize(log_before);
    code = worse_exit(code_before, failure_code);
    errors.push_back(std::move(*failure));
    written = false;
    message.clear();
    key.clear();
    bytes_hash.clear();
    return false;
  }
};

// Seconds for the PDF's CreationDate: SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else midnight UTC of the as-of day, so
// no clock time ever reaches the output.
int64_t creation_time(const World& world, Date as_of) {
  if (auto v = world.env("SOURCE_DATE_EPOCH")) {
    // Up to the last second of 9999: a PDF date has four digits of year,
    // and a larger value would be written as a wrong date, not refused.
    constexpr long long kLast = 253402300799;  // 9999-12-31T23:59:59Z
    char* end = nullptr;
    errno = 0;
    long long n = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE || n < 0 || n > kLast)
      fail({}, "SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to " +
                   std::to_string(kLast) + ", not '" + *v + "'");
    return n;
  }
  return as_of.days() * 86400;
}

// The sRGB profile of PDF/A's output intent, from Debian's colord-data (a
// fixed path, like the fonts' folders: nothing else of the machine is
// searched). Read once per run.
constexpr const char* kSrgbProfile = "/usr/share/color/icc/colord/sRGB.icc";

const std::string& srgb_profile() {
  static const std::string bytes = [] {
    std::ifstream in(kSrgbProfile, std::ios::binary);
    std::ostringstream s;
    if (in) s << in.rdbuf();
    if (!in || s.str().size() < 128) {
      fail_runtime(kSrgbProfile,
                   "cannot read the sRGB ICC profile that PDF/A needs (Debian package "
                   "colord-data); or set [output] pdf_standards without \"a-2a\"");
    }
    return s.str();
  }();
  return bytes;
}

// What a variant's PDF says about itself: compose's words, the spec's
// standards, the date and the profile.
DocumentInfo document_info(const Variant& v, const World& world, DigestAbout&& about) {
  DocumentInfo info;
  info.subject = std::move(about.subject);
  info.keywords = std::move(about.keywords);
  info.creator = std::string("Gazette ") + GAZETTE_VERSION;
  info.creation_time = creation_time(world, v.as_of);
  info.pdf_ua = v.spec.pdf_ua;
  info.pdf_a = v.spec.pdf_a;
  if (info.pdf_a) info.icc_profile = srgb_profile();
  return info;
}

// The bytes of the PDF an earlier run built at path, when it is still
// exactly what that run wrote: a regular file (a symbolic link planted
// there is not followed) whose SHA-256 is the one recorded. Else nullopt,
// and the variant is built again.
// (An entry of Gazette 0.1 has no bytes' hash: a regular file is trusted.)
std::optional<std::string> earlier_pdf(const std::string& path, const BuiltHashes::Entry& e) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  bool exists = false;
  std::string bytes;
  try {
    bytes = read_regular_file(path, &exists);
  } catch (const Failure&) {
    return std::nullopt;  // replaced by something else since the lstat
  }
  if (!exists || (!e.bytes.empty() && Sha256().add(bytes).hex() != e.bytes)) return std::nullopt;
  return bytes;
}

std::string eml_path(const std::string& pdf) {
  fs::path p(pdf);
  return (p.extension() == ".pdf" ? p.replace_extension(".eml") : fs::path(pdf + ".eml")).string();
}

struct Context {
  const Options& opts;
  const World& world;
  const FontSets& fonts;
  const BuiltHashes* hashes;  // --if-changed only
  Committer& committer;
  bool two_threads;  // each variant's layout and PDF writer on threads of their own
};

// A worker thread's formatters, one per report locale, made when first
// needed: a Formatter takes some 4M instructions to build (ICU formats and
// the message catalogue), and a batch renders many variants per locale.
// ICU formatters are not thread-safe, so each thread has its own.
class Formatters {
 public:
  const intl::Formatter& get(const std::string& locale) {
    auto it = made_.find(locale);
    if (it == made_.end()) it = made_.emplace(locale, intl::Formatter(locale)).first;
    return it->second;
  }

 private:
  std::map<std::string, intl::Formatter> made_;
};

// Where a PDF goes as it is written: its file, the SHA-256 of its bytes
// (--if-changed), and a copy for the email while it is no larger than the
// email's limit (a larger one is not sent).
class PdfOut final : public ByteSink {
 public:
  PdfOut(ByteSink& file, Sha256* sha, std::string* copy, size_t copy_limit)
      : file_(file), sha_(sha), copy_(copy), limit_(copy_limit) {}

  void write(std::string_view bytes) override {
    file_.write(bytes);
    size_ += bytes.size();
    if (sha_) sha_->add(bytes);
    if (!copy_) return;
    if (size_ <= limit_) {
      copy_->append(bytes);
    } else {
      std::string().swap(*copy_);
      copy_ = nullptr;
    }
  }
  size_t size() const { return size_; }

 private:
  ByteSink& file_;
  Sha256* sha_;
  std::string* copy_;
  size_t limit_;
  size_t size_ = 0;
};

// Fills v.hash where it is needed; v is this thread's alone until the join.
void build_one(Variant& v, const Context& cx, Formatters& formatters, Outcome& out) {
  std::string path = (fs::path(cx.opts.output_dir) / v.rel_path).string();
  if (v.selected.empty() && v.spec.on_empty == OnEmpty::Skip) {
    if (cx.opts.verbose) out.log.push_back(verbose_line("skipped " + path + " (no bulletins)"));
    return;
  }
  if (v.selected.empty() && v.spec.on_empty == OnEmpty::Fail) {
    out.errors.push_back(
        error_in(path, "no bulletins in " + period_slug(v.period) + " (on_empty = \"fail\")"));
    out.code = kExitRuntime;
    return;
  }
  // ICU formatters and collators are not thread-safe: the thread's own
  // formatter, and a collator per variant. FontSet is read-only and shared.
  const intl::Formatter& fmt = formatters.get(v.spec.locale.text);
  DigestAbout about;
  Digest digest = build_digest(v.spec, v.sel, v.period, v.selected, fmt, &about);
  const DocumentInfo info = document_info(v, cx.world, std::move(about));
  const FontSet& fonts = cx.fonts.at(v.fonts);
  // What the fonts cannot draw is said, never left as silent boxes.
  Diagnostics warnings;
  check_coverage(digest, fonts, v.spec.fonts.empty() ? "bundled font" : "font in [layout] fonts",
                 warnings);
  out.errors.insert(out.errors.end(), warnings.items().begin(), warnings.items().end());

  // A SHA-256 over every selected bulletin: computed only for what uses it,
  // and here, in the worker threads, rather than serially for every variant.
  if (cx.hashes) v.hash = content_hash(v);

  // Whether the digest is emailed (this run sends or writes .eml files,
  // and it has bulletins or the spec sends empty ones).
  const bool emailed = v.spec.email && (cx.opts.send || cx.opts.dry_run) &&
                       (!v.selected.empty() || v.spec.email->send_empty);
  std::string pdf;  // the PDF's bytes, kept for the email only
  size_t pdf_size = 0;
  bool unchanged = false;
  if (cx.hashes) {
    BuiltHashes::Entry e = cx.hashes->get(fs::absolute(path).string());
    if (e.hash == v.hash) {
      // What is attached to the email is what was checked here.
      if (auto earlier = earlier_pdf(path, e)) {
        pdf = std::move(*earlier);
        pdf_size = pdf.size();
        unchanged = true;
      }
    }
  }
  if (unchanged) {
    if (cx.opts.verbose) out.log.push_back(verbose_line("unchanged " + path));
  } else {
    RenderStats stats;
    // Written to its file as it is made: a long digest is not held in
    // memory. The file replaces an earlier one only once complete.
    AtomicFile file(path);
    // Only --if-changed hashes the bytes: starting OpenSSL's digest (its
    // provider) costs 5M instructions, a twentieth of a small run.
    std::optional<Sha256> sha;
    if (cx.hashes) sha.emplace();
    const double limit = emailed ? v.spec.email->max_attachment_mb * 1e6 : 0;
    PdfOut sink(file, sha ? &*sha : nullptr, emailed ? &pdf : nullptr,
                limit >= 1e15 ? SIZE_MAX : size_t(limit));
    try {
      render_pdf(digest, info, fonts, sink, &stats, cx.two_threads);
    } catch (const Failure& f) {
      if (!f.diag().loc.file.empty()) throw;
      Diagnostic d = f.diag();
      d.loc.file = v.spec.file;  // a limit passed by what this spec selects
      throw Failure(d, f.code());
    }
    pdf_size = sink.size();
    out.errors_before = out.errors.size();
    out.log_before = out.log.size();
    out.code_before = out.code;
    out.committed = cx.committer.commit(std::move(file));
    out.written = true;
    if (sha) out.bytes_hash = sha->hex();
    if (cx.opts.verbose)
      // In English, the language of Gazette's messages, with its plurals.
      out.log.push_back(verbose_line(
          "wrote " + path + " (" +
          formatters.get("en").message("bulletins", {{"count", int64_t(v.selected.size())}}) +
          ", " + formatters.get("en").message("pages", {{"count", int64_t(stats.pages)}}) + ")"));
  }
  if (!v.spec.email || !(cx.opts.send || cx.opts.dry_run)) return;
  // An empty digest is news to nobody: not emailed unless the spec asks.
  if (v.selected.empty() && !v.spec.email->send_empty) {
    if (cx.opts.verbose)
      out.log.push_back(verbose_line("not emailing " + path +
                                     " (no bulletins; [email] send_empty = true would send it)"));
    return;
  }
  if (v.selected.empty()) {
    Diagnostic d;  // built member by member: GCC 12 -O3 warns of the aggregate's temporaries
    d.severity = Severity::Warning;
    d.loc.file = path;
    d.message =
        "emailing a digest with no bulletins ([email] send_empty = true in " + v.spec.file + ")";
    out.errors.push_back(std::move(d));
  }
  // Too large for mail servers: said, and nothing sent for this digest.
  const EmailSpec& e = *v.spec.email;
  if (double(pdf_size) > e.max_attachment_mb * 1e6) {
    char size[32], limit[32];
    std::snprintf(size, sizeof size, "%.1f", double(pdf_size) / 1e6);
    std::snprintf(limit, sizeof limit, "%g", e.max_attachment_mb);
    std::string where =
        e.max_attachment_loc.line
            ? " (" + e.max_attachment_loc.file + ":" + std::to_string(e.max_attachment_loc.line) +
                  ":" + std::to_string(e.max_attachment_loc.col) + ")"
            : " (the default; [email] max_attachment_mb in " + v.spec.file + " sets another)";
    out.errors.push_back(error_in(path, std::string(size) +
                                            " MB is more than max_attachment_mb = " + limit +
                                            where + "; not emailed"));
    out.code = worse_exit(out.code, kExitRuntime);
    return;
  }
  std::string message =
      build_message(compose_email(v, digest, fmt, std::move(pdf), cx.world.now_unix(), &out.key));
  if (cx.opts.dry_run) {
    // Beside the PDF once it is in place: this variant's commit is waited
    // for here (a dry run holds no messages until the end, as --send does).
    if (!out.settle(path)) return;
    write_file_atomically(eml_path(path), message);
    if (cx.opts.verbose) out.log.push_back(verbose_line("wrote " + eml_path(path)));
  } else {
    out.message = std::move(message);  // sent once the PDF is in place
  }
}

// GAZETTE_SMTP_RETRY_DELAYS: seconds to wait before each retry of a
// temporary failure, comma-separated.
std::vector<int> retry_delays_ms(const World& world) {
  std::string text = world.env("GAZETTE_SMTP_RETRY_DELAYS").value_or("5,30,120");
  std::vector<int> out;
  std::istringstream in(text);
  for (std::string f; std::getline(in, f, ',');) {
    char* end = nullptr;
    long n = std::strtol(f.c_str(), &end, 10);
    if (f.empty() || *end != '\0' || n < 0 || n > 3600)
      fail({}, "GAZETTE_SMTP_RETRY_DELAYS must be seconds separated by commas, not '" + text + "'");
    out.push_back(int(n * 1000));
  }
  return out;
}

// GAZETTE_SMTP_TIMEOUT: seconds without a byte from the server before an
// attempt is given up (connecting: at most 30).
int smtp_timeout_s(const World& world) {
  auto v = world.env("GAZETTE_SMTP_TIMEOUT");
  if (!v) return 120;
  char* end = nullptr;
  long n = std::strtol(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || n < 1 || n > 3600)
    fail({},
         "GAZETTE_SMTP_TIMEOUT must be a whole number of seconds from 1 to 3600, not '" + *v + "'");
  return int(n);
}

}  // namespace

int build_variants(std::vector<Variant>& variants, const Options& opts, const World& world,
                   const FontSets& fonts, const std::string& state_dir, Reporter& reporter) {
  // State first: a bad setting fails the run before any rendering.
  std::optional<Journal> journal;
  std::optional<Sender> sender;
  if (opts.send && !opts.dry_run) {
    journal.emplace(state_dir);
    SenderOptions so;
    so.resend = opts.resend;
    so.verbose = opts.verbose;
    so.delays_ms = retry_delays_ms(world);
    so.timeout_s = smtp_timeout_s(world);
    so.now = [&world] { return world.now_unix(); };
    sender.emplace(std::move(so), *journal, reporter);
  }
  std::optional<BuiltHashes> hashes;
  // One file per shard: shards rewrite it at the end of their run.
  std::string built = opts.shard_n == 1 ? "built.tsv"
                                        : "built-shard-" + std::to_string(opts.shard_k) + "-of-" +
                                              std::to_string(opts.shard_n) + ".tsv";
  if (opts.if_changed) hashes.emplace((fs::path(state_dir) / built).string());
  // For the SIGKILL test: stop with the new file complete but not renamed.
  std::function<void()> before_rename;
  if (world.env("GAZETTE_TEST_STOP_BEFORE_RENAME")) before_rename = [] { raise(SIGSTOP); };
  Committer committer(before_rename);
  // A core to spare for each variant rendered at once (one digest, --jobs
  // 2): its PDF writer gets a thread of its own.
  const bool two_threads = opts.jobs >= 2 * parallel_threads(variants.size(), opts.jobs);
  Context cx{opts, world, fonts, hashes ? &*hashes : nullptr, committer, two_threads};

  std::vector<Outcome> outcomes(variants.size());
  std::atomic<size_t> done{0};
  parallel_for(
      variants.size(), opts.jobs, [](int) { return std::make_unique<Formatters>(); },
      [&](std::unique_ptr<Formatters>& formatters, size_t i) {
        try {
          build_one(variants[i], cx, *formatters, outcomes[i]);
        } catch (const Failure& f) {
          outcomes[i].errors.push_back(f.diag());
          outcomes[i].code = f.code();
        } catch (const std::exception& e) {
          outcomes[i].errors.push_back(error_in(variants[i].rel_path, e.what()));
          outcomes[i].code = kExitRuntime;
        }
        size_t n = ++done;
        if (opts.progress) reporter.progress(n, variants.size());
      });
  if (opts.progress && !variants.empty()) reporter.progress(0, 0);

  int worst = kExitOk;
  bool stopped = false;  // sending stopped by a failure
  size_t not_sent = 0;
  for (size_t i = 0; i < variants.size(); ++i) {
    Outcome& o = outcomes[i];
    std::string out_path = (fs::path(opts.output_dir) / variants[i].rel_path).string();
    o.settle(out_path);
    reporter.report(o.errors);
    for (const Diagnostic& line : o.log) reporter.info(line);
    worst = worse_exit(worst, o.code);
    if (hashes && o.written)
      hashes->set(fs::absolute(out_path).string(), {variants[i].hash, o.bytes_hash});
    if (sender && !o.message.empty()) {
      if (stopped) {
        ++not_sent;
        continue;
      }
      try {
        worst = worse_exit(worst, sender->send(outgoing_of(variants[i], world), o.message, o.key));
      } catch (const Failure& f) {
        reporter.report(f.diag());
        worst = worse_exit(worst, f.code());
        // The journal cannot be written (a full disk): nothing more is
        // sent, so that nobody gets a message the journal does not know of.
        if (f.code() == kExitRuntime && f.diag().loc.file == journal->path()) stopped = true;
      }
    }
  }
  if (not_sent > 0)
    reporter.error("the messages of " + std::to_string(not_sent) +
                   " more digests were not sent: sending stopped at the error above");
  if (sender) sender->report_skipped();
  if (hashes) hashes->save();
  return worst;
}

}  // namespace gz
