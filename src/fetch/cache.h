// The HTTP cache in the state folder: one file per request (its method, URL
// and body), holding the response's validators, the time it was fetched
// and the body, written atomically (a reader sees the old entry or the new
// one). Also the --record / --replay folders.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace gz::fetch {

struct CacheEntry {
  std::string url;
  int64_t fetched = 0;  // Unix seconds
  std::string etag, last_modified;
  std::string body;
};

// The identity of a request: SHA-256 of its method, URL and body.
std::string request_key(const std::string& method, const std::string& url, const std::string& body);

class HttpCache {
 public:
  explicit HttpCache(std::string dir) : dir_(std::move(dir)) {}
  // nullopt when absent or not a readable entry.
  std::optional<CacheEntry> load(const std::string& key) const;
  // Throws Failure (exit 1) when it cannot be written. The file's
  // modification time is when a run last used the entry.
  void store(const std::string& key, const CacheEntry& e) const;
  // The entry was used now (Unix seconds) without being stored again.
  void touch(const std::string& key, int64_t now) const;
  // Removes every file of the cache last used before `before` (entries and
  // temporary files a killed run left); what cannot be removed stays.
  void prune(int64_t before) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// A recording (--record DIR): DIR/manifest.tsv, a line per request
// (URL, fetch time in UTC, ETag, SHA-256 of the body, request key), and
// DIR/bodies/<SHA-256>.
struct Recorded {
  std::string url, key, etag, sha256;
  int64_t fetched = 0;
};
// Writes the bodies as they come and the manifest at the end.
void record_body(const std::string& dir, const std::string& sha256, const std::string& body);
void write_manifest(const std::string& dir, const std::map<std::string, Recorded>& by_key);
// Reads DIR/manifest.tsv; throws Failure (exit 1) when it cannot.
std::map<std::string, Recorded> read_manifest(const std::string& dir);

std::string sha256_hex(const std::string& bytes);
// 2021-07-31T12:00:00Z
std::string utc_text(int64_t unix_seconds);

}  // namespace gz::fetch
