// Fetching a [[sources]] entry that has a url or a reliefweb query: the
// policy over HttpClient (http.h) and the cache (cache.h). README "Sources
// fetched by Gazette" says what each failure does; in short:
//   2xx: stored in the cache; 304: the cached body, its time renewed;
//   no answer, a timeout, 408, 429 or 5xx (temporary): the cached copy with
//     a warning when younger than max_age, else Failure with exit 75;
//   a 429 or 503 whose Retry-After is at most kMaxRetryAfter seconds:
//     waited on, then asked once more;
//   another 4xx: Failure at the source (exit 2); a redirect loop, a
//   redirect to another scheme, a TLS failure: exit 1; a body past the
//   size limit: exit 2.
#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/diag.h"
#include "fetch/cache.h"
#include "fetch/http.h"
#include "spec/spec.h"

namespace gz::fetch {

// The longest Retry-After waited on within a run (seconds); a longer one is
// a temporary failure at once. All the waits of one run together stay
// within FetchOptions::retry_budget_s (an index of 500 files each answered
// 429 must not keep a cron job for hours).
inline constexpr int kMaxRetryAfter = 30;
// Most entries of a bulletin-file index.
inline constexpr size_t kMaxIndexEntries = 10000;
// Cache entries no run has used for this long are removed (seconds).
inline constexpr int64_t kCacheKeep = 30 * 86400;

struct FetchOptions {
  std::string cache_dir;                   // the state folder's http/ (required unless replaying)
  bool offline = false;                    // the cache alone, never the network
  std::string record_dir;                  // --record: also write each body there
  std::string replay_dir;                  // --replay: only what was recorded there
  int64_t now = 0;                         // Unix seconds
  std::optional<std::string> env_appname;  // GAZETTE_RELIEFWEB_APPNAME
  int jobs = 1;                            // an index's files fetched at a time
  // Waits before asking again after a Retry-After (tests replace it).
  std::function<void(int seconds)> sleep;
  int64_t retry_budget_s = 120;  // all Retry-After waits of the run together
};

// One bulletin file an index lists: its URL (resolved against the index's)
// and the index line that lists it ("index-url:line:col").
struct IndexEntry {
  std::string url;
  Location where;
};

// The entries of a bulletin-file index (README "Bulletin-file indexes"):
// one URL a line, relative ones resolved against index_url, blank lines and
// lines starting with '#' skipped, a URL listed twice taken once. Throws
// Failure (exit 2) at the index's line and column for a line that is not
// one URL, a URL of another scheme than the index's, plain http to a host
// that is not loopback (unless allow_http), more than kMaxIndexEntries.
std::vector<IndexEntry> parse_index(const std::string& text, const std::string& index_url,
                                    bool allow_http);

// One body of a source: a feed's, or one page of ReliefWeb's answer. name
// is how messages refer to it (the URL, or the URL and "#offset=N").
struct Page {
  std::string name;
  std::string body;
};

struct Fetched {
  std::vector<Page> pages;
  Diagnostics warnings;        // served from the cache, ...
  std::exception_ptr failure;  // a Failure; pages are then empty
};

class Fetcher {
 public:
  using ClientFactory = std::function<std::unique_ptr<HttpClient>()>;
  // With --replay, reads the manifest (throws Failure when it cannot).
  Fetcher(FetchOptions opts, ClientFactory make_client);

  // Fetches src (kind Url or ReliefWebApi). Thread-safe: call from several
  // threads at once, each request with its own client.
  Fetched fetch(const SourceSpec& src);

  // With --record: writes the manifest of everything fetched so far.
  void finish_recording();

  // Removes the cache entries no run has used for kCacheKeep (nothing with
  // --replay, which does not use the cache).
  void prune();

  // The ReliefWeb appname: GAZETTE_RELIEFWEB_APPNAME, else the spec's; throws
  // Failure at the source when neither is set.
  std::string appname(const SourceSpec& src) const;

  // The JSON query of one page (deterministic text).
  static std::string reliefweb_query(const ReliefWebApiSpec& api, int offset);

 private:
  // where: what failures and warnings point at (the source, or an index line).
  std::string get(HttpClient& client, HttpRequest req, const SourceSpec& src, Diagnostics& warnings,
                  const Location& where);
  std::vector<Page> fetch_index(HttpClient& client, const SourceSpec& src, Diagnostics& warnings);
  std::vector<Page> fetch_reliefweb(HttpClient& client, const SourceSpec& src,
                                    Diagnostics& warnings);
  void keep(const std::string& key, const std::string& url, int64_t fetched,
            const std::string& etag, const std::string& body);

  FetchOptions opts_;
  ClientFactory make_client_;
  HttpCache cache_;
  std::map<std::string, Recorded> replay_;
  std::atomic<int64_t> retry_spent_{0};  // seconds waited on Retry-After so far
  std::mutex mutex_;                     // guards recorded_
  std::map<std::string, Recorded> recorded_;
};

// "404 Not Found"
std::string status_text(long status);

}  // namespace gz::fetch
