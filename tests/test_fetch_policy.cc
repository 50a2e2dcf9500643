// The fetching policy (fetch/fetcher.h) with a fake HttpClient: what each
// answer does with the cache, the ReliefWeb paging, and the spec keys of
// fetched sources with their positions.
#include <boost/test/unit_test.hpp>

#include <deque>

#include "fetch/fetcher.h"
#include "support.h"

using namespace gz;
using namespace gz::fetch;
using gz::test::TempDir;

namespace {

// Answers from a script, and keeps the requests.
struct Script {
  std::deque<HttpResponse> answers;
  std::vector<HttpRequest> requests;
};

class FakeClient : public HttpClient {
 public:
  explicit FakeClient(Script& s) : s_(s) {}
  HttpResponse send(const HttpRequest& req) override {
    s_.requests.push_back(req);
    BOOST_TEST_REQUIRE(!s_.answers.empty());
    HttpResponse r = s_.answers.front();
    s_.answers.pop_front();
    if (r.status == 0) throw TransportError{TransportError::Kind::Temporary, "connection refused"};
    return r;
  }

 private:
  Script& s_;
};

SourceSpec url_source(const std::string& url) {
  SourceSpec src;
  src.kind = SourceKind::Url;
  src.url = src.path = url;
  src.loc = {"s.toml", 3, 1};
  return src;
}

Fetched fetch_at(const TempDir& dir, Script& script, const SourceSpec& src, int64_t now) {
  FetchOptions o;
  o.cache_dir = dir / "http";
  o.now = now;
  Fetcher f(o, [&] { return std::make_unique<FakeClient>(script); });
  return f.fetch(src);
}

std::string failure_of(const Fetched& f, int* code) {
  try {
    if (f.failure) std::rethrow_exception(f.failure);
  } catch (const Failure& e) {
    *code = e.code();
    return format_diagnostic(e.diag());
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fetch_policy)

BOOST_AUTO_TEST_CASE(max_age_is_a_strict_bound_on_the_cached_copy) {
  TempDir dir;
  Script script;
  SourceSpec src = url_source("https://example.org/f.xml");
  src.max_age_s = 3600;
  HttpResponse ok;
  ok.status = 200;
  ok.body = "<rss/>";
  ok.last_modified = "Sun, 01 Aug 2021 00:00:00 GMT";
  script.answers = {ok, HttpResponse{}, HttpResponse{}};
  Fetched f = fetch_at(dir, script, src, 1000);
  BOOST_TEST_REQUIRE(!f.failure);
  BOOST_TEST(f.pages.at(0).body == "<rss/>");
  // 3599 s later: the copy, with a warning; the request was conditional.
  f = fetch_at(dir, script, src, 1000 + 3599);
  BOOST_TEST_REQUIRE(!f.failure);
  BOOST_TEST(f.pages.at(0).body == "<rss/>");
  BOOST_TEST(format_diagnostic(f.warnings.items().at(0)) ==
             "s.toml:3:1: warning: cannot fetch 'https://example.org/f.xml': connection refused; "
             "using the copy fetched at 1970-01-01T00:16:40Z");
  BOOST_TEST(script.requests.at(1).headers.at(0) ==
             "If-Modified-Since: Sun, 01 Aug 2021 00:00:00 GMT");
  // 3600 s later: too old, exit 75.
  f = fetch_at(dir, script, src, 1000 + 3600);
  int code = 0;
  BOOST_TEST(failure_of(f, &code) ==
             "s.toml:3:1: error: cannot fetch 'https://example.org/f.xml': connection refused; the "
             "cached copy, fetched at 1970-01-01T00:16:40Z, is older than max_age (1h); a "
             "temporary failure (exit 75): run again later");
  BOOST_TEST(code == 75);
}

BOOST_AUTO_TEST_CASE(a_304_without_a_cached_copy_is_an_error) {
  TempDir dir;
  Script script;
  HttpResponse r;
  r.status = 304;
  script.answers = {r};
  int code = 0;
  BOOST_TEST(failure_of(fetch_at(dir, script, url_source("https://example.org/f"), 5), &code) ==
             "s.toml:3:1: error: 'https://example.org/f' answered HTTP 304 Not Modified, which "
             "Gazette does not read");
  BOOST_TEST(code == 1);
}

BOOST_AUTO_TEST_CASE(reliefweb_pages_until_the_total) {
  TempDir dir;
  Script script;
  for (const char* body :
       {R"({"totalCount": 3, "data": [{}, {}]})", R"({"totalCount": 3, "data": [{}]})"}) {
    HttpResponse r;
    r.status = 200;
    r.body = body;
    script.answers.push_back(r);
  }
  SourceSpec src;
  src.kind = SourceKind::ReliefWebApi;
  src.reliefweb.emplace();
  src.reliefweb->appname = Spanned{"my app", {}};
  src.reliefweb->page_size = 2;
  src.reliefweb->from = "2021-06-30";
  src.reliefweb->to = "2021-08-01";
  src.url = src.path = "https://api.reliefweb.int/v2/reports";
  Fetched f = fetch_at(dir, script, src, 5);
  BOOST_TEST_REQUIRE(!f.failure);
  BOOST_TEST(f.pages.size() == 2u);
  BOOST_TEST(f.pages[1].name == "https://api.reliefweb.int/v2/reports#offset=2");
  BOOST_TEST(script.requests.size() == 2u);
  BOOST_TEST(script.requests[0].url == "https://api.reliefweb.int/v2/reports?appname=my%20app");
  BOOST_TEST(script.requests[0].method == "POST");
  BOOST_TEST(script.requests[1].body.find("\"offset\":2") != std::string::npos,
             script.requests[1].body);
}

BOOST_AUTO_TEST_CASE(retry_after_up_to_the_cap_is_waited_on_once) {
  SourceSpec src = url_source("https://example.org/f.xml");
  HttpResponse busy;
  busy.status = 503;
  HttpResponse ok;
  ok.status = 200;
  ok.body = "<rss/>";
  struct Case {
    std::string retry_after;
    int waited;  // -1: not waited on
  };
  // now is 2021-08-01T00:00:00Z; an HTTP date 30 s later is waited on.
  const int64_t now = 1627776000;
  for (const Case& c : {Case{"30", 30}, Case{"Sun, 01 Aug 2021 00:00:30 GMT", 30}, Case{"31", -1},
                        Case{"Sun, 01 Aug 2021 00:00:31 GMT", -1}, Case{"soon", -1}}) {
    TempDir dir;
    Script script;
    busy.retry_after = c.retry_after;
    script.answers = {busy, ok};
    std::vector<int> sleeps;
    FetchOptions o;
    o.cache_dir = dir / "http";
    o.now = now;
    o.sleep = [&](int s) { sleeps.push_back(s); };
    Fetcher f(o, [&] { return std::make_unique<FakeClient>(script); });
    Fetched got = f.fetch(src);
    if (c.waited >= 0) {
      BOOST_TEST(!got.failure, c.retry_after);
      BOOST_TEST((sleeps == std::vector<int>{c.waited}), c.retry_after);
      BOOST_TEST(script.requests.size() == 2u);
    } else {
      int code = 0;
      BOOST_TEST(failure_of(got, &code) ==
                     "s.toml:3:1: error: cannot fetch 'https://example.org/f.xml': HTTP 503 "
                     "Service Unavailable (Retry-After: " +
                         c.retry_after +
                         "); no cached copy; a temporary failure (exit 75): run again later",
                 c.retry_after);
      BOOST_TEST(code == 75);
      BOOST_TEST(sleeps.empty());
      BOOST_TEST(script.requests.size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_waits_of_a_run_stay_within_its_retry_budget) {
  TempDir dir;
  Script script;
  HttpResponse busy;
  busy.status = 429;
  busy.retry_after = "20";
  HttpResponse ok;
  ok.status = 200;
  ok.body = "<rss/>";
  // The first source waits 20 s and gets its feed; the second would take
  // the run's waiting to 40 s, past the budget of 30: not waited on.
  script.answers = {busy, ok, busy};
  std::vector<int> sleeps;
  FetchOptions o;
  o.cache_dir = dir / "http";
  o.now = 1627776000;
  o.sleep = [&](int s) { sleeps.push_back(s); };
  o.retry_budget_s = 30;
  Fetcher f(o, [&] { return std::make_unique<FakeClient>(script); });
  BOOST_TEST(!f.fetch(url_source("https://example.org/a.xml")).failure);
  int code = 0;
  BOOST_TEST(failure_of(f.fetch(url_source("https://example.org/b.xml")), &code) ==
             "s.toml:3:1: error: cannot fetch 'https://example.org/b.xml': HTTP 429 Too Many "
             "Requests (Retry-After: 20); no cached copy; a temporary failure (exit 75): run "
             "again later");
  BOOST_TEST(code == 75);
  BOOST_TEST((sleeps == std::vector<int>{20}));
  BOOST_TEST(script.requests.size() == 3u);
}

BOOST_AUTO_TEST_CASE(index_lines_resolve_against_the_index_and_keep_its_scheme) {
  const std::string base = "https://example.org/bulletins/2021/index.txt";
  std::vector<IndexEntry> e = parse_index(
      "# July\n\n07/a.md\r\n\t../b.md\n/c.md\nhttps://other.example/d.md?x=1\n07/a.md\n", base,
      false);
  std::vector<std::string> urls;
  for (const auto& x : e) {
    BOOST_TEST(x.where.file == base);
    urls.push_back(x.url + " " + std::to_string(x.where.line) + ":" + std::to_string(x.where.col));
  }
  const std::vector<std::string> want{
      "https://example.org/bulletins/2021/07/a.md 3:1",
      "https://example.org/bulletins/b.md 4:2",
      "https://example.org/c.md 5:1",
      "https://other.example/d.md?x=1 6:1",
  };
  BOOST_TEST(urls == want, boost::test_tools::per_element());
  auto error = [&](const std::string& text, const std::string& index = "https://example.org/i.txt",
                   bool allow_http = false) {
    return test::bad_input_of([&] { parse_index(text, index, allow_http); });
  };
  BOOST_TEST(error("a.md\nhttp://example.org/b.md\n") ==
             "https://example.org/i.txt:2:1: error: 'http://example.org/b.md' is not https://: "
             "an index lists only URLs of its own scheme");
  BOOST_TEST(error("a.md b.md\n") ==
             "https://example.org/i.txt:1:1: error: an index line holds one URL, without spaces "
             "or control characters; see README \"Bulletin-file indexes\"");
  BOOST_TEST(error("https://user:pw@example.org/b.md\n") ==
             "https://example.org/i.txt:1:1: error: 'https://user:pw@example.org/b.md' is not a "
             "URL (or it has a user or password)");
  BOOST_TEST(error("http://example.org/b.md\n", "http://127.0.0.1:8/i.txt") ==
             "http://127.0.0.1:8/i.txt:1:1: error: 'http://example.org/b.md' is not https: only "
             "loopback hosts are fetched over plain http; write https://, or set allow_http = "
             "true in the [[sources]] of the index");
  BOOST_TEST(error("http://example.org/b.md\n", "http://127.0.0.1:8/i.txt", true) == "");
}

BOOST_AUTO_TEST_CASE(spec_keys_of_fetched_sources_are_checked_where_written) {
  Diagnostics d;
  parse_spec(R"(title = "x"
[[sources]]
url = "ftp://example.org/f.xml"
[[sources]]
url = "https://user:pw@example.org/f.xml"
[[sources]]
path = "a.xml"
url = "https://example.org/f.xml"
[[sources]]
url = "https://example.org/f.xml"
max_age = "36 hours"
timeout = "0s"
max_bytes = 0
[[sources]]
path = "a.xml"
max_age = "1h"
[[sources]]
reliefweb = { appnme = "x", page_size = 5000 }
format = "rss"
[select]
period = "2021-07"
)",
             "s.toml", d);
  std::vector<std::string> got;
  for (const auto& i : d.items()) got.push_back(format_diagnostic(i));
  const std::vector<std::string> want{
      "s.toml:3:7: error: 'url' must start with https://, not 'ftp://example.org/f.xml'",
      "s.toml:5:7: error: 'url' must not hold a user or password",
      "s.toml:6:1: error: [[sources]] takes one of 'path', 'url' and 'reliefweb'",
      "s.toml:11:11: error: 'max_age' must be a duration such as \"36h\", \"90m\" or \"2d\", not "
      "'36 hours'",
      "s.toml:12:11: error: 'timeout' must be a duration from \"1s\" to \"1h\", not '0s'",
      "s.toml:13:13: error: 'max_bytes' must be from 1 to 268435456, not 0",
      "s.toml:16:11: error: 'max_age' is for sources with 'url' or 'reliefweb'",
      "s.toml:17:1: error: a 'reliefweb' source is read as format 'reliefweb', not 'rss'",
      "s.toml:18:15: error: unknown key 'appnme' in reliefweb; did you mean 'appname'?",
      "s.toml:18:41: error: 'page_size' must be an integer from 1 to 1000",
  };
  BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
