#include "fetch/cache.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/date.h"
#include "base/diag.h"
#include "deliver/hash.h"
#include "deliver/output.h"

namespace gz::fetch {
namespace {

constexpr const char* kMagic = "gazette http cache 1\n";

std::string slurp(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = bool(in);
  std::ostringstream s;
  if (*ok) s << in.rdbuf();
  return s.str();
}

std::string path_in(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

}  // namespace

std::string sha256_hex(const std::string& bytes) { return Sha256().add(bytes).hex(); }

std::string request_key(const std::string& method, const std::string& url,
                        const std::string& body) {
  return Sha256().field(method).field(url).field(body).hex();
}

std::string utc_text(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t s = t - days * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", int(s / 3600), int(s / 60 % 60), int(s % 60));
  return Date::from_days(days).iso() + buf;
}

std::optional<CacheEntry> HttpCache::load(const std::string& key) const {
  bool ok = false;
  std::string text = slurp(path_in(dir_, key), &ok);
  if (!ok || !text.starts_with(kMagic)) return std::nullopt;
  size_t end = text.find("\n\n");
  if (end == std::string::npos) return std::nullopt;
  CacheEntry e;
  std::istringstream head(text.substr(std::strlen(kMagic), end - std::strlen(kMagic)));
  std::string line, sha;
  while (std::getline(head, line)) {
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon), value = line.substr(colon + 2);
    if (name == "url") e.url = value;
    if (name == "fetched") e.fetched = std::strtoll(value.c_str(), nullptr, 10);
    if (name == "etag") e.etag = value;
    if (name == "last-modified") e.last_modified = value;
    if (name == "sha256") sha = value;
  }
  e.body = text.substr(end + 2);
  if (sha != sha256_hex(e.body)) return std::nullopt;  // damaged: as if absent
  return e;
}

void HttpCache::store(const std::string& key, const CacheEntry& e) const {
  std::string text = kMagic;
  text += "url: " + e.url + "\nfetched: " + std::to_string(e.fetched) + "\n";
  if (!e.etag.empty()) text += "etag: " + e.etag + "\n";
  if (!e.last_modified.empty()) text += "last-modified: " + e.last_modified + "\n";
  text += "sha256: " + sha256_hex(e.body) + "\n\n";
  text += e.body;
  write_file_atomically(path_in(dir_, key), text);
}

void HttpCache::touch(const std::string& key, int64_t now) const {
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = time_t(now);
  times[0].tv_nsec = times[1].tv_nsec = 0;
  ::utimensat(AT_FDCWD, path_in(dir_, key).c_str(), times, 0);  // at worst pruned early
}

void HttpCache::prune(int64_t before) const {
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir_, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    struct stat st;
    const std::string path = it->path().string();
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (int64_t(st.st_mtime) < before) ::unlink(path.c_str());
  }
}

void record_body(const std::string& dir, const std::string& sha256, const std::string& body) {
  write_file_atomically(path_in(path_in(dir, "bodies"), sha256), body);
}

void write_manifest(const std::string& dir, const std::map<std::string, Recorded>& by_key) {
  std::vector<const Recorded*> rows;
  for (const auto& [key, r] : by_key) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Recorded* a, const Recorded* b) { return a->url < b->url; });
  std::string text = "# url\tfetched\tetag\tsha256\trequest\n";
  for (const Recorded* r : rows)
    text += r->url + "\t" + utc_text(r->fetched) + "\t" + r->etag + "\t" + r->sha256 + "\t" +
            r->key + "\n";
  write_file_atomically(path_in(dir, "manifest.tsv"), text);
}

std::map<std::string, Recorded> read_manifest(const std::string& dir) {
  bool ok = false;
  const std::string path = path_in(dir, "manifest.tsv");
  std::string text = slurp(path, &ok);
  if (!ok)
    fail({path, 0, 0}, "cannot read the recording (--replay): " + std::string(std::strerror(errno)),
         {}, kExitRuntime);
  std::map<std::string, Recorded> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    for (size_t at = 0;;) {
      size_t tab = line.find('\t', at);
      cols.push_back(line.substr(at, tab - at));
      if (tab == std::string::npos) break;
      at = tab + 1;
    }
    if (cols.size() != 5)
      fail({path, n, 1}, "expected 5 tab-separated columns: url, fetched, etag, sha256, request");
    Recorded r{cols[0], cols[4], cols[2], cols[3], 0};
    out[r.key] = r;
  }
  return out;
}

}  // namespace gz::fetch
