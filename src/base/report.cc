#include "base/report.h"

#include <ostream>

#include "base/utf8.h"

namespace gz {

std::string render_report(const Diagnostic& d, bool info) {
  if (info) {
    std::string out = d.loc.file.empty() ? d.message : d.loc.file + ": " + d.message;
    return terminal_safe(out) + '\n';
  }
  if (!d.loc.file.empty()) return render_diagnostic(d);
  Diagnostic own = d;
  own.loc.file = "gazette";
  return render_diagnostic(own);
}

void StreamReporter::write(const std::string& text) {
  std::lock_guard lock(mutex_);
  out_ << text << std::flush;
}

void StreamReporter::report(const Diagnostic& d) {
  if (d.severity == Severity::Warning && !show_warnings_) return;
  write(render_report(d, false));
}

void StreamReporter::info(const Diagnostic& d) { write(render_report(d, true)); }

void StreamReporter::progress(size_t done, size_t total) {
  write(total == 0 ? std::string("\r\033[K")
                   : "\rgazette: built " + std::to_string(done) + " of " + std::to_string(total));
}

std::string CollectingReporter::text() const {
  std::string out;
  for (const Item& i : items) out += render_report(i.diag, i.info);
  return out;
}

}  // namespace gz
