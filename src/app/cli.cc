#include "app/cli.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "app/driver.h"
#include "base/diag.h"

namespace gz {
namespace {

constexpr const char* kUsage =
    "usage: gazette <command> [options] SPEC...\n"
    "\n"
    "Compiles news bulletins into paginated PDF digests, as report specs say.\n"
    "\n"
    "commands:\n"
    "  build SPEC...   write the PDF digest of each spec\n"
    "  list SPEC...    print the selected bulletins: date, countries, language, title,\n"
    "                  source file\n"
    "  check SPEC...   check the specs and read their sources; write nothing\n"
    "\n"
    "options:\n"
    "  --as-of DATE        take DATE (YYYY-MM-DD) as today for relative periods\n"
    "                      (default: today in the spec's time_zone)\n"
    "  -o, --output-dir DIR  folder for the PDFs (default: the current folder)\n"
    "  --font-dir DIR      folder of the bundled fonts (Noto Sans and the script fonts\n"
    "                      of the fallback chain; default: those installed with gazette)\n"
    "  -v, --verbose       a line per variant: written, unchanged, skipped, sent\n"
    "  -j, --jobs N        read N sources, render N variants at a time (default: cores)\n"
    "  --shard K/N         build only the K-th of N slices of all variants (1 <= K <= N)\n"
    "  --if-changed        skip variants whose bulletins, spec and version are unchanged\n"
    "  --send              email each variant that has [email] (once: see --resend)\n"
    "  --dry-run           write each email as an .eml file next to its PDF instead\n"
    "  --resend            send again what the delivery journal says was sent\n"
    "  --state-dir DIR     journal, hashes and lock (default: $XDG_STATE_HOME/gazette,\n"
    "                      else ~/.local/state/gazette)\n"
    "  --wait              wait for a concurrent run instead of exiting with 75\n"
    "  -h, --help          show this help\n"
    "  --version           print the version\n"
    "\n"
    "exit codes: 0 success, 1 runtime failure (I/O, a refused recipient...), 2 bad spec,\n"
    "input or usage, 75 temporary failure (SMTP server unavailable, another run): retry later.\n";

int usage_error(const std::string& message, const std::string& hint = {}) {
  std::cerr << "gazette: error: " << message << (hint.empty() ? "" : "; " + hint) << '\n'
            << "run 'gazette --help' for usage\n";
  return kExitBadInput;
}

}  // namespace

int run_cli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Options opts;
  const std::vector<std::string> commands{"build", "list", "check"};
  const std::vector<std::string> flags{"--as-of",   "--output-dir", "--verbose", "--help",
                                       "--version", "--jobs",       "--shard",   "--if-changed",
                                       "--send",    "--dry-run",    "--resend",  "--state-dir",
                                       "--wait",    "--font-dir"};
  opts.jobs = int(std::max(1u, std::thread::hardware_concurrency()));
  opts.progress = isatty(STDERR_FILENO) == 1;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return kExitOk;
    } else if (a == "--version") {
      std::cout << "gazette " << GAZETTE_VERSION << '\n';
      return kExitOk;
    } else if (a == "-v" || a == "--verbose") {
      opts.verbose = true;
    } else if (a == "--as-of" || a.starts_with("--as-of=")) {
      std::string v;
      if (a == "--as-of") {
        auto p = value();
        if (!p) return usage_error("--as-of needs a date (YYYY-MM-DD)");
        v = *p;
      } else {
        v = a.substr(8);
      }
      opts.as_of = Date::parse_iso(v);
      if (!opts.as_of) return usage_error("--as-of: '" + v + "' is not a valid date (YYYY-MM-DD)");
    } else if (a == "-o" || a == "--output-dir" || a.starts_with("--output-dir=")) {
      if (a.starts_with("--output-dir=")) {
        opts.output_dir = a.substr(13);
      } else {
        auto p = value();
        if (!p) return usage_error(a + " needs a folder");
        opts.output_dir = *p;
      }
      if (opts.output_dir.empty()) return usage_error("--output-dir needs a folder");
    } else if (a == "-j" || a == "--jobs" || a.starts_with("--jobs=")) {
      std::string v;
      if (a.starts_with("--jobs=")) {
        v = a.substr(7);
      } else if (auto p = value()) {
        v = *p;
      }
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1 || n > 256)
        return usage_error("--jobs needs a number from 1 to 256, not '" + v + "'");
      opts.jobs = int(n);
    } else if (a == "--shard" || a.starts_with("--shard=")) {
      std::string v;
      if (a.starts_with("--shard=")) {
        v = a.substr(8);
      } else if (auto p = value()) {
        v = *p;
      }
      int k = 0, n = 0;
      char tail = 0;
      if (std::sscanf(v.c_str(), "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n)
        return usage_error("--shard needs K/N with 1 <= K <= N, not '" + v + "'",
                           "for a Slurm array use --shard $((SLURM_ARRAY_TASK_ID+1))/N");
      opts.shard_k = k;
      opts.shard_n = n;
    } else if (a == "--if-changed") {
      opts.if_changed = true;
    } else if (a == "--send") {
      opts.send = true;
    } else if (a == "--dry-run") {
      opts.dry_run = true;
    } else if (a == "--resend") {
      opts.resend = true;
    } else if (a == "--wait") {
      opts.wait_for_lock = true;
    } else if (a == "--state-dir" || a.starts_with("--state-dir=")) {
      if (a.starts_with("--state-dir=")) {
        opts.state_dir = a.substr(12);
      } else if (auto p = value()) {
        opts.state_dir = *p;
      }
      if (opts.state_dir.empty()) return usage_error("--state-dir needs a folder");
    } else if (a == "--font-dir" || a.starts_with("--font-dir=")) {
      if (a.starts_with("--font-dir=")) {
        opts.font_dir = a.substr(11);
      } else if (auto p = value()) {
        opts.font_dir = *p;
      }
      if (opts.font_dir.empty()) return usage_error("--font-dir needs a folder");
    } else if (a.starts_with("-") && a != "-") {
      return usage_error("unknown option '" + a + "'", did_you_mean(a, flags));
    } else if (opts.command.empty()) {
      if (std::find(commands.begin(), commands.end(), a) == commands.end())
        return usage_error("unknown command '" + a + "'", did_you_mean(a, commands));
      opts.command = a;
    } else {
      opts.specs.push_back(a);
    }
  }
  if (opts.command.empty()) return usage_error("no command given");
  if (opts.specs.empty()) return usage_error("'" + opts.command + "' needs at least one spec file");
  if (opts.resend && !opts.send) return usage_error("--resend goes with --send");
  RealWorld world;
  return run_command(opts, world, std::cout, std::cerr);
}

}  // namespace gz
