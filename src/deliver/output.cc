#include "deliver/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

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

// A character device or a FIFO at the output path (/dev/null, /dev/full, a
// named pipe) cannot be replaced atomically, and replacing the node with a
// file is never what was meant: it is written to, as cat or sort -o do.
void write_to_device(const std::string& path, std::string_view bytes) {
  int fd = open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) io_fail(path, "cannot open for writing");
  if (!write_all(fd, bytes)) {
    int saved = errno;
    close(fd);
    errno = saved;
    io_fail(path, "cannot write");
  }
  if (close(fd) != 0) io_fail(path, "cannot write");
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::function<void()>& before_rename) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail_runtime(dir.string(), "cannot create folder: " + ec.message());

  // lstat: a symbolic link at the path is replaced, never followed, so the
  // file stays where the path says (inside --output-dir).
  struct stat st;
  if (lstat(path.c_str(), &st) == 0) {
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_to_device(path, bytes);
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
      fail_runtime(path, "cannot write: exists and is not a regular file");
    }
  }

  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) io_fail(dir.string(), "cannot create a temporary file");
  auto abandon = [&](const char* what) {
    int saved = errno;
    close(fd);
    unlink(tmpl.c_str());
    errno = saved;
    io_fail(path, what);
  };
  if (!write_all(fd, bytes)) abandon("cannot write");
  if (fchmod(fd, 0644) != 0) abandon("cannot set permissions");
  if (fsync(fd) != 0) abandon("cannot flush to disk");
  if (close(fd) != 0) {
    unlink(tmpl.c_str());
    io_fail(path, "cannot write");
  }
  if (before_rename) before_rename();
  if (rename(tmpl.c_str(), path.c_str()) != 0) {
    int saved = errno;
    unlink(tmpl.c_str());
    errno = saved;
    io_fail(path, "cannot rename into place");
  }
  // Make the rename itself durable.
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

}  // namespace gz
