// The report spec: a TOML file read into plain data, with the position of
// every value kept so later phases (region and period resolution) can point
// at the exact spot of a mistake. This phase checks shape and types only;
// names (regions, locales, time zones) are checked by spec/resolve.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/diag.h"

namespace gz {

// A string as written in the spec, with where it was written.
struct Spanned {
  std::string text;
  Location loc;
};

struct SourceSpec {
  std::string path;  // resolved against the spec's folder
  Spanned path_as_written;
  std::string lang;
  Location loc;  // the [[sources]] table
};

enum class Paper { A4, Letter };

struct Spec {
  std::string file;  // path of the spec itself, as given
  std::string title;
  Spanned locale{"en", {}};
  Spanned time_zone{"UTC", {}};
  std::vector<SourceSpec> sources;

  Spanned period;                 // required
  std::vector<Spanned> regions;   // [select] regions
  std::vector<Spanned> countries; // [select] countries
  std::vector<Spanned> languages; // [select] languages

  // [regions]: spec-defined regions, name -> members (M49 codes, countries,
  // names, or other spec regions). Kept in file order.
  std::vector<std::pair<Spanned, std::vector<Spanned>>> custom_regions;

  Paper paper = Paper::A4;
  Spanned output_path{"{region}-{period}.pdf", {}};
};

// Reads and checks a spec file. Appends every problem to diags (unknown keys
// with "did you mean", wrong types, missing required keys) with the file,
// line and column toml++ reports; returns what could be read. Throws Failure
// only when the file cannot be read (exit 1) or is not TOML (exit 2).
Spec load_spec(const std::string& path, Diagnostics& diags);
// The same from text already in memory; file is used in messages and to
// resolve relative paths.
Spec parse_spec(std::string_view toml_text, const std::string& file, Diagnostics& diags);

}  // namespace gz
