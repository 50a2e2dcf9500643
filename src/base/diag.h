// Diagnostics are values: phases collect them, the driver prints them in one
// place. A phase that cannot go on throws Failure carrying the diagnostic.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gz {

enum class Severity { Error, Warning, Note };

// A place in an input file. line and col are 1-based; 0 means unknown.
// col counts Unicode code points, as editors do.
struct Location {
  std::string file;
  int line = 0;
  int col = 0;
};

// A string as written in an input (a spec's value), with where it was
// written.
struct Spanned {
  std::string text;
  Location loc;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Location loc;
  std::string message;
  std::string hint;  // e.g. "did you mean 'Panama'?"; printed after the message
};

// Documented exit codes (README "Exit codes").
enum ExitCode : int {
  kExitOk = 0,
  kExitRuntime = 1,    // I/O and other failures of the environment
  kExitBadInput = 2,   // bad spec, listing, or command line
  kExitTempFail = 75,  // EX_TEMPFAIL: try again later
};

// The worse of two exit codes: 0 < 75 < 1 < 2 (a failure needing a person
// outranks "try again later").
inline int worse_exit(int a, int b) {
  auto rank = [](int c) { return c == kExitOk ? 0 : c == kExitTempFail ? 1 : c + 1; };
  return rank(a) >= rank(b) ? a : b;
}

// Thrown when a phase cannot continue. code is the process exit code.
class Failure : public std::runtime_error {
 public:
  Failure(Diagnostic d, int code = kExitBadInput)
      : std::runtime_error(d.message), diag_(std::move(d)), code_(code) {}
  const Diagnostic& diag() const { return diag_; }
  int code() const { return code_; }

 private:
  Diagnostic diag_;
  int code_;
};

[[noreturn]] void fail(Location loc, std::string message, std::string hint = {},
                       int code = kExitBadInput);
[[noreturn]] void fail_runtime(std::string file, std::string message);

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(Location loc, std::string msg, std::string hint = {});
  void warning(Location loc, std::string msg, std::string hint = {});
  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void clear() { items_.clear(); }

 private:
  std::vector<Diagnostic> items_;
};

// "file:line:col: error: message; hint". Without a line: "file: error: ...".
std::string format_diagnostic(const Diagnostic& d);

// format_diagnostic, then the source line and a caret under the column when
// the file can be read and the line exists.
// Warnings render as "" after show_warnings(false) (the command line's
// --quiet): the process prints errors only.
std::string render_diagnostic(const Diagnostic& d);
void show_warnings(bool show);

// "did you mean 'X'?" when one candidate is close to name (edit distance,
// case-insensitive), else "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

// Levenshtein distance over bytes; stops early past max (returns max + 1).
int edit_distance(std::string_view a, std::string_view b, int max);

}  // namespace gz
