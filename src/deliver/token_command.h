// Running a token_command ([email] in a spec): a program that prints an
// OAuth 2.0 access token, as msmtp's passwordeval or git's credential
// helpers do, run without a shell and within a time limit.
#pragma once

#include <string>
#include <vector>

namespace gz {

struct TokenResult {
  enum class Kind { Ok, Failed, TimedOut };
  Kind kind = Kind::Ok;
  std::string token;  // Ok: the first line of what the program printed
  std::string error;  // Failed, TimedOut: what went wrong, never the output
};

// Runs argv[0] (found on PATH when it has no '/') with the arguments that
// follow, stdin from /dev/null, stderr shared with Gazette's, in a process
// group of its own. When it has not finished after timeout_s seconds the
// whole group is killed (SIGKILL). Ok needs exit status 0 and a non-empty
// first line of at most max_bytes, without control characters.
TokenResult run_token_command(const std::vector<std::string>& argv, int timeout_s,
                              size_t max_bytes);

}  // namespace gz
