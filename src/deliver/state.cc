#include "deliver/state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/diag.h"
#include "deliver/output.h"

namespace gz {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) out.push_back(f);
  return out;
}

// Fields never hold tabs or line breaks (paths are made safe, addresses
// checked), but a journal must stay parseable whatever happens.
std::string clean(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT || !std::filesystem::exists(path)) return "";
    fail_runtime(path, std::string("cannot read: ") + std::strerror(errno));
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void make_parent(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) fail_runtime(path, "cannot create the state folder: " + ec.message());
}

}  // namespace

Journal::Journal(std::string path) : path_(std::move(path)) {
  std::istringstream in(read_all(path_));
  for (std::string line; std::getline(in, line);) {
    auto f = split_tabs(line);
    // time, variant, period, recipient, hash; a torn last line is ignored.
    if (f.size() == 5) sent_.insert({f[1], f[2], f[3], f[4]});
  }
}

void Journal::record(const Delivery& d, int64_t when_unix) {
  make_parent(path_);
  std::string line = std::to_string(when_unix) + '\t' + clean(d.variant) + '\t' + clean(d.period) +
                     '\t' + clean(d.recipient) + '\t' + clean(d.hash) + '\n';
  int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail_runtime(path_, std::string("cannot open the journal: ") + std::strerror(errno));
  bool ok = write(fd, line.data(), line.size()) == ssize_t(line.size()) && fsync(fd) == 0;
  int saved = errno;
  close(fd);
  if (!ok) fail_runtime(path_, std::string("cannot write the journal: ") + std::strerror(saved));
  sent_.insert(d);
}

BuiltHashes::BuiltHashes(std::string path) : path_(std::move(path)) {
  std::istringstream in(read_all(path_));
  for (std::string line; std::getline(in, line);) {
    auto f = split_tabs(line);
    if (f.size() == 2) hashes_[f[0]] = f[1];
  }
}

std::string BuiltHashes::get(const std::string& output) const {
  auto it = hashes_.find(output);
  return it == hashes_.end() ? "" : it->second;
}

void BuiltHashes::save() const {
  std::string text;
  for (const auto& [k, v] : hashes_) text += clean(k) + '\t' + clean(v) + '\n';
  write_file_atomically(path_, text);
}

bool RunLock::acquire(const std::string& path, bool wait, std::string* holder) {
  make_parent(path);
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    fail_runtime(path, std::string("cannot open the lock file: ") + std::strerror(errno));
  while (flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) {
      char buf[32] = "";
      ssize_t n = pread(fd_, buf, sizeof buf - 1, 0);
      *holder = n > 0 ? std::string(buf, size_t(n)) : "";
      while (!holder->empty() && (holder->back() == '\n')) holder->pop_back();
      close(fd_);
      fd_ = -1;
      return false;
    }
    fail_runtime(path, std::string("cannot lock: ") + std::strerror(errno));
  }
  // Who holds it, for the message a second run prints.
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) == 0 && pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // Only informative: the lock itself is the flock.
  }
  return true;
}

RunLock::~RunLock() {
  if (fd_ >= 0) close(fd_);  // releases the flock
}

}  // namespace gz
