// Sources fetched by Gazette, end to end: the real binary and its libcurl
// client against tests/http_server.py (Python's http.server) on 127.0.0.1.
// The cache and its revalidation, serving from the cache when the server
// fails and refusing a cache older than max_age (exit 75), each failure
// with its message and exit code, the ReliefWeb API (its query and three
// pages), and --record / --replay giving the same PDF bytes.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;

// tests/http_server.py serving dir (routes.json and the files it names),
// stopped at the end.
class Server {
 public:
  // With a certificate (tests/support.h Pki: "server" is signed by "ca"
  // for 127.0.0.1): https.
  explicit Server(const std::string& cert = "") : tls_(!cert.empty()) {
    routes("{}");
    std::vector<std::string> args;
    if (tls_) args = {Pki::get() / (cert + ".pem"), Pki::get() / (cert + ".key")};
    proc_.start("http_server.py", dir_.path(), args);
  }
  void stop() { proc_.stop(); }
  std::string url(const std::string& path = "") const {
    return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + proc_.port() + path;
  }
  std::string file(const std::string& name) const { return dir_ / name; }
  void routes(const std::string& json) const { write_file(dir_ / "routes.json", json); }
  // The requests received, a JSON object per line.
  std::vector<std::string> requests() const {
    std::vector<std::string> out;
    std::istringstream in(read_file(dir_ / "requests.log"));
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

 private:
  bool tls_ = false;
  TempDir dir_;
  PythonServer proc_;
};

const std::string kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>OIM</title><language>es</language>
<item><title>Costa Rica: la OIM apoya a personas migrantes en Upala</title>
<link>https://example.org/es/upala</link>
<description>&lt;p&gt;Kits de higiene en Upala.&lt;/p&gt;</description>
<pubDate>Wed, 21 Jul 2021 10:00:00 -0600</pubDate></item>
<item><title>Panamá: capacitación sobre trata de personas</title>
<link>https://example.org/es/panama</link>
<description>&lt;p&gt;Funcionarios de tres países participaron.&lt;/p&gt;</description>
<pubDate>Fri, 23 Jul 2021 22:30:00 -0500</pubDate></item>
</channel></rss>
)";

// A spec reading the given [[sources]] keys, July 2021.
std::string spec(const std::string& source_keys, const std::string& select = "") {
  return "title = \"Fetched\"\n\n[[sources]]\n" + source_keys +
         "\n[select]\nperiod = \"2021-07\"\n" + select;
}

// gazette with its own state folder (dir/state/gazette) and no appname set.
Result gazette(const std::string& args, const TempDir& dir, const std::string& env = "") {
  return run(
      "env -u GAZETTE_RELIEFWEB_APPNAME -u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 XDG_STATE_HOME=" +
      shell_quote(dir / "state") + " " + env + " " + kGazette + " " + args);
}

Result list(const TempDir& dir, const std::string& more = "", const std::string& env = "") {
  return gazette("list --as-of 2021-08-01 " + more + " " + shell_quote(dir / "s.toml"), dir, env);
}

int lines(const std::string& s) { return int(std::count(s.begin(), s.end(), '\n')); }

// The cache's one entry (a file under state/http).
std::string cache_file(const TempDir& dir) {
  std::vector<std::string> files;
  for (auto& e : fs::directory_iterator(dir / "state/gazette/http"))
    files.push_back(e.path().string());
  BOOST_TEST_REQUIRE(files.size() == 1u);
  return files[0];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fetched_sources)

BOOST_AUTO_TEST_CASE(fetched_cached_revalidated_served_from_cache_then_refused,
                     *boost::unit_test::label("slow")) {
  Server server;
  write_file(server.file("feed.xml"), kFeed);
  server.routes(R"({"/feed.xml": {"file": "feed.xml", "etag": "\"v1\""}})");
  TempDir dir;
  const std::string url = server.url("/feed.xml");
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\nmax_age = \"36h\"\n"));

  // Fetched, read, cached.
  Result r = list(dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  BOOST_TEST(lines(r.out) == 2);
  BOOST_TEST(r.out.find("\tCR\tes\tCosta Rica: la OIM apoya a personas migrantes en Upala\t" + url +
                        ":3\n") != std::string::npos,
             r.out);
  std::vector<std::string> req = server.requests();
  BOOST_TEST_REQUIRE(req.size() == 1u);
  BOOST_TEST(req[0].find("\"User-Agent\": \"Gazette/" GAZETTE_VERSION "\"") != std::string::npos,
             req[0]);
  BOOST_TEST(req[0].find("If-None-Match") == std::string::npos, req[0]);
  const std::string entry = read_file(cache_file(dir));
  BOOST_TEST(entry.find("etag: \"v1\"\n") != std::string::npos);
  BOOST_TEST(entry.ends_with(kFeed));

  // Revalidated: the server answers 304, the cached body is read (the
  // server's file is now broken, so reading it would fail).
  write_file(server.file("feed.xml"), "<rss><channel>broken");
  const std::string before = r.out;
  r = list(dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == before);
  req = server.requests();
  BOOST_TEST_REQUIRE(req.size() == 2u);
  BOOST_TEST(req[1].find("\"If-None-Match\": \"\\\"v1\\\"\"") != std::string::npos, req[1]);

  // The server fails: the cached copy, younger than max_age, with a warning.
  server.routes(R"({"/feed.xml": {"status": 503, "body": "down"}})");
  r = list(dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == before);
  const std::string warning = dir / "s.toml:3:1: warning: cannot fetch '" + url +
                              "': HTTP 503 Service Unavailable; using the copy fetched at ";
  BOOST_TEST(r.err.starts_with(warning), r.err);

  // --offline: the cache alone (the server would fail).
  r = list(dir, "--offline");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == before);
  BOOST_TEST(r.err == "");

  // The cached copy is older than max_age: refused, exit 75, nothing listed.
  std::string old = read_file(cache_file(dir));
  size_t at = old.find("fetched: ");
  old.replace(at, old.find('\n', at) - at, "fetched: 1000");
  write_file(cache_file(dir), old);
  r = list(dir);
  BOOST_TEST(r.code == 75);
  BOOST_TEST(r.out == "");
  BOOST_TEST(first_line(r.err) ==
                 dir / "s.toml:3:1: error: cannot fetch '" + url +
                     "': HTTP 503 Service Unavailable; the cached copy, fetched at "
                     "1970-01-01T00:16:40Z, is older than max_age (36h); a temporary failure "
                     "(exit 75): run again later",
             r.err);
}

BOOST_AUTO_TEST_CASE(each_failure_has_its_message_and_exit_code, *boost::unit_test::label("slow")) {
  Server server;
  server.routes(R"({
    "/loop": {"status": 302, "location": "/loop"},
    "/file": {"status": 301, "location": "file:///etc/passwd"},
    "/big": {"size": 5000},
    "/hang": {"hang": true},
    "/busy": {"status": 429, "body": "slow down", "headers": {"Retry-After": "120"}},
    "/gone": {"status": 404, "body": "no"}
  })");
  struct Case {
    std::string path, keys;
    int code;
    std::string message;  // after "s.toml:3:1: error: "
  };
  const std::vector<Case> cases{
      {"/loop", "", 1,
       "cannot fetch 'URL': more than 5 redirects (the last to '" + server.url("/loop") + "')"},
      {"/file", "", 1,
       "cannot fetch 'URL': redirected to 'file:///etc/passwd': a redirect must stay on http://"},
      {"/big", "max_bytes = 1000\n", 2, "'URL' is too large: more than 1000 bytes (max_bytes)"},
      {"/hang", "timeout = \"1s\"\n", 75,
       "cannot fetch 'URL': no answer within 1 s (timeout); no cached copy; a temporary failure "
       "(exit 75): run again later"},
      {"/busy", "", 75,
       "cannot fetch 'URL': HTTP 429 Too Many Requests (Retry-After: 120); no cached copy; a "
       "temporary failure (exit 75): run again later"},
      {"/gone", "", 2, "'URL' answered HTTP 404 Not Found"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    const std::string url = server.url(c.path);
    write_file(dir / "s.toml", spec("url = \"" + url + "\"\n" + c.keys));
    Result r = gazette("build --as-of 2021-08-01 -o " + shell_quote(dir / "out") + " " +
                           shell_quote(dir / "s.toml"),
                       dir);
    std::string message = c.message;
    message.replace(message.find("URL"), 3, url);
    BOOST_TEST(r.code == c.code, c.path << ": " << r.err);
    BOOST_TEST(first_line(r.err) == dir / "s.toml:3:1: error: " + message);
    BOOST_TEST(!fs::exists(dir / "out"), c.path);
  }
}

BOOST_AUTO_TEST_CASE(https_trusts_the_sources_ca_file_and_pinned_key_only,
                     *boost::unit_test::label("slow")) {
  Server server("server");  // signed by Pki's "ca", for 127.0.0.1
  write_file(server.file("feed.xml"), kFeed);
  server.routes(R"({"/feed.xml": {"file": "feed.xml"}})");
  TempDir dir;
  const std::string url = server.url("/feed.xml");
  write_file(dir / "certs/ca.pem", read_file(Pki::get() / "ca.pem"));

  // Not among the system's CAs: refused, exit 1.
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\n"));
  Result r = list(dir);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err) ==
                 dir / "s.toml:3:1: error: cannot fetch '" + url +
                     "': TLS: the server's certificate is not trusted (checked against the "
                     "system's CAs): SSL certificate problem: unable to get local issuer "
                     "certificate",
             r.err);
  BOOST_TEST(r.out == "");

  // ca_file, relative to the spec: fetched over https.
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\nca_file = \"certs/ca.pem\"\n"));
  r = list(dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  BOOST_TEST(lines(r.out) == 2);
  BOOST_TEST(server.requests().size() == 1u);

  // ca_file and the server's pinned key: fetched; another key: refused.
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\nca_file = \"certs/ca.pem\"\n" +
                                  "pinned_key = \"" + key_pin(Pki::get() / "server.pem") + "\"\n"));
  r = list(dir);
  BOOST_TEST(r.code == 0, r.err);
  write_file(dir / "s.toml",
             spec("url = \"" + url + "\"\nca_file = \"certs/ca.pem\"\n" + "pinned_key = \"" +
                  key_pin(Pki::get() / "foreign.pem") + "\"\n"));
  r = list(dir);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err) == dir / "s.toml:3:1: error: cannot fetch '" + url +
                                      "': TLS: the server's public key does not match pinned_key");
}

BOOST_AUTO_TEST_CASE(a_certificate_from_another_ca_is_refused_with_ca_file) {
  Server server("foreign");  // signed by "other-ca"
  write_file(server.file("feed.xml"), kFeed);
  server.routes(R"({"/feed.xml": {"file": "feed.xml"}})");
  TempDir dir;
  const std::string url = server.url("/feed.xml");
  write_file(dir / "ca.pem", read_file(Pki::get() / "ca.pem"));
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\nca_file = \"ca.pem\"\n"));
  Result r = list(dir);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(first_line(r.err) ==
                 dir / "s.toml:3:1: error: cannot fetch '" + url +
                     "': TLS: the server's certificate is not trusted (checked against ca_file " +
                     dir /
                         "ca.pem): SSL certificate problem: unable to get local issuer "
                         "certificate",
             r.err);
}

BOOST_AUTO_TEST_CASE(plain_http_is_refused_for_other_hosts) {
  TempDir dir;
  write_file(dir / "s.toml", spec("url = \"http://example.org/feed.xml\"\n"));
  Result r = gazette("check " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir /
                 "s.toml:4:7: error: 'http://example.org/feed.xml' is not https: only loopback "
                 "hosts are fetched over plain http; write https://, or set allow_http = true "
                 "in this [[sources]]");
}

namespace {

std::string report(int id, const std::string& title, const std::string& date,
                   const std::string& iso3) {
  return "{\"id\": \"" + std::to_string(id) + "\", \"fields\": {\"title\": \"" + title +
         "\", \"body-html\": \"<p>" + title + ".</p>\", \"date\": {\"original\": \"" + date +
         "T00:00:00+00:00\"}, \"country\": [{\"iso3\": \"" + iso3 +
         "\"}], \"language\": [{\"code\": \"en\"}], \"url\": \"https://reliefweb.int/report/" +
         std::to_string(id) + "\"}}";
}

std::string page(const std::vector<std::string>& reports) {
  std::string data;
  for (const auto& r : reports) data += (data.empty() ? "" : ", ") + r;
  return "{\"totalCount\": 5, \"count\": " + std::to_string(reports.size()) + ", \"data\": [" +
         data + "]}";
}

// Five reports in three pages of two (the API's limit as page_size).
void serve_reliefweb(const Server& server) {
  write_file(server.file("p0.json"),
             page({report(1, "Costa Rica flood response", "2021-07-02", "cri"),
                   report(2, "Panama border update", "2021-07-05", "pan")}));
  write_file(server.file("p1.json"),
             page({report(3, "Costa Rica shelter report", "2021-07-11", "cri"),
                   report(4, "Panama migrant flows", "2021-07-19", "pan")}));
  write_file(server.file("p2.json"),
             page({report(5, "Costa Rica school reopening", "2021-07-30", "cri")}));
  server.routes(R"({"/v2/reports": {"reliefweb": {"appname": "test-app",
                   "pages": ["p0.json", "p1.json", "p2.json"]}}})");
}

std::string reliefweb_keys(const Server& server) {
  return "reliefweb = { appname = \"spec-app\", base_url = \"" + server.url("/v2") +
         "\", page_size = 2 }\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(reliefweb_api_query_and_three_pages, *boost::unit_test::label("slow")) {
  Server server;
  serve_reliefweb(server);
  TempDir dir;
  write_file(dir / "s.toml", spec(reliefweb_keys(server), "countries = [\"CR\", \"Panama\"]\n"));
  // The environment's appname wins over the spec's.
  Result r = list(dir, "", "GAZETTE_RELIEFWEB_APPNAME=test-app");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  BOOST_TEST(r.out == "2021-07-02\tCR\ten\tCosta Rica flood response\t" +
                          server.url("/v2/reports") +
                          "#offset=0:1\n"
                          "2021-07-05\tPA\ten\tPanama border update\t" +
                          server.url("/v2/reports") +
                          "#offset=0:1\n"
                          "2021-07-11\tCR\ten\tCosta Rica shelter report\t" +
                          server.url("/v2/reports") +
                          "#offset=2:1\n"
                          "2021-07-19\tPA\ten\tPanama migrant flows\t" +
                          server.url("/v2/reports") +
                          "#offset=2:1\n"
                          "2021-07-30\tCR\ten\tCosta Rica school reopening\t" +
                          server.url("/v2/reports") + "#offset=4:1\n");
  std::vector<std::string> req = server.requests();
  BOOST_TEST_REQUIRE(req.size() == 3u);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(req[i].find("\"method\": \"POST\", \"path\": \"/v2/reports?appname=test-app\"") !=
                   std::string::npos,
               req[i]);
    BOOST_TEST(req[i].find("\"Content-Type\": \"application/json\"") != std::string::npos, req[i]);
  }
  // The query: the period a day wider on each side, the countries as ISO3,
  // full reports, two a page, in date order.
  const std::string query =
      "{\\\"filter\\\":{\\\"conditions\\\":[{\\\"field\\\":\\\"date.original\\\",\\\"value\\\":{"
      "\\\"from\\\":\\\"2021-06-30T00:00:00+00:00\\\",\\\"to\\\":\\\"2021-08-01T23:59:59+00:00\\\"}"
      "},"
      "{\\\"field\\\":\\\"country.iso3\\\",\\\"operator\\\":\\\"OR\\\",\\\"value\\\":[\\\"cri\\\","
      "\\\"pan\\\"]}],\\\"operator\\\":\\\"AND\\\"},\\\"limit\\\":2,\\\"offset\\\":";
  for (int i = 0; i < 3; ++i)
    BOOST_TEST(req[i].find("\"body\": \"" + query + std::to_string(2 * i) +
                           ",\\\"profile\\\":\\\"full\\\",\\\"sort\\\":[\\\"date.original:asc\\\","
                           "\\\"id:asc\\\"]}\"") != std::string::npos,
               req[i]);
}

BOOST_AUTO_TEST_CASE(reliefweb_403_says_what_the_appname_is) {
  Server server;
  serve_reliefweb(server);
  TempDir dir;
  write_file(dir / "s.toml", spec(reliefweb_keys(server)));
  Result r = list(dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir /
                 "s.toml:4:13: error: ReliefWeb refused the query (HTTP 403 Forbidden): the "
                 "API accepts only a pre-approved appname, from GAZETTE_RELIEFWEB_APPNAME or "
                 "reliefweb.appname; see https://apidoc.reliefweb.int/parameters#appname");
  // Without any appname, check says so without fetching.
  write_file(dir / "s.toml", spec("reliefweb = { base_url = \"" + server.url("/v2") + "\" }\n"));
  r = gazette("check --as-of 2021-08-01 " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir /
                 "s.toml:4:13: error: the ReliefWeb API needs an appname: set "
                 "GAZETTE_RELIEFWEB_APPNAME or reliefweb.appname; ReliefWeb approves appnames "
                 "beforehand; see https://apidoc.reliefweb.int/parameters#appname");
  BOOST_TEST(server.requests().size() == 1u);  // the 403 only
}

BOOST_AUTO_TEST_CASE(check_fetches_nothing_and_fetch_fills_the_cache) {
  Server server;
  write_file(server.file("feed.xml"), kFeed);
  server.routes(R"({"/feed.xml": {"file": "feed.xml"}})");
  TempDir dir;
  write_file(dir / "s.toml", spec("url = \"" + server.url("/feed.xml") + "\"\n"));
  Result r = gazette("check " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(server.requests().empty());
  r = gazette("fetch " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out == "");
  BOOST_TEST(server.requests().size() == 1u);
  server.stop();
  r = list(dir, "--offline");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(lines(r.out) == 2);
}

BOOST_AUTO_TEST_CASE(record_then_replay_with_the_server_stopped_gives_the_same_pdf,
                     *boost::unit_test::label("slow")) {
  Server server;
  write_file(server.file("feed.xml"), kFeed);
  serve_reliefweb(server);
  server.routes(R"({"/feed.xml": {"file": "feed.xml", "etag": "\"e1\""},
                    "/v2/reports": {"reliefweb": {"appname": "spec-app",
                    "pages": ["p0.json", "p1.json", "p2.json"]}}})");
  TempDir dir;
  write_file(dir / "s.toml", spec("url = \"" + server.url("/feed.xml") + "\"\n\n[[sources]]\n" +
                                  reliefweb_keys(server)));
  Result r =
      gazette("build --jobs 2 --as-of 2021-08-01 -o " + shell_quote(dir / "a") + " --record " +
                  shell_quote(dir / "rec") + " " + shell_quote(dir / "s.toml"),
              dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string manifest = read_file(dir / "rec/manifest.tsv");
  BOOST_TEST(lines(manifest) == 5);  // a header, the feed, three pages
  BOOST_TEST(manifest.find(server.url("/feed.xml") + "\t") != std::string::npos, manifest);
  BOOST_TEST(manifest.find("\t\"e1\"\t") != std::string::npos, manifest);
  server.stop();
  r = gazette("build --as-of 2021-08-01 -o " + shell_quote(dir / "b") + " --replay " +
                  shell_quote(dir / "rec") + " " + shell_quote(dir / "s.toml"),
              dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string a = read_file(dir / "a/all-2021-07.pdf"),
                    b = read_file(dir / "b/all-2021-07.pdf");
  BOOST_TEST(a.size() > 1000u);
  BOOST_TEST((a == b));
}

namespace {

std::string bulletin(const std::string& date, const std::string& title, const std::string& cc) {
  return "+++\ndate = " + date + "\ntitle = \"" + title + "\"\nlang = \"en\"\ncountries = [\"" +
         cc + "\"]\n+++\n\n" + title + ", in a paragraph.\n";
}

// An index at /idx/index.txt listing three bulletin files: relative,
// in a sub-folder, and absolute; one listed twice, comments and blank lines.
void serve_index(const Server& server) {
  write_file(server.file("a.md"), bulletin("2021-07-02", "Costa Rica flood response", "CR"));
  write_file(server.file("b.md"), bulletin("2021-07-09", "Panama border update", "PA"));
  write_file(server.file("c.md"), bulletin("2021-07-20", "Costa Rica shelter report", "CR"));
  write_file(server.file("index.txt"), "# Bulletins of July 2021\n\na.md\n  sub/b.md  \n" +
                                           server.url("/c.md") + "\n./a.md\n");
  server.routes(R"({"/idx/index.txt": {"file": "index.txt", "etag": "\"i1\""},
                    "/idx/a.md": {"file": "a.md", "etag": "\"a1\""},
                    "/idx/sub/b.md": {"file": "b.md",
                                      "last_modified": "Sun, 01 Aug 2021 00:00:00 GMT"},
                    "/c.md": {"file": "c.md", "etag": "\"c1\""}})");
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_index_of_bulletin_files_is_fetched_cached_revalidated_and_replayed,
                     *boost::unit_test::label("slow")) {
  Server server;
  serve_index(server);
  TempDir dir;
  const std::string index = server.url("/idx/index.txt");
  write_file(dir / "s.toml", spec("url = \"" + index + "\"\nformat = \"index\"\n"));
  Result r = list(dir, "--jobs 2");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  BOOST_TEST(r.out == "2021-07-02\tCR\ten\tCosta Rica flood response\t" + server.url("/idx/a.md") +
                          ":1\n"
                          "2021-07-09\tPA\ten\tPanama border update\t" +
                          server.url("/idx/sub/b.md") +
                          ":1\n"
                          "2021-07-20\tCR\ten\tCosta Rica shelter report\t" +
                          server.url("/c.md") + ":1\n");
  std::vector<std::string> req = server.requests();
  BOOST_TEST_REQUIRE(req.size() == 4u);  // the index, then each file once
  BOOST_TEST(req[0].find("\"path\": \"/idx/index.txt\"") != std::string::npos, req[0]);
  for (const std::string& q : req)
    BOOST_TEST(q.find("\"User-Agent\": \"Gazette/" GAZETTE_VERSION "\"") != std::string::npos, q);
  BOOST_TEST(std::distance(fs::directory_iterator(dir / "state/gazette/http"),
                           fs::directory_iterator()) == 4);

  // Again: each revalidated (304), the cached bodies read.
  const std::string before = r.out;
  r = list(dir, "--jobs 2");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == before);
  req = server.requests();
  BOOST_TEST_REQUIRE(req.size() == 8u);
  for (size_t i = 4; i < 8; ++i)
    BOOST_TEST((req[i].find("\"If-None-Match\"") != std::string::npos ||
                req[i].find("\"If-Modified-Since\": \"Sun, 01 Aug 2021 00:00:00 GMT\"") !=
                    std::string::npos),
               req[i]);

  // Recorded, then replayed with the server stopped: the same PDF.
  r = gazette("build --as-of 2021-08-01 -o " + shell_quote(dir / "a") + " --record " +
                  shell_quote(dir / "rec") + " " + shell_quote(dir / "s.toml"),
              dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(lines(read_file(dir / "rec/manifest.tsv")) == 5);  // a header, the index, 3 files
  server.stop();
  r = gazette("build --as-of 2021-08-01 -o " + shell_quote(dir / "b") + " --replay " +
                  shell_quote(dir / "rec") + " " + shell_quote(dir / "s.toml"),
              dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string a = read_file(dir / "a/all-2021-07.pdf"),
                    b = read_file(dir / "b/all-2021-07.pdf");
  BOOST_TEST(a.size() > 1000u);
  BOOST_TEST((a == b));
}

BOOST_AUTO_TEST_CASE(index_entries_of_another_scheme_or_missing_are_errors_at_their_line,
                     *boost::unit_test::label("slow")) {
  Server server;
  serve_index(server);
  TempDir dir;
  const std::string index = server.url("/idx/index.txt");
  write_file(dir / "s.toml", spec("url = \"" + index + "\"\nformat = \"index\"\n"));
  // No validators for the index, so that each run reads its new text.
  server.routes(R"({"/idx/index.txt": {"file": "index.txt"}, "/idx/a.md": {"file": "a.md"}})");

  write_file(server.file("index.txt"), "a.md\n\n  file:///etc/passwd\n");
  Result r = list(dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == index +
                                      ":3:3: error: 'file:///etc/passwd' is not http://: an "
                                      "index lists only URLs of its own scheme");
  BOOST_TEST(r.out == "");

  write_file(server.file("index.txt"), "a.md\nmissing.md\n");
  r = list(dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == index + ":2:1: error: '" + server.url("/idx/missing.md") +
                                      "' answered HTTP 404 Not Found");
  BOOST_TEST(r.out == "");

  // on_bad_bulletin = "skip": left out with a warning, the rest read.
  write_file(dir / "s.toml",
             spec("url = \"" + index + "\"\nformat = \"index\"\non_bad_bulletin = \"skip\"\n"));
  r = list(dir);
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.err == index + ":2:1: warning: '" + server.url("/idx/missing.md") +
                          "' answered HTTP 404 Not Found (skipped: on_bad_bulletin = \"skip\")\n",
             r.err);
  BOOST_TEST(lines(r.out) == 1);

  // An index is fetched: a local path cannot be one.
  write_file(dir / "s.toml", spec("path = \"index.txt\"\nformat = \"index\"\n"));
  r = gazette("check " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) ==
             dir /
                 "s.toml:5:10: error: format 'index' is for sources with 'url'; an index lists "
                 "the URLs of bulletin files to fetch; a folder of them is format 'bulletin'");
}

BOOST_AUTO_TEST_CASE(a_short_retry_after_is_waited_on_and_asked_once_more,
                     *boost::unit_test::label("slow")) {
  Server server;
  write_file(server.file("feed.xml"), kFeed);
  server.routes(R"({
    "/feed.xml": {"file": "feed.xml",
                  "first": {"status": 429, "body": "slow down", "headers": {"Retry-After": "1"}}},
    "/down": {"status": 503, "body": "down", "headers": {"Retry-After": "1"}}
  })");
  TempDir dir;
  write_file(dir / "s.toml", spec("url = \"" + server.url("/feed.xml") + "\"\n"));
  Result r = list(dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  BOOST_TEST(lines(r.out) == 2);
  BOOST_TEST(server.requests().size() == 2u);

  // Still 503 after the wait: a temporary failure, asked twice only.
  const std::string url = server.url("/down");
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\n"));
  r = list(dir);
  BOOST_TEST(r.code == 75);
  BOOST_TEST(first_line(r.err) ==
             dir / "s.toml:3:1: error: cannot fetch '" + url +
                 "': HTTP 503 Service Unavailable (Retry-After: 1), again after waiting 1 s; no "
                 "cached copy; a temporary failure (exit 75): run again later");
  BOOST_TEST(server.requests().size() == 4u);
}

BOOST_AUTO_TEST_CASE(entries_unused_for_30_days_are_pruned_and_offline_warns_when_stale,
                     *boost::unit_test::label("slow")) {
  Server server;
  write_file(server.file("feed.xml"), kFeed);
  server.routes(R"({"/feed.xml": {"file": "feed.xml"}})");
  TempDir dir;
  const std::string url = server.url("/feed.xml");
  write_file(dir / "s.toml", spec("url = \"" + url + "\"\n"));
  Result r = gazette("fetch " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  server.stop();
  const std::string entry = cache_file(dir);

  // The copy is older than max_age: --offline reads it, with a warning.
  std::string old = read_file(entry);
  size_t at = old.find("fetched: ");
  old.replace(at, old.find('\n', at) - at, "fetched: 1000");
  write_file(entry, old);
  // Neither used for 40 days: an entry of another spec, and this one.
  const std::string other = dir / "state/gazette/http/0123abcd";
  write_file(other, "gazette http cache 1\n");
  const auto forty_days_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 40);
  fs::last_write_time(other, forty_days_ago);
  fs::last_write_time(entry, forty_days_ago);
  r = list(dir, "--offline");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(lines(r.out) == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml:3:1: warning: the cached copy of '" + url +
                                      "', fetched at 1970-01-01T00:16:40Z, is older than max_age "
                                      "(36h) (--offline)");
  BOOST_TEST(r.err.find("error") == std::string::npos, r.err);
  // This run used one: kept; the other is removed.
  BOOST_TEST(fs::exists(entry));
  BOOST_TEST(!fs::exists(other));
  BOOST_TEST((fs::last_write_time(entry) > forty_days_ago + std::chrono::hours(24 * 39)));
}

BOOST_AUTO_TEST_SUITE_END()
