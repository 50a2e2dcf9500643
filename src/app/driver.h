// The commands: build, list, check. Reads specs and sources, selects,
// lays out, writes. Diagnostics are printed here and nowhere else.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/world.h"
#include "base/date.h"

namespace gz {

struct Options {
  std::string command;  // "build", "list" or "check"
  std::vector<std::string> specs;
  std::optional<Date> as_of;
  std::string output_dir = ".";
  bool verbose = false;
};

// Runs one command; returns the exit code (0, 1 or 2: see base/diag.h).
int run_command(const Options& opts, const World& world, std::ostream& out, std::ostream& err);

}  // namespace gz
