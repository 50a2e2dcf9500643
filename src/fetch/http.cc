#include "fetch/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "deliver/tls.h"
#include "spec/spec.h"

namespace gz::fetch {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() &&
         (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
    s.pop_back();
  size_t b = s.find_first_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b);
}

struct Transfer {
  HttpResponse* resp;
  int64_t max_bytes;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->max_bytes > 0 && int64_t(t->resp->body.size() + len) > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->resp->body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * n);
  if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue): start over
    t->resp->etag.clear();
    t->resp->last_modified.clear();
    t->resp->retry_after.clear();
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return size * n;
  std::string name = lower(line.substr(0, colon)), value = trim(line.substr(colon + 1));
  if (name == "etag") t->resp->etag = value;
  if (name == "last-modified") t->resp->last_modified = value;
  if (name == "retry-after") t->resp->retry_after = value;
  return size * n;
}

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

class CurlClient : public HttpClient {
 public:
  CurlClient() : curl_(curl_easy_init()) {}
  ~CurlClient() override { curl_easy_cleanup(curl_); }
  CurlClient(const CurlClient&) = delete;

  HttpResponse send(const HttpRequest& first) override {
    HttpRequest req = first;
    const std::string scheme = url_scheme(first.url);
    for (int hop = 0;; ++hop) {
      std::string location;
      HttpResponse r = once(req, &location);
      if (!is_redirect(r.status) || location.empty()) return r;
      if (hop == kMaxRedirects)
        throw TransportError{TransportError::Kind::Permanent,
                             "more than " + std::to_string(kMaxRedirects) +
                                 " redirects (the last to '" + location + "')"};
      if (url_scheme(location) != scheme)
        throw TransportError{
            TransportError::Kind::Permanent,
            "redirected to '" + location + "': a redirect must stay on " + scheme + "://"};
      if (scheme == "http" && !req.allow_http && !url_is_loopback(location))
        throw TransportError{
            TransportError::Kind::Permanent,
            "redirected to '" + location + "': plain http is fetched only from loopback hosts"};
      if (r.status == 303 || (req.method == "POST" && (r.status == 301 || r.status == 302))) {
        req.method = "GET";
        req.body.clear();
      }
      req.url = location;
    }
  }

 private:
  HttpResponse once(const HttpRequest& req, std::string* location) {
    HttpResponse resp;
    Transfer t{&resp, req.max_bytes};
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);  // followed by send(), checked
    set_tls_trust(curl_, req.ca_file, req.pinned_key);
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, "Gazette/" GAZETTE_VERSION);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, long(std::min(req.timeout_s, 15)));
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, long(req.timeout_s));
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");  // what libcurl can decode
    if (req.max_bytes > 0)
      curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(req.max_bytes));
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, errbuf);
    curl_slist* headers = nullptr;
    for (const std::string& h : req.headers) headers = curl_slist_append(headers, h.c_str());
    if (req.method == "POST") {
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, req.body.data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(req.body.size()));
      headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    }
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
      using K = TransportError::Kind;
      std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
      if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED)
        throw TransportError{K::TooLarge, "more than " + std::to_string(req.max_bytes) + " bytes"};
      switch (rc) {
        case CURLE_OPERATION_TIMEDOUT:
          throw TransportError{
              K::Temporary, "no answer within " + std::to_string(req.timeout_s) + " s (timeout)"};
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
          throw TransportError{K::Temporary, detail};
        default:
          if (std::string tls = tls_failure(rc, detail, req.ca_file); !tls.empty())
            throw TransportError{K::Permanent, tls};
          throw TransportError{K::Permanent, detail};
      }
    }
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &resp.status);
    char* where = nullptr;
    if (curl_easy_getinfo(curl_, CURLINFO_REDIRECT_URL, &where) == CURLE_OK && where)
      *location = where;
    resp.url = req.url;
    return resp;
  }

  CURL* curl_;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<CurlClient>();
}

std::string url_scheme(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return "";
  for (size_t i = 0; i < colon; ++i)
    if (!std::isalnum(static_cast<unsigned char>(url[i])) && url[i] != '+' && url[i] != '-' &&
        url[i] != '.')
      return "";
  return lower(url.substr(0, colon));
}

std::string resolve_url(const std::string& base, const std::string& ref) {
  CURLU* u = curl_url();
  if (!u) return "";
  std::string out;
  char* text = nullptr;
  char* user = nullptr;
  char* password = nullptr;
  // CURLU_NON_SUPPORT_SCHEME: a file:// or ftp:// entry is resolved, so that
  // the fetcher can say which scheme it has.
  const unsigned flags = CURLU_NON_SUPPORT_SCHEME;
  if (curl_url_set(u, CURLUPART_URL, base.c_str(), flags) == CURLUE_OK &&
      curl_url_set(u, CURLUPART_URL, ref.c_str(), flags) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_NO_USER &&
      curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_NO_PASSWORD &&
      curl_url_get(u, CURLUPART_URL, &text, 0) == CURLUE_OK)
    out = text;
  curl_free(text);
  curl_free(user);
  curl_free(password);
  curl_url_cleanup(u);
  return out;
}

bool url_is_loopback(const std::string& url) {
  if (url.find("://") == std::string::npos) return false;
  return is_loopback_host(lower(email_url_host(url)));
}

}  // namespace gz::fetch
