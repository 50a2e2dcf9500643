#include "base/diag.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/utf8.h"

namespace gz {

void fail(Location loc, std::string message, std::string hint, int code) {
  throw Failure(Diagnostic{Severity::Error, std::move(loc), std::move(message), std::move(hint)},
                code);
}

void fail_runtime(std::string file, std::string message) {
  fail(Location{std::move(file), 0, 0}, std::move(message), {}, kExitRuntime);
}

void Diagnostics::error(Location loc, std::string msg, std::string hint) {
  items_.push_back({Severity::Error, std::move(loc), std::move(msg), std::move(hint)});
}

void Diagnostics::warning(Location loc, std::string msg, std::string hint) {
  items_.push_back({Severity::Warning, std::move(loc), std::move(msg), std::move(hint)});
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.loc.file.empty()) {
    out += d.loc.file;
    if (d.loc.line > 0) {
      out += ':' + std::to_string(d.loc.line);
      if (d.loc.col > 0) out += ':' + std::to_string(d.loc.col);
    }
    out += ": ";
  }
  switch (d.severity) {
    case Severity::Error:
      out += "error: ";
      break;
    case Severity::Warning:
      out += "warning: ";
      break;
    case Severity::Note:
      out += "note: ";
      break;
  }
  out += d.message;
  if (!d.hint.empty()) out += "; " + d.hint;
  // Messages quote titles, names and server replies from elsewhere.
  return terminal_safe(out);
}

namespace {
std::atomic<bool> g_show_warnings{true};
}

void show_warnings(bool show) { g_show_warnings = show; }

std::string render_diagnostic(const Diagnostic& d) {
  if (d.severity == Severity::Warning && !g_show_warnings) return "";
  std::string out = format_diagnostic(d) + '\n';
  if (d.loc.file.empty() || d.loc.line <= 0) return out;
  // The file is read a second time: only a regular file gives the same
  // text again (a FIFO would block, /dev/zero never end a line).
  std::error_code ec;
  if (!std::filesystem::is_regular_file(d.loc.file, ec)) return out;
  std::ifstream in(d.loc.file, std::ios::binary);
  std::string line;
  for (int i = 0; i < d.loc.line && std::getline(in, line); ++i) {
  }
  if (!in || line.size() > 300 || !utf8_valid(line)) return out;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  out += "  " + terminal_safe(line, true) + '\n';
  if (d.loc.col > 0) {
    // Tabs are kept so the caret lines up under them in a terminal; an
    // escaped control character takes the width of its escape.
    std::string pad;
    int col = 1;
    for (size_t i = 0; i < line.size() && col < d.loc.col;) {
      char32_t c = 0;
      const size_t n = utf8_decode(std::string_view(line).substr(i), &c);
      const std::string shown = terminal_safe(std::string_view(line).substr(i, n), true);
      i += n;
      if (c == '\t') {
        pad += '\t';
      } else {
        pad.append(shown.size() > n ? shown.size() : 1, ' ');
      }
      ++col;
    }
    out += "  " + pad + "^\n";
  }
  return out;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

int edit_distance(std::string_view a, std::string_view b, int max) {
  // Optimal string alignment: Levenshtein plus swaps of two neighbours
  // ("titel" -> "title" is one edit), case-insensitive.
  if (int(a.size()) - int(b.size()) > max || int(b.size()) - int(a.size()) > max) return max + 1;
  const size_t w = b.size() + 1;
  std::vector<int> prev2(w), prev(w), row(w);
  for (size_t j = 0; j < w; ++j) prev[j] = int(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = int(i);
    int best = row[0];
    for (size_t j = 1; j < w; ++j) {
      int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        row[j] = std::min(row[j], prev2[j - 2] + 1);
      best = std::min(best, row[j]);
    }
    if (best > max) return max + 1;
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  // Allow about one edit per four letters, at least one and at most three.
  int max = std::clamp(int(name.size()) / 4, 1, 3);
  const std::string* best = nullptr;
  int best_d = max + 1;
  for (const auto& c : candidates) {
    int d = edit_distance(name, c, max);
    if (d < best_d) {
      best_d = d;
      best = &c;
    }
  }
  // A cut-short name ("--output" for "--output-dir") is close too.
  if (!best && name.size() >= 4) {
    for (const auto& c : candidates) {
      if (c.size() > name.size() && edit_distance(name, c.substr(0, name.size()), 0) == 0) {
        if (best) return "";  // ambiguous
        best = &c;
      }
    }
  }
  return best ? "did you mean '" + *best + "'?" : std::string();
}

}  // namespace gz
