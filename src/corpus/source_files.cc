#include "corpus/source_files.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

namespace gz::corpus_detail {
namespace {

namespace fs = std::filesystem;

std::vector<std::string_view> segments(std::string_view p) {
  std::vector<std::string_view> out;
  while (!p.empty()) {
    const size_t slash = p.find('/');
    std::string_view seg = p.substr(0, slash);
    if (!seg.empty() && seg != ".") out.push_back(seg);
    p.remove_prefix(slash == std::string_view::npos ? p.size() : slash + 1);
  }
  return out;
}

// Whether path matches pat, segment by segment, "**" standing for any
// number of segments. Dynamic programming over (pattern segment, path
// segment) pairs: each pair is decided once, so a pattern of many "**"
// costs O(pattern x path) fnmatch calls, never the exponential
// backtracking of trying every split again for each "**".
bool match_segments(const std::vector<std::string_view>& pat,
                    const std::vector<std::string_view>& path) {
  const size_t n = path.size();
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);  // path segments matched so far
  reach[0] = 1;
  for (const std::string_view seg : pat) {
    std::fill(next.begin(), next.end(), 0);
    if (seg == "**") {
      bool any = false;  // "**" takes the segments from the first reachable one on
      for (size_t k = 0; k <= n; ++k) next[k] = any = any || reach[k];
    } else {
      const std::string p(seg);
      for (size_t k = 0; k < n; ++k) {
        if (!reach[k]) continue;
        const std::string s(path[k]);
        if (fnmatch(p.c_str(), s.c_str(), FNM_PERIOD) == 0) next[k + 1] = 1;
      }
    }
    reach.swap(next);
  }
  return reach[n] != 0;
}

// Regular files under dir, recursively: f(path relative to dir, path as
// dir / relative, or relative alone when dir is "").
template <class F>
void walk_files(const fs::path& dir, F&& f) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir.empty() ? fs::path(".") : dir,
                                      fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const fs::path rel = it->path().lexically_relative(dir.empty() ? fs::path(".") : dir);
    f(rel.generic_string(), (dir.empty() ? rel : dir / rel).string());
  }
}

}  // namespace

int read_whole_file(const std::string& path, std::string* out, size_t max) {
  out->clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  // Read straight into the string, sized from fstat: one read() fills it,
  // where copying through a buffer touched every page twice (page faults
  // were a large part of reading a big listing). One byte more than the
  // size lets the next read() see the end without growing the string. A
  // file whose size fstat cannot tell (a pipe, /dev/zero) or that grows
  // meanwhile is read on, doubling, but never past max + 1 bytes.
  size_t size = 0;
  if (struct stat st; fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (size_t(st.st_size) > max) {
      ::close(fd);
      return EFBIG;
    }
    size = size_t(st.st_size);
  }
  out->resize(size + 1);
  size_t have = 0;
  int err = 0;
  for (;;) {
    if (have == out->size()) {
      if (have > max) break;
      out->resize(std::min(std::max(2 * have, size_t(1) << 16), max + 1));
    }
    const ssize_t n = ::read(fd, out->data() + have, out->size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;  // e.g. EISDIR: open accepts a folder
    if (n <= 0) break;
    have += size_t(n);
  }
  ::close(fd);
  out->resize(have);
  if (!err && have > max) err = EFBIG;
  return err;
}

bool is_glob(std::string_view path) { return path.find_first_of("*?[") != std::string_view::npos; }

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_segments(segments(pattern), segments(path));
}

std::vector<std::string> bulletin_files(const std::string& path) {
  std::vector<std::string> out;
  std::error_code ec;
  if (is_glob(path)) {
    // Walk from the deepest folder the glob names literally.
    const std::vector<std::string_view> segs = segments(path);
    fs::path base = path.starts_with("/") ? fs::path("/") : fs::path();
    size_t fixed = 0;
    while (fixed + 1 < segs.size() && !is_glob(segs[fixed])) base /= std::string(segs[fixed++]);
    std::string rest;
    for (size_t i = fixed; i < segs.size(); ++i)
      rest += (rest.empty() ? "" : "/") + std::string(segs[i]);
    walk_files(base, [&](const std::string& rel, const std::string& full) {
      if (glob_match(rest, rel)) out.push_back(full);
    });
  } else if (fs::is_directory(path, ec)) {
    walk_files(path, [&](const std::string& rel, const std::string& full) {
      if (rel.ends_with(".md")) out.push_back(full);
    });
  } else {
    out.push_back(path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace gz::corpus_detail
