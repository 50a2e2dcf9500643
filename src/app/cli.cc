// The command line, declared once with CLI11: each command's options are
// parsed, listed in its help and offered as "did you mean" from the same
// declarations. Errors keep Gazette's form (`gazette: error: ...`, exit 2).
#include "app/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/driver.h"
#include "base/diag.h"
#include "base/report.h"

namespace gz {
namespace {

constexpr const char* kSummary =
    "Compiles news bulletins into paginated PDF digests, as report specs say.\n";

constexpr const char* kExitCodes =
    "exit codes: 0 success, 1 runtime failure (I/O, a refused recipient, TLS or login...),\n"
    "2 bad spec, input or usage, 75 temporary failure (SMTP server unavailable or 4xx,\n"
    "a source's server unavailable and no cached copy younger than max_age,\n"
    "token_command timed out, another run): retry later.\n";

// A bad command line: "gazette: error: message; hint", exit 2. Thrown from
// the options' checks, which CLI11 runs while parsing.
struct UsageError {
  std::string message, hint;
};

// An option's value check: returns "" or throws UsageError.
CLI::Validator check(std::function<void(const std::string&)> f) {
  return CLI::Validator(
      [f](std::string& v) {
        f(v);
        return std::string();
      },
      "");
}

class CommandLine {
 public:
  CommandLine(Options& o, StreamReporter& reporter) : o_(o), reporter_(reporter) {
    app_.set_help_flag("-h,--help", "show this help");
    app_.set_version_flag("--version", std::string("gazette ") + GAZETTE_VERSION,
                          "print the version");
    app_.allow_extras();  // unknown words are reported below, with "did you mean"
    // One command: after it, "list" or "help" is a spec's name, not a command.
    app_.require_subcommand(0, 1);
    app_.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

    build_ = command("build", "write the PDF digest of each spec");
    list_ = command("list",
                    "print the selected bulletins: date, countries, language, title,\n"
                    "source file");
    check_ = command("check",
                     "check the specs and read their sources; write nothing;\n"
                     "say how [email] will reach its server (never a secret)");
    fetch_ = command("fetch",
                     "fetch the specs' url and reliefweb sources into the cache\n"
                     "of the state folder; build nothing (for an hourly cron job)");
    for (CLI::App* c : {build_, list_, check_, fetch_}) {
      c->add_option("SPEC", o.specs, "a report spec (TOML)");
      c->add_option("--as-of", as_of_text_,
                    "take DATE (YYYY-MM-DD) as today for relative periods\n"
                    "(default: today in the spec's time_zone)")
          ->type_name("DATE")
          ->check(check([&o](const std::string& v) {
            o.as_of = Date::parse_iso(v);
            if (!o.as_of)
              throw UsageError{"--as-of: '" + v + "' is not a valid date (YYYY-MM-DD)", ""};
          }));
      needs_["--as-of"] = "a date (YYYY-MM-DD)";
      if (c == build_) {
        folder(c, "-o,--output-dir", o.output_dir,
               "folder for the PDFs (default: the current folder)");
      }
      if (c != fetch_)
        folder(c, "--font-dir", o.font_dir,
               "folder of the bundled fonts (Noto Sans and the script fonts\n"
               "of the fallback chain; default: those installed with gazette)");
      if (c == build_)
        c->add_flag("-v,--verbose", o.verbose,
                    "a line per variant: written, unchanged, skipped, sent");
      if (c == list_ || c == fetch_)
        folder(c, "--state-dir", o.state_dir,
               "the HTTP cache of fetched sources (default: $XDG_STATE_HOME/gazette,\n"
               "else ~/.local/state/gazette)");
      if (c == build_ || c == list_)
        c->add_flag("--offline", o.offline,
                    "read url and reliefweb sources from the cache only, never the network");
      if (c == build_ || c == fetch_)
        folder(c, "--record", o.record_dir,
               "also write every fetched body and a manifest (URL, time, ETag,\n"
               "SHA-256) into DIR, for --replay");
      if (c == build_ || c == list_)
        folder(c, "--replay", o.replay_dir,
               "take url and reliefweb sources from what --record wrote in DIR,\n"
               "never the network or the cache");
      c->add_flag("-q,--quiet", quiet_, "print errors only: no warnings, no progress line");
      if (c == list_) {
        c->add_option("--format", o.list_format,
                      "tsv or csv (with each row's variant and output path),\n"
                      "or json (each variant with its bulletins)")
            ->type_name("FORMAT")
            ->check(check([](const std::string& v) {
              if (v != "tsv" && v != "csv" && v != "json")
                throw UsageError{"--format needs tsv, csv or json, not '" + v + "'",
                                 did_you_mean(v, {"tsv", "csv", "json"})};
            }));
        needs_["--format"] = "tsv, csv or json";
        c->add_flag("--header", o.list_header, "a first line naming the columns");
      }
      std::string jobs_help = "fetch and read N sources at a time (default: cores)";
      if (c == build_)
        jobs_help = "fetch and read N sources, render N variants at a time\n(default: cores)";
      if (c == check_) jobs_help = "read N sources at a time (default: cores)";
      if (c == fetch_) jobs_help = "fetch N sources at a time (default: cores)";
      c->add_option("-j,--jobs", o.jobs, jobs_help)
          ->type_name("N")
          ->check(check([](const std::string& v) {
            char* end = nullptr;
            long n = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || n < 1 || n > 256)
              throw UsageError{"--jobs needs a number from 1 to 256, not '" + v + "'", ""};
          }));
      needs_["--jobs"] = "a number from 1 to 256";
    }
    build_
        ->add_option("--shard", shard_text_,
                     "build only the K-th of N slices of all variants (1 <= K <= N)")
        ->type_name("K/N")
        ->check(check([&o](const std::string& v) {
          int k = 0, n = 0;
          char tail = 0;
          if (std::sscanf(v.c_str(), "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n)
            throw UsageError{"--shard needs K/N with 1 <= K <= N, not '" + v + "'",
                             "for a Slurm array use --shard $((SLURM_ARRAY_TASK_ID+1))/N"};
          o.shard_k = k;
          o.shard_n = n;
        }));
    needs_["--shard"] = "K/N with 1 <= K <= N";
    build_->add_flag("--if-changed", o.if_changed,
                     "skip variants whose bulletins, spec and version are unchanged");
    build_->add_flag("--send", o.send, "email each variant that has [email] (once: see --resend)");
    build_->add_flag("--dry-run", o.dry_run,
                     "write each email as an .eml file next to its PDF instead");
    build_->add_flag("--resend", o.resend, "send again what the delivery journal says was sent");
    folder(build_, "--state-dir", o.state_dir,
           "journal, hashes, lock and HTTP cache (default: $XDG_STATE_HOME/gazette,\n"
           "else ~/.local/state/gazette)");
    build_->add_flag("--wait", o.wait_for_lock,
                     "wait for a concurrent run instead of exiting with 75");

    help_ = app_.add_subcommand("help", "show the options of a command");
    help_->add_option("COMMAND", help_topic_, "build, list, check or fetch");
    help_->set_help_flag("-h,--help", "show this help");
    help_->allow_extras();
  }

  // Parses argv; returns the exit code when the run ends here (help,
  // version, a bad command line), else nullopt with o_ filled in.
  std::optional<int> parse(int argc, char** argv) {
    try {
      app_.parse(argc, argv);
    } catch (const UsageError& e) {
      return usage_error(e.message, e.hint, parsed());
    } catch (const CLI::CallForHelp&) {
      std::cout << help_text(parsed());
      return kExitOk;
    } catch (const CLI::CallForVersion& e) {
      std::cout << e.what() << '\n';
      return kExitOk;
    } catch (const CLI::ArgumentMismatch& e) {
      // "--as-of: 1 required DATE missing": the option's name comes first.
      std::string what = e.what(), name = what.substr(0, what.find(':'));
      auto it = needs_.find(name);
      if (it != needs_.end()) return usage_error(name + " needs " + it->second, "", parsed());
      return usage_error(what, "", parsed());
    } catch (const CLI::ParseError& e) {
      return usage_error(e.what(), "", parsed());
    }
    CLI::App* cmd = parsed();
    // Words the top level did not know: a mistyped command, or options
    // written before the command.
    for (const std::string& a : app_.remaining()) {
      if (!a.starts_with("-"))
        return usage_error("unknown command '" + a + "'",
                           did_you_mean(a, {"build", "list", "check", "fetch", "help"}));
      std::string name = a.substr(0, a.find('='));
      if (owners(name).empty()) return usage_error("unknown option '" + a + "'");
      return usage_error("unknown option '" + a + "' before the command",
                         "write it after the command: 'gazette " + owners(name) + " " + a + "'");
    }
    if (!cmd) return usage_error("no command given");
    for (const std::string& a : cmd->remaining()) {
      if (cmd == help_ && !a.starts_with("-")) continue;
      std::string name = a.substr(0, a.find('='));
      std::string hint;
      if (std::string other = owners(name); !other.empty())
        hint = "it is an option of 'gazette " + other + "', not of '" + cmd->get_name() + "'";
      if (hint.empty()) hint = did_you_mean(name, names_of(cmd, false));
      for (const CLI::App* c : {build_, list_, check_, fetch_})
        if (hint.empty())
          if (hint = did_you_mean(name, names_of(c, false)); !hint.empty())
            hint += " (an option of 'gazette " + c->get_name() + "')";
      return usage_error("unknown option '" + a + "'", hint, cmd);
    }
    if (cmd == help_) {
      if (help_topic_.empty()) {
        std::cout << help_text(nullptr);
        return kExitOk;
      }
      for (CLI::App* c : {build_, list_, check_, fetch_})
        if (c->get_name() == help_topic_) {
          std::cout << help_text(c);
          return kExitOk;
        }
      return usage_error("unknown command '" + help_topic_ + "'",
                         did_you_mean(help_topic_, {"build", "list", "check", "fetch"}));
    }
    o_.command = cmd->get_name();
    if (o_.specs.empty())
      return usage_error("'" + o_.command + "' needs at least one spec file", "", cmd);
    if (o_.resend && !o_.send) return usage_error("--resend goes with --send", "", cmd);
    if (o_.offline && !o_.replay_dir.empty())
      return usage_error("--offline and --replay exclude each other", "", cmd);
    if (!o_.record_dir.empty() && !o_.replay_dir.empty())
      return usage_error("--record and --replay exclude each other", "", cmd);
    if (quiet_ && o_.verbose)
      return usage_error("--quiet and --verbose contradict each other", "", cmd);
    if (o_.list_header && o_.list_format == "json")
      return usage_error("--header goes with --format tsv or csv, not json", "", cmd);
    if (quiet_) {
      o_.progress = false;
      reporter_.show_warnings(false);
    }
    return std::nullopt;
  }

 private:
  CLI::App* command(const std::string& name, const std::string& description) {
    CLI::App* c = app_.add_subcommand(name, description);
    c->set_help_flag("-h,--help", "show this help");
    c->allow_extras();
    return c;
  }

  void folder(CLI::App* c, const std::string& names, std::string& target, const std::string& help) {
    CLI::Option* opt = c->add_option(names, target, help)->type_name("DIR");
    std::string name = opt->get_name();
    opt->check(check([name](const std::string& v) {
      if (v.empty()) throw UsageError{name + " needs a folder", ""};
    }));
    needs_[name] = "a folder";
  }

  CLI::App* parsed() const {
    auto subs = app_.get_subcommands();
    return subs.empty() ? nullptr : subs.front();
  }

  // "-o", "--output-dir", ... of a command; only the long ones for "did you
  // mean" (any one-letter name is one edit from any other).
  static std::vector<std::string> names_of(const CLI::App* c, bool with_short = true) {
    std::vector<std::string> out;
    for (const CLI::Option* opt : c->get_options()) {
      if (with_short)
        for (const std::string& s : opt->get_snames()) out.push_back("-" + s);
      for (const std::string& l : opt->get_lnames()) out.push_back("--" + l);
    }
    return out;
  }

  // The first command that has option name, or "".
  std::string owners(const std::string& name) const {
    for (const CLI::App* c : {build_, list_, check_, fetch_}) {
      auto names = names_of(c);
      if (std::find(names.begin(), names.end(), name) != names.end()) return c->get_name();
    }
    return "";
  }

  int usage_error(const std::string& message, const std::string& hint = {},
                  const CLI::App* cmd = nullptr) const {
    reporter_.error(message, hint);
    Diagnostic usage;  // a line of its own: no file, no severity
    usage.message = "run 'gazette " +
                    (cmd && cmd != help_ ? "help " + cmd->get_name() : std::string("--help")) +
                    "' for usage";
    reporter_.info(usage);
    return kExitBadInput;
  }

  // The help of a command (nullptr: of gazette), from its declarations.
  std::string help_text(const CLI::App* cmd) const {
    if (cmd == help_) cmd = nullptr;
    std::ostringstream out;
    struct Row {
      std::string left, right;
    };
    std::vector<Row> rows;
    auto table = [&out](const std::vector<Row>& rows) {
      size_t width = 0;
      for (const Row& r : rows) width = std::max(width, r.left.size());
      for (const Row& r : rows) {
        std::istringstream lines(r.right);
        std::string line;
        bool first = true;
        while (std::getline(lines, line)) {
          out << "  " << (first ? r.left : "")
              << std::string(width + 2 - (first ? r.left.size() : 0), ' ') << line << '\n';
          first = false;
        }
      }
    };
    if (!cmd) {
      out << "usage: gazette <command> [options] SPEC...\n\n" << kSummary << "\ncommands:\n";
      for (const CLI::App* c : {build_, list_, check_, fetch_})
        rows.push_back({c->get_name() + " SPEC...", c->get_description()});
      rows.push_back({"help COMMAND", help_->get_description()});
      table(rows);
      rows.clear();
      out << "\noptions:\n";
      for (const CLI::Option* opt : app_.get_options())
        rows.push_back({names(opt), opt->get_description()});
      table(rows);
      out << "\n'gazette COMMAND --help' or 'gazette help COMMAND' shows the options of a "
             "command.\n";
    } else {
      out << "usage: gazette " << cmd->get_name() << " SPEC... [options]\n\n";
      std::string d = cmd->get_description();
      out << char(std::toupper(d[0])) << d.substr(1) << ".\n\noptions:\n";
      for (const CLI::Option* opt : cmd->get_options())
        if (!opt->get_positional()) rows.push_back({names(opt), opt->get_description()});
      table(rows);
    }
    out << '\n' << kExitCodes;
    return out.str();
  }

  static std::string names(const CLI::Option* opt) {
    std::string out;
    for (const std::string& s : opt->get_snames()) out += (out.empty() ? "-" : ", -") + s;
    for (const std::string& l : opt->get_lnames()) out += (out.empty() ? "--" : ", --") + l;
    if (opt->get_type_size() != 0) out += " " + opt->get_type_name();
    return out;
  }

  Options& o_;
  StreamReporter& reporter_;
  CLI::App app_{kSummary, "gazette"};
  CLI::App *build_ = nullptr, *list_ = nullptr, *check_ = nullptr, *fetch_ = nullptr,
           *help_ = nullptr;
  std::string help_topic_;
  bool quiet_ = false;
  std::string as_of_text_, shard_text_;       // checked and put into o_ as they are parsed
  std::map<std::string, std::string> needs_;  // option -> what its value must be
};

}  // namespace

int run_cli(int argc, char** argv) {
  Options opts;
  opts.jobs = int(std::max(1u, std::thread::hardware_concurrency()));
  opts.progress = isatty(STDERR_FILENO) == 1;
  StreamReporter reporter(std::cerr);  // every line on stderr
  if (std::optional<int> done = CommandLine(opts, reporter).parse(argc, argv)) return *done;
  RealWorld world;
  return run_command(opts, world, std::cout, reporter);
}

}  // namespace gz
