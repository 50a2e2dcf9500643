#pragma once

namespace gz {

// Parses the command line, runs the command, prints diagnostics to stderr.
// Returns the process exit code (see ExitCode in base/diag.h).
int run_cli(int argc, char** argv);

}  // namespace gz
