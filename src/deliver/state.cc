#include "deliver/state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
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

[[noreturn]] void io_fail(const std::string& path, const std::string& what, int err) {
  fail_runtime(path, what + ": " + std::strerror(err));
}

void make_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail_runtime(dir, "cannot create the state folder: " + ec.message());
}

void make_parent(const std::string& path) {
  make_dir(std::filesystem::path(path).parent_path().string());
}

// Opens (creating) a state file with O_NOFOLLOW; refuses anything but a
// regular file: a symbolic link there is never followed (its target is
// never truncated or written), a FIFO never blocks the run.
int open_state_file(const std::string& path, int flags, const char* what) {
  int fd = open(path.c_str(), flags | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd < 0) {
    if (errno == ELOOP)
      fail_runtime(path, std::string("cannot open the ") + what +
                             ": it is a symbolic link (refused, not followed)");
    io_fail(path, std::string("cannot open the ") + what, errno);
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    fail_runtime(path, std::string("cannot open the ") + what + ": not a regular file");
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

void sync_dir(const std::string& dir) {
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

}  // namespace

int open_regular_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return -1;
    if (errno == ELOOP)
      fail_runtime(path, "cannot read: it is a symbolic link (refused, not followed)");
    io_fail(path, "cannot read", errno);
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    fail_runtime(path, "cannot read: not a regular file");
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

std::string read_regular_file(const std::string& path, bool* exists) {
  int fd = open_regular_file(path);
  if (exists) *exists = fd >= 0;
  if (fd < 0) return "";
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      close(fd);
      io_fail(path, "cannot read", saved);
    }
    if (n == 0) break;
    out.append(buf, size_t(n));
  }
  close(fd);
  return out;
}

Journal::Journal(std::string state_dir)
    : dir_(std::move(state_dir)),
      path_((std::filesystem::path(dir_) / "journal.tsv").string()),
      lock_path_((std::filesystem::path(dir_) / "journal.lock").string()) {}

Journal::~Journal() {
  if (fd_ >= 0) close(fd_);
  if (lock_fd_ >= 0) close(lock_fd_);
}

void Journal::lock() {
  if (lock_fd_ < 0) {
    make_dir(dir_);
    lock_fd_ = open_state_file(lock_path_, O_RDWR, "journal lock");
  }
  while (flock(lock_fd_, LOCK_EX) != 0)
    if (errno != EINTR) io_fail(lock_path_, "cannot lock", errno);
  try {
    catch_up();
  } catch (...) {
    unlock();
    throw;
  }
}

void Journal::unlock() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (lock_fd_ >= 0) flock(lock_fd_, LOCK_UN);
}

// Re-opened by name each time: a journal moved aside by the operator is
// replaced by a new one, read from its start.
void Journal::catch_up() {
  struct stat before;
  bool existed = lstat(path_.c_str(), &before) == 0;
  fd_ = open_state_file(path_, O_RDWR | O_APPEND, "journal");
  if (!existed) sync_dir(dir_);  // the new file's name is durable too
  struct stat st;
  if (fstat(fd_, &st) != 0) io_fail(path_, "cannot read the journal", errno);
  if (st.st_dev != dev_ || st.st_ino != ino_ || st.st_size < read_to_) {
    dev_ = st.st_dev;
    ino_ = st.st_ino;
    read_to_ = 0;
    ends_clean_ = true;
    last_.clear();
    legacy_.clear();
  }
  if (st.st_size == read_to_) return;
  std::string text(size_t(st.st_size - read_to_), '\0');
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = pread(fd_, text.data() + got, text.size() - got, read_to_ + off_t(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_fail(path_, "cannot read the journal", errno);
    if (n == 0) break;
    got += size_t(n);
  }
  text.resize(got);
  // Only whole lines: a torn last line (a run killed mid-append) is read
  // again, and ignored, next time; the next line appended starts afresh.
  size_t end = text.rfind('\n');
  size_t whole = end == std::string::npos ? 0 : end + 1;
  std::istringstream in(text.substr(0, whole));
  for (std::string line; std::getline(in, line);) apply(line);
  read_to_ += off_t(whole);
  ends_clean_ = whole == text.size();
}

void Journal::apply(const std::string& line) {
  auto f = split_tabs(line);
  if (f.size() == 6) {
    last_[{f[2], f[4], f[5]}] = f[1];
  } else if (f.size() == 5) {
    legacy_.insert({f[1], f[2], f[3]});
  }
}

DeliveryState Journal::state(const Delivery& d) const {
  if (legacy_.count({d.variant, d.period, d.recipient})) return DeliveryState::Sent;
  auto it = last_.find({d.variant, d.recipient, d.key});
  if (it == last_.end() || it->second == "failed") return DeliveryState::None;
  return it->second == "sent" ? DeliveryState::Sent : DeliveryState::Uncertain;
}

void Journal::record(const Delivery& d, const std::string& status, int64_t when_unix) {
  std::string line = std::to_string(when_unix) + '\t' + status + '\t' + clean(d.variant) + '\t' +
                     clean(d.period) + '\t' + clean(d.recipient) + '\t' + clean(d.key) + '\n';
  if (!ends_clean_) line.insert(0, "\n");
  if (status == "sending") {
    before_sending_ = read_to_;
    clean_before_ = ends_clean_;
    struct stat now;
    if (fd_ >= 0 && fstat(fd_, &now) == 0) before_sending_ = now.st_size;
    auto it = last_.find({d.variant, d.recipient, d.key});
    status_before_ = it == last_.end() ? "" : it->second;
  }
  bool ok =
      fd_ >= 0 && write(fd_, line.data(), line.size()) == ssize_t(line.size()) && fsync(fd_) == 0;
  if (!ok) {
    int saved = fd_ < 0 ? EBADF : errno;
    if (saved == 0) saved = ENOSPC;  // a short write
    io_fail(path_, "cannot write the journal", saved);
  }
  struct stat st;
  if (fstat(fd_, &st) == 0) read_to_ = st.st_size;  // nobody else appends while we hold the lock
  ends_clean_ = true;
  last_[{d.variant, d.recipient, d.key}] = status;
}

void Journal::retract(const Delivery& d) {
  if (fd_ < 0 || before_sending_ < 0) return;
  if (ftruncate(fd_, before_sending_) != 0 || fsync(fd_) != 0)
    io_fail(path_, "cannot write the journal", errno);
  read_to_ = before_sending_;
  ends_clean_ = clean_before_;
  before_sending_ = -1;
  if (status_before_.empty()) {
    last_.erase({d.variant, d.recipient, d.key});
  } else {
    last_[{d.variant, d.recipient, d.key}] = status_before_;
  }
}

BuiltHashes::BuiltHashes(std::string path) : path_(std::move(path)) {
  std::istringstream in(read_regular_file(path_));
  for (std::string line; std::getline(in, line);) {
    auto f = split_tabs(line);
    // Two fields: from Gazette 0.1, without the bytes' hash.
    if (f.size() == 3) hashes_[f[0]] = {f[1], f[2]};
    if (f.size() == 2) hashes_[f[0]] = {f[1], ""};
  }
}

BuiltHashes::Entry BuiltHashes::get(const std::string& output) const {
  auto it = hashes_.find(output);
  return it == hashes_.end() ? Entry{} : it->second;
}

void BuiltHashes::save() const {
  std::string text;
  for (const auto& [k, v] : hashes_)
    text += clean(k) + '\t' + clean(v.hash) + '\t' + clean(v.bytes) + '\n';
  write_file_atomically(path_, text);
}

bool RunLock::acquire(const std::string& path, bool wait, std::string* holder) {
  make_parent(path);
  fd_ = open_state_file(path, O_RDWR, "lock file");
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
    io_fail(path, "cannot lock", errno);
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
