// The one place Gazette's stderr is written: every line (errors, warnings,
// notes, the lines of --verbose, SMTP outcomes, the lock, the progress
// line) is handed to a Reporter as data, and formatted there. The command
// line sets up one StreamReporter over stderr; tests give a
// CollectingReporter and look at what a run reported.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/diag.h"

namespace gz {

// A line of --verbose, "gazette: <message>" (the severity is not printed).
inline Diagnostic verbose_line(std::string message) {
  Diagnostic d;
  d.severity = Severity::Note;
  d.loc.file = "gazette";
  d.message = std::move(message);
  return d;
}

class Reporter {
 public:
  virtual ~Reporter() = default;
  // An error, warning or note. One without a file is Gazette's own:
  // "gazette: error: ...". Thread-safe.
  virtual void report(const Diagnostic& d) = 0;
  // A line without a severity: "file: message" (the lines of --verbose,
  // verbose_line), or the message alone when it has no file (the usage line
  // after a command-line mistake). Thread-safe.
  virtual void info(const Diagnostic& d) = 0;
  // The progress line, "built done of total", redrawn in place; total 0
  // erases it. Thread-safe.
  virtual void progress(size_t done, size_t total) = 0;

  void report(const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags) report(d);
  }
  void error(std::string message, std::string hint = {}) {
    report(Diagnostic{Severity::Error, {}, std::move(message), std::move(hint)});
  }
  void warning(std::string message) {
    report(Diagnostic{Severity::Warning, {}, std::move(message), {}});
  }
};

// The text of d on stderr, the one format: render_diagnostic (with the
// source line and a caret), Gazette's own diagnostics under "gazette"; with
// info, "file: message" or the message alone.
std::string render_report(const Diagnostic& d, bool info);

// Writes to a stream (the process's stderr), a whole line at a time.
class StreamReporter : public Reporter {
 public:
  explicit StreamReporter(std::ostream& out) : out_(out) {}
  // --quiet: warnings are not printed (errors are).
  void show_warnings(bool show) { show_warnings_ = show; }
  void report(const Diagnostic& d) override;
  void info(const Diagnostic& d) override;
  void progress(size_t done, size_t total) override;
  using Reporter::report;

 private:
  void write(const std::string& text);
  std::ostream& out_;
  std::mutex mutex_;
  bool show_warnings_ = true;
};

// Keeps what it is given, in order (tests).
class CollectingReporter : public Reporter {
 public:
  struct Item {
    Diagnostic diag;
    bool info = false;  // given to info(), not report()
  };
  void report(const Diagnostic& d) override { add({d, false}); }
  void info(const Diagnostic& d) override { add({d, true}); }
  void progress(size_t done, size_t total) override {
    std::lock_guard lock(mutex_);
    progress_calls.emplace_back(done, total);
  }
  using Reporter::report;
  // What a StreamReporter would have printed (but the progress line).
  std::string text() const;

  std::vector<Item> items;
  std::vector<std::pair<size_t, size_t>> progress_calls;

 private:
  void add(Item item) {
    std::lock_guard lock(mutex_);
    items.push_back(std::move(item));
  }
  std::mutex mutex_;
};

}  // namespace gz
