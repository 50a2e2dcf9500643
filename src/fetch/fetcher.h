// Fetching a [[sources]] entry that has a url or a reliefweb query: the
// policy over HttpClient (http.h) and the cache (cache.h). README "Sources
// fetched by Gazette" says what each failure does; in short:
//   2xx: stored in the cache; 304: the cached body, its time renewed;
//   no answer, a timeout, 408, 429 or 5xx (temporary): the cached copy with
//     a warning when younger than max_age, else Failure with exit 75;
//   another 4xx: Failure at the source (exit 2); a redirect loop, a
//   redirect to another scheme, a TLS failure: exit 1; a body past the
//   size limit: exit 2.
#pragma once

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

struct FetchOptions {
  std::string cache_dir;                   // the state folder's http/ (required unless replaying)
  bool offline = false;                    // the cache alone, never the network
  std::string record_dir;                  // --record: also write each body there
  std::string replay_dir;                  // --replay: only what was recorded there
  int64_t now = 0;                         // Unix seconds
  std::optional<std::string> env_appname;  // GAZETTE_RELIEFWEB_APPNAME
};

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

  // The ReliefWeb appname: GAZETTE_RELIEFWEB_APPNAME, else the spec's; throws
  // Failure at the source when neither is set.
  std::string appname(const SourceSpec& src) const;

  // The JSON query of one page (deterministic text).
  static std::string reliefweb_query(const ReliefWebApiSpec& api, int offset);

 private:
  std::string get(HttpClient& client, HttpRequest req, const SourceSpec& src,
                  Diagnostics& warnings);
  std::vector<Page> fetch_reliefweb(HttpClient& client, const SourceSpec& src,
                                    Diagnostics& warnings);
  void keep(const std::string& key, const std::string& url, int64_t fetched,
            const std::string& etag, const std::string& body);

  FetchOptions opts_;
  ClientFactory make_client_;
  HttpCache cache_;
  std::map<std::string, Recorded> replay_;
  std::mutex mutex_;  // guards recorded_
  std::map<std::string, Recorded> recorded_;
};

// "404 Not Found"
std::string status_text(long status);

}  // namespace gz::fetch
