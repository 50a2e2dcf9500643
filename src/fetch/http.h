// HTTP behind a small interface, so that the fetching policy (fetcher.h) is
// tested with a fake and the real libcurl client against local servers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gz::fetch {

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::string body;                  // POST only
  std::vector<std::string> headers;  // "Name: value"
  bool allow_http = false;           // http:// to a host that is not loopback
  int timeout_s = 60;                // the whole request; connecting at most 15 s of it
  int64_t max_bytes = 0;             // a larger body is refused
  std::string ca_file;               // "": the system's CAs; else only the CAs in this file
  std::string pinned_key;            // "": none; else sha256//... (several joined by ';')
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag, last_modified, retry_after;  // "" when absent
  std::string url;                               // after redirects
};

// Why a request got no HTTP response. Temporary: the server may answer
// later (no connection, a timeout, a reset). The message says what happened
// without the URL ("timed out after 60 s").
struct TransportError {
  enum class Kind { Temporary, Permanent, TooLarge } kind;
  std::string message;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // The final response (redirects followed), or throws TransportError.
  virtual HttpResponse send(const HttpRequest& req) = 0;
};

// libcurl: TLS verified (the system's CAs, or the request's ca_file and
// pinned_key, deliver/tls.h), at most kMaxRedirects redirects and
// never to another scheme (nor to a plain-http host that is not loopback
// unless the request allows it), User-Agent Gazette/<version>, the
// request's timeouts and size limit. One client per thread.
inline constexpr int kMaxRedirects = 5;
std::unique_ptr<HttpClient> make_curl_client();

// Whether url's host is 127.0.0.0/8, ::1 or localhost.
bool url_is_loopback(const std::string& url);
// "https", "http", "file", ... (lower case) of a URL, "" when it has none.
std::string url_scheme(const std::string& url);
// ref resolved against base (RFC 3986, libcurl's URL parser): an absolute
// ref as it is, normalised; "" when either is not a URL libcurl accepts or
// the result has a user or password.
std::string resolve_url(const std::string& base, const std::string& ref);

}  // namespace gz::fetch
