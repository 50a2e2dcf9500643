// The commands: build, list, check. Reads specs and sources, selects,
// lays out, writes. Every diagnostic goes to the Reporter it is given.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/world.h"
#include "base/date.h"
#include "base/report.h"

namespace gz {

struct Options {
  std::string command;  // "build", "list", "check" or "fetch"
  std::vector<std::string> specs;
  std::optional<Date> as_of;
  std::string output_dir = ".";
  std::string font_dir;  // --font-dir; empty: World::font_dir()
  bool verbose = false;
  std::string list_format;   // list --format: "tsv", "csv" or "json"; "" for the plain columns
  bool list_header = false;  // list --header: a first line naming the columns (tsv, csv)

  // Scheduled runs (README "Scheduled runs").
  int jobs = 1;                  // parallel renders; output is the same for any value
  int shard_k = 1, shard_n = 1;  // build only slice k of n of all variants
  bool if_changed = false;       // skip variants whose content hash is unchanged
  bool send = false;             // email each built variant that has [email]
  bool dry_run = false;          // write .eml files next to the PDFs instead of sending
  bool resend = false;           // send even what the journal says was sent
  bool wait_for_lock = false;    // wait for another run instead of exiting 75
  std::string state_dir;         // "" for $XDG_STATE_HOME/gazette or ~/.local/state/gazette
  bool progress = false;         // a progress line (stderr is a terminal)

  // Fetched sources (README "Sources fetched by Gazette").
  bool offline = false;    // only the HTTP cache in the state dir
  std::string record_dir;  // --record: every fetched body and a manifest
  std::string replay_dir;  // --replay: only what --record wrote
};

// Runs one command; returns the exit code (0, 1, 2 or 75: see base/diag.h).
int run_command(const Options& opts, const World& world, std::ostream& out, Reporter& reporter);

}  // namespace gz
