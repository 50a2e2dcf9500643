#include "app/cli.h"

#include <algorithm>
#include <iostream>
#include <string>
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
    "  list SPEC...    print the selected bulletins: date, countries, language, title\n"
    "  check SPEC...   check the specs and read their sources; write nothing\n"
    "\n"
    "options:\n"
    "  --as-of DATE        take DATE (YYYY-MM-DD) as today for relative periods\n"
    "                      (default: today in the spec's time_zone)\n"
    "  -o, --output-dir DIR  folder for the PDFs (default: the current folder)\n"
    "  -v, --verbose       say what was written\n"
    "  -h, --help          show this help\n"
    "  --version           print the version\n"
    "\n"
    "exit codes: 0 success, 1 runtime failure (I/O...), 2 bad spec, input or usage.\n";

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
  const std::vector<std::string> flags{"--as-of", "--output-dir", "--verbose", "--help",
                                       "--version"};
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
  RealWorld world;
  return run_command(opts, world, std::cout, std::cerr);
}

}  // namespace gz
