#include "fetch/fetcher.h"

#include <json/json.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/limits.h"

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

Fetcher::Fetcher(FetchOptions opts, ClientFactory make_client)
    : opts_(std::move(opts)), make_client_(std::move(make_client)), cache_(opts_.cache_dir) {
  if (!opts_.replay_dir.empty()) replay_ = read_manifest(opts_.replay_dir);
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

void Fetcher::finish_recording() {
  if (opts_.record_dir.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  write_manifest(opts_.record_dir, recorded_);
}

std::string Fetcher::get(HttpClient& client, HttpRequest req, const SourceSpec& src,
                         Diagnostics& warnings) {
  const std::string key = request_key(req.method, req.url, req.body);
  const std::string& url = req.url;
  if (!opts_.replay_dir.empty()) {
    auto it = replay_.find(key);
    if (it == replay_.end())
      fail(src.loc, "'" + url + "' is not in the recording '" + opts_.replay_dir + "' (--replay)",
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
      fail(src.loc, "'" + url + "' is not in the cache (--offline)",
           "run 'gazette fetch' for this spec first", kExitRuntime);
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
      warnings.warning(src.loc, "cannot fetch '" + url + "': " + why +
                                    "; using the copy fetched at " + utc_text(cached->fetched));
      keep(key, url, cached->fetched, cached->etag, cached->body);
      return cached->body;
    }
    std::string max_age = std::to_string(src.max_age_s / 3600) + "h";
    if (src.max_age_s % 3600) max_age = std::to_string(src.max_age_s) + "s";
    fail(src.loc,
         "cannot fetch '" + url + "': " + why + "; " +
             (cached ? "the cached copy, fetched at " + utc_text(cached->fetched) +
                           ", is older than max_age (" + max_age + ")"
                     : std::string("no cached copy")),
         "a temporary failure (exit 75): run again later", kExitTempFail);
  };
  HttpResponse resp;
  try {
    resp = client.send(req);
  } catch (const TransportError& e) {
    switch (e.kind) {
      case TransportError::Kind::TooLarge:
        fail(src.loc, "'" + url + "' is too large: more than " +
                          (src.max_bytes ? std::to_string(src.max_bytes) + " bytes (max_bytes)"
                                         : limits::bytes_text(limits::kMaxSourceBytes)));
      case TransportError::Kind::Permanent:
        fail(src.loc, "cannot fetch '" + url + "': " + e.message, {}, kExitRuntime);
      case TransportError::Kind::Temporary:
        return temporary(e.message);
    }
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
    return temporary(why);
  }
  if (resp.status == 403 && src.kind == SourceKind::ReliefWebApi)
    fail(src.reliefweb->loc,
         "ReliefWeb refused the query (HTTP 403 Forbidden): the API accepts only a pre-approved "
         "appname, from GAZETTE_RELIEFWEB_APPNAME or reliefweb.appname",
         std::string("see ") + kApiDocs);
  if (resp.status >= 400 && resp.status <= 499)
    fail(src.loc, "'" + url + "' answered HTTP " + status_text(resp.status));
  fail(src.loc,
       "'" + url + "' answered HTTP " + status_text(resp.status) + ", which Gazette does not read",
       {}, kExitRuntime);
}

std::vector<Page> Fetcher::fetch_reliefweb(HttpClient& client, const SourceSpec& src,
                                           Diagnostics& warnings) {
  const ReliefWebApiSpec& api = *src.reliefweb;
  const std::string url = src.url + "?appname=" + percent_encode(appname(src));
  std::vector<Page> pages;
  for (int offset = 0, n = 0; n < kMaxPages; ++n) {
    HttpRequest req;
    req.method = "POST";
    req.url = url;
    req.body = reliefweb_query(api, offset);
    req.headers.push_back("Content-Type: application/json");
    req.allow_http = src.allow_http;
    req.timeout_s = src.timeout_s;
    req.max_bytes = src.max_bytes ? src.max_bytes : int64_t(limits::kMaxSourceBytes);
    std::string body = get(client, req, src, warnings);
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
    } else {
      HttpRequest req;
      req.url = src.url;
      req.allow_http = src.allow_http;
      req.timeout_s = src.timeout_s;
      req.max_bytes = src.max_bytes ? src.max_bytes : int64_t(limits::kMaxSourceBytes);
      out.pages.push_back({src.url, get(c, req, src, out.warnings)});
    }
  } catch (...) {
    out.pages.clear();
    out.failure = std::current_exception();
  }
  return out;
}

}  // namespace gz::fetch
