#include "deliver/output.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "base/utf8.h"

namespace gz {

std::string safe_file_component(std::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    bool bad = c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
               c == '"' || c == '<' || c == '>' || c == '|';
    out += bad ? '-' : char(c);
  }
  // "." and ".." are not names; leading dots would hide the file.
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  return out.empty() ? "_" : out;
}

std::string expand_output_path(const Spanned& tmpl,
                               const std::map<std::string, std::string>& values,
                               Diagnostics& diags) {
  const std::string& t = tmpl.text;
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '}') {
      diags.error(tmpl.loc, "unbalanced '}' in output path '" + t + "'");
      return "";
    }
    if (t[i] != '{') {
      out += t[i];
      continue;
    }
    size_t close = t.find('}', i);
    if (close == std::string::npos) {
      diags.error(tmpl.loc, "unclosed '{' in output path '" + t + "'");
      return "";
    }
    std::string name = t.substr(i + 1, close - i - 1);
    auto it = values.find(name);
    if (it == values.end()) {
      std::vector<std::string> known;
      for (const auto& [k, v] : values) known.push_back(k);
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "{" : ", {") + k + "}";
      diags.error(tmpl.loc,
                  "unknown placeholder '{" + name + "}' in output path (known: " + list + ")",
                  did_you_mean(name, known));
      return "";
    }
    out += safe_file_component(it->second);
    i = close;
  }
  std::filesystem::path p(out);
  if (out.empty() || p.is_absolute()) {
    diags.error(tmpl.loc,
                "output path '" + t + "' must be a relative file name inside the output folder");
    return "";
  }
  for (const auto& part : p) {
    if (part == "..") {
      diags.error(tmpl.loc, "output path '" + t + "' leaves the output folder");
      return "";
    }
  }
  if (p.filename().empty() || p.filename() == ".") {
    diags.error(tmpl.loc, "output path '" + t + "' names a folder, not a file");
    return "";
  }
  return p.lexically_normal().string();
}

namespace {

[[noreturn]] void io_fail(const std::string& path, const std::string& what) {
  fail_runtime(path, what + ": " + std::strerror(errno));
}

// Writes all of bytes to fd; false with errno set when write() fails (ENOSPC,
// EIO, ...), after any partial writes.
bool write_all(int fd, std::string_view bytes) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= size_t(n);
  }
  return true;
}

// ".NAME.tmp-" followed by mkstemp's six letters or digits.
bool is_our_temporary(const std::string& name, const std::string& prefix) {
  if (name.size() != prefix.size() + 6 || !name.starts_with(prefix)) return false;
  for (size_t i = prefix.size(); i < name.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

// Temporary files of NAME left in dir by a killed run. A writer holds an
// flock on its temporary file from mkstemp until after the rename, so one
// that can be locked belongs to nobody: removed. Only regular files named
// exactly as write_file_atomically names them; failures are ignored (the
// next run tries again).
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& prefix) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!is_our_temporary(name, prefix)) continue;
    std::string p = it->path().string();
    int fd = open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0) {
      struct stat again;  // still the same file under that name
      if (lstat(p.c_str(), &again) == 0 && again.st_ino == st.st_ino && again.st_dev == st.st_dev)
        unlink(p.c_str());
    }
    close(fd);
  }
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  fs::path target(path_);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  dir_ = dir.string();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail_runtime(dir_, "cannot create folder: " + ec.message());

  // lstat: a symbolic link at the path is replaced, never followed, so the
  // file stays where the path says (inside --output-dir).
  struct stat st;
  if (lstat(path_.c_str(), &st) == 0) {
    // A character device or a FIFO at the output path (/dev/null, /dev/full,
    // a named pipe) cannot be replaced atomically, and replacing the node
    // with a file is never what was meant: it is written to, as cat or
    // sort -o do.
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      fd_ = open(path_.c_str(), O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
      if (fd_ < 0) io_fail(path_, "cannot open for writing");
      struct stat again;
      if (fstat(fd_, &again) != 0 || !(S_ISCHR(again.st_mode) || S_ISFIFO(again.st_mode))) {
        close(fd_);  // replaced since the lstat
        fd_ = -1;
        fail_runtime(path_, "cannot write: changed while being opened");
      }
      return;
    }
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
      fail_runtime(path_, "cannot write: exists and is not a regular file");
    }
  }

  const std::string prefix = "." + target.filename().string() + ".tmp-";
  remove_stale_temporaries(dir, prefix);
  // The temporary file, locked until after the rename: a file of our
  // pattern nobody holds is stale. Another run's remove_stale_temporaries()
  // may take the file between mkostemp and flock: then it is unlinked (or
  // about to be), and another name is tried.
  for (int attempt = 0; fd_ < 0; ++attempt) {
    tmp_ = (dir / (prefix + "XXXXXX")).string();
    fd_ = mkostemp(tmp_.data(), O_CLOEXEC);
    if (fd_ < 0) io_fail(dir_, "cannot create a temporary file");
    struct stat mine, named;
    if (flock(fd_, LOCK_EX | LOCK_NB) == 0 && fstat(fd_, &mine) == 0 &&
        lstat(tmp_.c_str(), &named) == 0 && mine.st_ino == named.st_ino &&
        mine.st_dev == named.st_dev) {
      break;
    }
    close(fd_);
    fd_ = -1;
    if (attempt == 100) io_fail(dir_, "cannot create a temporary file");
  }
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      tmp_(std::move(other.tmp_)),
      dir_(std::move(other.dir_)),
      fd_(std::exchange(other.fd_, -1)),
      size_(other.size_),
      buf_(std::move(other.buf_)) {}

AtomicFile::~AtomicFile() {
  if (fd_ < 0) return;
  close(fd_);
  if (!tmp_.empty()) unlink(tmp_.c_str());
}

void AtomicFile::abandon(const char* what) {
  int saved = errno;
  close(fd_);
  fd_ = -1;
  if (!tmp_.empty()) unlink(tmp_.c_str());
  errno = saved;
  io_fail(path_, what);
}

void AtomicFile::flush() {
  if (fd_ < 0) fail_runtime(path_, "cannot write: the file is closed");
  if (!write_all(fd_, buf_)) abandon("cannot write");
  buf_.clear();
}

void AtomicFile::write(std::string_view bytes) {
  constexpr size_t kBlock = size_t{1} << 18;
  size_ += bytes.size();
  if (buf_.size() + bytes.size() < kBlock) {
    buf_.append(bytes);
    return;
  }
  flush();
  if (bytes.size() >= kBlock) {
    if (!write_all(fd_, bytes)) abandon("cannot write");
  } else {
    buf_.append(bytes);
  }
}

void AtomicFile::commit(const std::function<void()>& before_rename) {
  flush();
  if (tmp_.empty()) {  // a device
    int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0) io_fail(path_, "cannot write");
    return;
  }
  if (fchmod(fd_, 0644) != 0) abandon("cannot set permissions");
  if (fsync(fd_) != 0) abandon("cannot flush to disk");
  if (before_rename) before_rename();
  if (rename(tmp_.c_str(), path_.c_str()) != 0) abandon("cannot rename into place");
  int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0) io_fail(path_, "cannot write");  // after fsync: not expected
  // Make the rename itself durable.
  int dfd = open(dir_.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::function<void()>& before_rename) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit(before_rename);
}

}  // namespace gz
