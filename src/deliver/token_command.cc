#include "deliver/token_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace gz {
namespace {

int64_t now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::string status_text(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

}  // namespace

TokenResult run_token_command(const std::vector<std::string>& argv, int timeout_s,
                              size_t max_bytes) {
  using Kind = TokenResult::Kind;
  if (argv.empty()) return {Kind::Failed, "", "no program given"};
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return {Kind::Failed, "", std::strerror(errno)};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // A group of its own, so that what it starts is killed with it.
  posix_spawnattr_setpgroup(&attr, 0);
  // Signals Gazette ignores stay ignored in a child: give it the defaults.
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigdefault(&attr, &all);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return {Kind::Failed, "", "cannot run '" + argv[0] + "': " + std::strerror(rc)};
  }

  const int64_t deadline = now_ms() + int64_t(timeout_s) * 1000;
  std::string out;
  bool open = true, too_long = false, timed_out = false;
  while (open && !too_long) {
    int64_t left = deadline - now_ms();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int n = poll(&p, 1, int(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;  // the deadline is checked above
    char buf[4096];
    ssize_t got = read(fds[0], buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      open = false;
    } else {
      out.append(buf, size_t(got));
      too_long = out.size() > max_bytes;
    }
  }
  close(fds[0]);
  // Its output is complete: it has until the deadline to exit.
  int status = 0;
  pid_t done = 0;
  while (!timed_out && !too_long && (done = waitpid(pid, &status, WNOHANG)) == 0) {
    if (now_ms() >= deadline) {
      timed_out = true;
      break;
    }
    timespec pause{0, 5'000'000};
    nanosleep(&pause, nullptr);
  }
  if (timed_out || too_long) {
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out)
      return {Kind::TimedOut, "",
              "'" + argv[0] + "' did not finish within " + std::to_string(timeout_s) +
                  " s (token_timeout) and was killed"};
    return {Kind::Failed, "",
            "'" + argv[0] + "' printed more than " + std::to_string(max_bytes) +
                " bytes and was killed"};
  }
  if (done < 0) return {Kind::Failed, "", "cannot wait for '" + argv[0] + "'"};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return {Kind::Failed, "", "'" + argv[0] + "' " + status_text(status)};
  std::string token = out.substr(0, out.find('\n'));
  if (!token.empty() && token.back() == '\r') token.pop_back();
  if (token.empty()) return {Kind::Failed, "", "'" + argv[0] + "' printed no token"};
  for (unsigned char c : token)
    if (c < 0x20 || c == 0x7f)
      return {Kind::Failed, "", "'" + argv[0] + "' printed a token with control characters"};
  return {Kind::Ok, std::move(token), ""};
}

}  // namespace gz
