#include "fetch/fetcher.h"

#include <json/json.h>

#include <curl/curl.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "base/limits.h"
#include "base/parallel.h"

namespace gz::fetch {
namespace {

constexpr const char* kApiDocs = "https://apidoc.reliefweb.int/parameters#appname";
constexpr int kMaxPages = 10000;

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

bool temporary_status(long s) { return s == 408 || s == 429 || (s >= 500 && s <= 599); }

// "36h", or "90s" when not whole hours.
std::string duration_text(int64_t s) {
  return s % 3600 ? std::to_string(s) + "s" : std::to_string(s / 3600) + "h";
}

// The seconds a Retry-After asks to wait (delta-seconds, or an HTTP date
// from now), or -1 when it is neither.
int64_t retry_after_seconds(const std::string& v, int64_t now) {
  if (v.empty()) return -1;
  if (v.find_first_not_of("0123456789") == std::string::npos)
    return v.size() > 9 ? INT64_MAX : std::stoll(v);
  time_t at = curl_getdate(v.c_str(), nullptr);
  if (at == -1) return -1;
  return std::max<int64_t>(0, int64_t(at) - now);
}

HttpRequest request_for(const SourceSpec& src, const std::string& url) {
  HttpRequest req;
  req.url = url;
  req.allow_http = src.allow_http;
  req.timeout_s = src.timeout_s;
  req.max_bytes = src.max_bytes ? src.max_bytes : int64_t(limits::kMaxSourceBytes);
  req.ca_file = src.ca_path;
  for (const Spanned& p : src.pinned_keys)
    req.pinned_key += (req.pinned_key.empty() ? "" : ";") + p.text;
  return req;
}

std::string read_body_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = bool(in);
  std::ostringstream s;
  if (*ok) s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string status_text(long s) {
  static const std::map<long, const char*> names{
      {304, "Not Modified"},      {400, "Bad Request"},
      {401, "Unauthorized"},      {403, "Forbidden"},
      {404, "Not Found"},         {405, "Method Not Allowed"},
      {408, "Request Timeout"},   {410, "Gone"},
      {429, "Too Many Requests"}, {500, "Internal Server Error"},
      {502, "Bad Gateway"},       {503, "Service Unavailable"},
      {504, "Gateway Timeout"}};
  auto it = names.find(s);
  return std::to_string(s) + (it == names.end() ? "" : std::string(" ") + it->second);
}

std::vector<IndexEntry> parse_index(const std::string& text, const std::string& index_url,
                                    bool allow_http) {
  const std::string scheme = url_scheme(index_url);
  std::vector<IndexEntry> out;
  std::set<std::string> seen;
  int line_no = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t e = line.find_last_not_of(" \t");
    const std::string ref = line.substr(b, e + 1 - b);
    const Location where{index_url, line_no, int(b) + 1};
    for (unsigned char c : ref)
      if (c < 0x20 || c == ' ' || c == 0x7f)
        fail(where, "an index line holds one URL, without spaces or control characters",
             "see README \"Bulletin-file indexes\"");
    const std::string url = resolve_url(index_url, ref);
    if (url.empty()) fail(where, "'" + ref + "' is not a URL (or it has a user or password)");
    const std::string its = url_scheme(url);
    if (its != scheme)
      fail(where,
           "'" + url + "' is not " + scheme + "://: an index lists only URLs of its own scheme");
    if (scheme == "http" && !allow_http && !url_is_loopback(url))
      fail(where, "'" + url + "' is not https: only loopback hosts are fetched over plain http",
           "write https://, or set allow_http = true in the [[sources]] of the index");
    if (!seen.insert(url).second) continue;
    if (out.size() == kMaxIndexEntries)
      fail(where, "more than " + std::to_string(kMaxIndexEntries) + " bulletin files in one index");
    out.push_back({url, where});
  }
  return out;
}

Fetcher::Fetcher(FetchOptions opts, ClientFactory make_client)
    : opts_(std::move(opts)), make_client_(std::move(make_client)), cache_(opts_.cache_dir) {
  if (!opts_.replay_dir.empty()) replay_ = read_manifest(opts_.replay_dir);
  if (!opts_.sleep)
    opts_.sleep = [](int s) { std::this_thread::sleep_for(std::chrono::seconds(s)); };
}

std::string Fetcher::appname(const SourceSpec& src) const {
  if (opts_.env_appname && !opts_.env_appname->empty()) return *opts_.env_appname;
  if (src.reliefweb && src.reliefweb->appname) return src.reliefweb->appname->text;
  fail(src.reliefweb ? src.reliefweb->loc : src.loc,
       "the ReliefWeb API needs an appname: set GAZETTE_RELIEFWEB_APPNAME or reliefweb.appname",
       std::string("ReliefWeb approves appnames beforehand; see ") + kApiDocs);
}

std::string Fetcher::reliefweb_query(const ReliefWebApiSpec& api, int offset) {
  Json::Value q(Json::objectValue);
  q["profile"] = "full";
  q["offset"] = offset;
  q["limit"] = api.page_size;
  q["sort"].append("date.original:asc");
  q["sort"].append("id:asc");
  Json::Value& filter = q["filter"];
  filter["operator"] = "AND";
  Json::Value& conditions = filter["conditions"];
  Json::Value range(Json::objectValue);
  range["field"] = "date.original";
  range["value"]["from"] = api.from + "T00:00:00+00:00";
  range["value"]["to"] = api.to + "T23:59:59+00:00";
  conditions.append(range);
  auto any_of = [&](const char* field, const std::vector<std::string>& values) {
    if (values.empty()) return;
    Json::Value c(Json::objectValue);
    c["field"] = field;
    c["operator"] = "OR";
    for (const std::string& v : values) c["value"].append(v);
    conditions.append(c);
  };
  any_of("country.iso3", api.iso3);
  any_of("source.shortname", api.sources);
  any_of("format.name", api.formats);
  any_of("theme.name", api.themes);
  any_of("language.code", api.languages);
  Json::StreamWriterBuilder w;
  w["indentation"] = "";
  return Json::writeString(w, q);
}

void Fetcher::keep(const std::string& key, const std::string& url, int64_t fetched,
                   const std::string& etag, const std::string& body) {
  if (opts_.record_dir.empty()) return;
  std::string sha = sha256_hex(body);
  record_body(opts_.record_dir, sha, body);
  std::lock_guard<std::mutex> lock(mutex_);
  recorded_[key] = Recorded{url, key, etag, sha, fetched};
}

void Fetcher::prune() {
  if (opts_.replay_dir.empty()) cache_.prune(opts_.now - kCacheKeep);
}

void Fetcher::finish_recording() {
  if (opts_.record_dir.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  write_manifest(opts_.record_dir, recorded_);
}

std::string Fetcher::get(HttpClient& client, HttpRequest req, const SourceSpec& src,
                         Diagnostics& warnings, const Location& where) {
  const std::string key = request_key(req.method, req.url, req.body);
  const std::string& url = req.url;
  if (!opts_.replay_dir.empty()) {
    auto it = replay_.find(key);
    if (it == replay_.end())
      fail(where, "'" + url + "' is not in the recording '" + opts_.replay_dir + "' (--replay)",
           "record it with the same spec and --as-of", kExitRuntime);
    bool ok = false;
    std::string path =
        (std::filesystem::path(opts_.replay_dir) / "bodies" / it->second.sha256).string();
    std::string body = read_body_file(path, &ok);
    if (!ok || sha256_hex(body) != it->second.sha256)
      fail({path, 0, 0}, "recorded body missing or changed (its SHA-256 is not the manifest's)", {},
           kExitRuntime);
    return body;
  }
  std::optional<CacheEntry> cached = cache_.load(key);
  if (opts_.offline) {
    if (!cached)
      fail(where, "'" + url + "' is not in the cache (--offline)",
           "run 'gazette fetch' for this spec first", kExitRuntime);
    if (opts_.now - cached->fetched >= src.max_age_s)
      warnings.warning(where, "the cached copy of '" + url + "', fetched at " +
                                  utc_text(cached->fetched) + ", is older than max_age (" +
                                  duration_text(src.max_age_s) + ") (--offline)");
    cache_.touch(key, opts_.now);
    keep(key, url, cached->fetched, cached->etag, cached->body);
    return cached->body;
  }
  if (cached && req.method == "GET") {
    if (!cached->etag.empty()) req.headers.push_back("If-None-Match: " + cached->etag);
    if (!cached->last_modified.empty())
      req.headers.push_back("If-Modified-Since: " + cached->last_modified);
  }
  auto temporary = [&](const std::string& why) -> std::string {
    const int64_t age = cached ? opts_.now - cached->fetched : 0;
    if (cached && age < src.max_age_s) {
      warnings.warning(where, "cannot fetch '" + url + "': " + why +
                                  "; using the copy fetched at " + utc_text(cached->fetched));
      cache_.touch(key, opts_.now);
      keep(key, url, cached->fetched, cached->etag, cached->body);
      return cached->body;
    }
    const std::string max_age = duration_text(src.max_age_s);
    fail(where,
         "cannot fetch '" + url + "': " + why + "; " +
             (cached ? "the cached copy, fetched at " + utc_text(cached->fetched) +
                           ", is older than max_age (" + max_age + ")"
                     : std::string("no cached copy")),
         "a temporary failure (exit 75): run again later", kExitTempFail);
  };
  HttpResponse resp;
  int64_t waited = -1;  // the Retry-After waited on, once
  for (;;) {
    try {
      resp = client.send(req);
    } catch (const TransportError& e) {
      switch (e.kind) {
        case TransportError::Kind::TooLarge:
          fail(where, "'" + url + "' is too large: more than " +
                          (src.max_bytes ? std::to_string(src.max_bytes) + " bytes (max_bytes)"
                                         : limits::bytes_text(limits::kMaxSourceBytes)));
        case TransportError::Kind::Permanent:
          fail(where, "cannot fetch '" + url + "': " + e.message, {}, kExitRuntime);
        case TransportError::Kind::Temporary:
          return temporary(e.message);
      }
    }
    if (waited >= 0 || (resp.status != 429 && resp.status != 503)) break;
    const int64_t wait = retry_after_seconds(resp.retry_after, opts_.now);
    if (wait < 0 || wait > kMaxRetryAfter) break;
    if (retry_spent_.fetch_add(wait) + wait > opts_.retry_budget_s) {
      retry_spent_.fetch_sub(wait);  // the run's waiting is spent: not this one
      break;
    }
    opts_.sleep(int(wait));
    waited = wait;
  }
  if (resp.status >= 200 && resp.status <= 299) {
    cache_.store(key, {url, opts_.now, resp.etag, resp.last_modified, resp.body});
    keep(key, url, opts_.now, resp.etag, resp.body);
    return resp.body;
  }
  if (resp.status == 304 && cached) {
    cached->fetched = opts_.now;
    if (!resp.etag.empty()) cached->etag = resp.etag;
    if (!resp.last_modified.empty()) cached->last_modified = resp.last_modified;
    cache_.store(key, *cached);
    keep(key, url, cached->fetched, cached->etag, cached->body);
    return cached->body;
  }
  if (temporary_status(resp.status)) {
    std::string why = "HTTP " + status_text(resp.status);
    if (!resp.retry_after.empty()) why += " (Retry-After: " + resp.retry_after + ")";
    if (waited >= 0) why += ", again after waiting " + std::to_string(waited) + " s";
    return temporary(why);
  }
  if (resp.status == 403 && src.kind == SourceKind::ReliefWebApi)
    fail(src.reliefweb->loc,
         "ReliefWeb refused the query (HTTP 403 Forbidden): the API accepts only a pre-approved "
         "appname, from GAZETTE_RELIEFWEB_APPNAME or reliefweb.appname",
         std::string("see ") + kApiDocs);
  if (resp.status >= 400 && resp.status <= 499)
    fail(where, "'" + url + "' answered HTTP " + status_text(resp.status));
  fail(where,
       "'" + url + "' answered HTTP " + status_text(resp.status) + ", which Gazette does not read",
       {}, kExitRuntime);
}

std::vector<Page> Fetcher::fetch_reliefweb(HttpClient& client, const SourceSpec& src,
                                           Diagnostics& warnings) {
  const ReliefWebApiSpec& api = *src.reliefweb;
  const std::string url = src.url + "?appname=" + percent_encode(appname(src));
  std::vector<Page> pages;
  for (int offset = 0, n = 0; n < kMaxPages; ++n) {
    HttpRequest req = request_for(src, url);
    req.method = "POST";
    req.body = reliefweb_query(api, offset);
    req.headers.push_back("Content-Type: application/json");
    std::string body = get(client, req, src, warnings, src.loc);
    pages.push_back({src.url + "#offset=" + std::to_string(offset), std::move(body)});
    Json::CharReaderBuilder b;
    std::unique_ptr<Json::CharReader> reader(b.newCharReader());
    Json::Value v;
    const std::string& text = pages.back().body;
    if (!reader->parse(text.data(), text.data() + text.size(), &v, nullptr) || !v.isObject())
      break;  // the reader says what is wrong with it
    const Json::Value& data = v["data"];
    const Json::Value& total = v["totalCount"];
    if (!data.isArray() || data.empty() || !total.isIntegral()) break;
    offset += int(data.size());
    if (offset >= total.asInt64()) break;
  }
  return pages;
}

std::vector<Page> Fetcher::fetch_index(HttpClient& client, const SourceSpec& src,
                                       Diagnostics& warnings) {
  const std::string index = get(client, request_for(src, src.url), src, warnings, src.loc);
  const std::vector<IndexEntry> entries = parse_index(index, src.url, src.allow_http);
  // Each file with the index's limits, cache and recording; --jobs at a
  // time, each thread with its client; messages and failures in index order.
  struct Got {
    std::string body;
    Diagnostics warnings;
    std::exception_ptr failure;
  };
  std::vector<Got> got(entries.size());
  // Without the network (replay, offline) nothing is fetched: one thread.
  const bool network = opts_.replay_dir.empty() && !opts_.offline;
  struct Client {
    std::unique_ptr<HttpClient> own;  // threads but the first
    HttpClient* c;
  };
  parallel_for(
      entries.size(), network ? opts_.jobs : 1,
      [&](int thread) {
        if (thread == 0) return Client{nullptr, &client};
        Client c{make_client_(), nullptr};
        c.c = c.own.get();
        return c;
      },
      [&](Client& c, size_t i) {
        try {
          got[i].body =
              get(*c.c, request_for(src, entries[i].url), src, got[i].warnings, entries[i].where);
        } catch (...) {
          got[i].failure = std::current_exception();
        }
      });
  std::vector<Page> pages;
  for (size_t i = 0; i < entries.size(); ++i) {
    for (const auto& w : got[i].warnings.items()) warnings.add(w);
    if (got[i].failure) {
      try {
        std::rethrow_exception(got[i].failure);
      } catch (const Failure& f) {
        // A listed file the server refuses (a 4xx, too large) is a bad
        // bulletin: on_bad_bulletin = "skip" leaves it out with a warning.
        if (f.code() != kExitBadInput || src.on_bad_bulletin != OnBadBulletin::Skip) throw;
        Diagnostic d = f.diag();
        d.severity = Severity::Warning;
        d.message += " (skipped: on_bad_bulletin = \"skip\")";
        warnings.add(d);
        continue;
      }
    }
    pages.push_back({entries[i].url, std::move(got[i].body)});
  }
  return pages;
}

Fetched Fetcher::fetch(const SourceSpec& src) {
  Fetched out;
  try {
    std::unique_ptr<HttpClient> client =
        opts_.replay_dir.empty() && !opts_.offline ? make_client_() : nullptr;
    struct Offline : HttpClient {
      HttpResponse send(const HttpRequest&) override {
        throw TransportError{TransportError::Kind::Permanent, "offline"};
      }
    } offline;
    HttpClient& c = client ? *client : offline;
    if (src.kind == SourceKind::ReliefWebApi) {
      out.pages = fetch_reliefweb(c, src, out.warnings);
    } else if (src.format == SourceFormat::Index) {
      out.pages = fetch_index(c, src, out.warnings);
    } else {
      out.pages.push_back({src.url, get(c, request_for(src, src.url), src, out.warnings, src.loc)});
    }
  } catch (...) {
    out.pages.clear();
    out.failure = std::current_exception();
  }
  return out;
}

}  // namespace gz::fetch
