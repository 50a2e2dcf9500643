// Email through a real relay, end to end: STARTTLS and TLS from the start,
// certificate checks, AUTH PLAIN, LOGIN and XOAUTH2 (token_command), and
// what must be refused, against tests/smtp_server.py (Debian's
// python3-aiosmtpd) on 127.0.0.1 with a CA and certificates this test makes
// with openssl. Every run is searched for the password and the token.
#include <signal.h>

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <map>
#include <thread>

#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kSeed = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";
const std::string kPdf = "Central-America-2021-07.pdf";
const std::string kPassword = "pw-Kq8#zX!secret";
// What a shell would change ($HOME, ';', '|'): token_command runs none.
const std::string kToken = "ya29.tok$HOME;x|y-Zz9";

// tests/smtp_server.py with options (see there), stopped at the end.
class Server {
 public:
  explicit Server(const std::vector<std::string>& options) {
    proc_.start("smtp_server.py", dir_.path(), options);
  }
  std::string url(const std::string& scheme = "smtp") const {
    return scheme + "://127.0.0.1:" + proc_.port();
  }
  int count() const {
    int n = 0;
    while (fs::exists(dir_ / (std::to_string(n + 1) + ".env"))) ++n;
    return n;
  }
  std::string get(int n, const std::string& what) const {
    return read_file(dir_ / (std::to_string(n) + "." + what));
  }
  std::string wire() const { return read_file(dir_ / "wire.log"); }
  std::string auth_log() const { return read_file(dir_ / "auth.log"); }
  // Every byte the client sent before TLS started.
  std::string clear_text() const {
    std::string out, w = wire();
    for (size_t at = 0; (at = w.find("clear: ", at)) != std::string::npos; at += 7)
      out += w.substr(at + 7, w.find("tls: ", at) - at - 7);
    return out;
  }

 private:
  TempDir dir_;
  PythonServer proc_;
};

std::vector<std::string> starttls(const std::string& cert = "server") {
  const Pki& pki = Pki::get();
  return {"--tls", "starttls", "--cert", pki / (cert + ".pem"), "--key", pki / (cert + ".key")};
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<std::string> kLogin{"--user", "digest", "--password", kPassword};

// The spec: one variant (Central America, July 2021) for `to`, through url.
std::string spec(const std::string& url, const std::string& email_keys,
                 const std::string& to = "\"a@example.org\"") {
  return "title = \"Digest\"\n[[sources]]\npath = \"" + kSeed +
         "\"\nlang = \"en\"\n[select]\nperiod = \"2021-07\"\nregions = [\"013\"]\n"
         "[email]\nfrom = \"digest@gazette.example\"\nto = [" +
         to + "]\nurl = \"" + url + "\"\n" + email_keys;
}

std::string ca_file() { return "ca_file = \"" + Pki::get() / "ca.pem" + "\"\n"; }

// Runs gazette with none of the user's SMTP settings, its own state dir,
// retries without waiting, and env (NAME=value ...) added.
Result gazette(const std::string& args, const TempDir& dir, const std::string& env = "") {
  return run(
      "env -u GAZETTE_SMTP_USER -u GAZETTE_SMTP_PASSWORD -u GAZETTE_SMTP_CREDENTIALS "
      "-u GAZETTE_SMTP_OAUTH2_TOKEN -u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 "
      "GAZETTE_SMTP_RETRY_DELAYS=0,0 XDG_STATE_HOME=" +
      shell_quote(dir / "state") + " " + env + " " + kGazette + " " + args);
}

Result send(const TempDir& dir, const std::string& env, const std::string& more = "") {
  return gazette("build --send " + more + " " + shell_quote(dir / "s.toml") + " -o " +
                     shell_quote(dir / "out"),
                 dir, env);
}

const std::string kEnvPassword =
    "GAZETTE_SMTP_USER=digest GAZETTE_SMTP_PASSWORD='" + kPassword + "'";

// Neither the password nor the token, nor their base64 in an AUTH line,
// is in anything Gazette wrote or printed.
void expect_no_secrets(const TempDir& dir, const Result& r) {
  std::map<std::string, std::string> files;
  for (auto& e : fs::recursive_directory_iterator(dir.path()))
    if (e.is_regular_file() && e.path().filename() != "s.toml")
      files[e.path().string()] = read_file(e.path().string());
  files["stderr"] = r.err;
  files["stdout"] = r.out;
  for (const auto& [name, text] : files) {
    for (const std::string& secret :
         {kPassword, kToken, std::string("Kq8#zX"), std::string("tok$HOME")})
      BOOST_TEST(text.find(secret) == std::string::npos, secret << " found in " << name);
  }
}

std::string journal(const TempDir& dir) { return read_file(dir / "state/gazette/journal.tsv"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(email)

BOOST_AUTO_TEST_CASE(starttls_then_auth_plain_and_auth_login_deliver,
                     *boost::unit_test::label("slow")) {
  Server smtp(starttls() + kLogin);
  TempDir dir;
  write_file(dir / "s.toml", spec(smtp.url(), ca_file() + "auth = \"plain\"\n"));
  Result r = send(dir, kEnvPassword, "--verbose");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err.starts_with("gazette: wrote " + dir / "out/" + kPdf), r.err);
  BOOST_TEST(r.err.ends_with(" pages)\ngazette: sent " + kPdf + " to a@example.org\n"), r.err);
  BOOST_TEST_REQUIRE(smtp.count() == 1);
  BOOST_TEST(smtp.get(1, "env") == "digest@gazette.example\na@example.org\n");
  BOOST_TEST(smtp.auth_log() == "PLAIN digest accepted\n");
  // In clear text: only the greeting and STARTTLS.
  BOOST_TEST(smtp.clear_text().find("AUTH") == std::string::npos, smtp.clear_text());
  BOOST_TEST(smtp.clear_text().find("STARTTLS\r\n") != std::string::npos);
  BOOST_TEST(smtp.wire().find("tls: AUTH PLAIN") != std::string::npos);
  BOOST_TEST(journal(dir).find("\ta@example.org\t") != std::string::npos);
  expect_no_secrets(dir, r);

  // AUTH LOGIN, with the credentials from a file, to a second recipient.
  write_file(dir / "credentials", "digest\n" + kPassword + "\n");
  write_file(dir / "s.toml", spec(smtp.url(), ca_file() + "auth = \"login\"\n",
                                  "\"a@example.org\", \"b@example.org\""));
  r = send(dir, "GAZETTE_SMTP_CREDENTIALS=" + shell_quote(dir / "credentials"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  // a@ would read the same message: only b@ gets one (the journal's key is
  // what a recipient reads, not the spec's text).
  BOOST_TEST_REQUIRE(smtp.count() == 2);
  BOOST_TEST(smtp.get(2, "env") == "digest@gazette.example\nb@example.org\n");
  BOOST_TEST(smtp.auth_log() == "PLAIN digest accepted\nLOGIN digest accepted\n");
  fs::remove(dir / "credentials");
  expect_no_secrets(dir, r);
}

BOOST_AUTO_TEST_CASE(tls_from_the_start_on_a_second_port_with_a_pinned_key,
                     *boost::unit_test::label("slow")) {
  const Pki& pki = Pki::get();
  Server smtp(std::vector<std::string>{"--tls", "implicit", "--cert", pki / "server.pem", "--key",
                                       pki / "server.key"} +
              kLogin);
  TempDir dir;
  write_file(dir / "s.toml", spec(smtp.url("smtps"), ca_file() + "pinned_key = \"" +
                                                         key_pin(pki / "server.pem") + "\"\n"));
  Result r = send(dir, kEnvPassword);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(smtp.count() == 1);
  BOOST_TEST(smtp.clear_text() == "");
  BOOST_TEST(smtp.auth_log() == "PLAIN digest accepted\n");  // libcurl's pick of LOGIN, PLAIN
  expect_no_secrets(dir, r);

  // The right CA, the right name, but not the pinned key: refused after the
  // handshake, before a word of SMTP.
  write_file(
      dir / "s.toml",
      spec(smtp.url("smtps"), ca_file() + "pinned_key = \"" + key_pin(pki / "foreign.pem") + "\"\n",
           "\"b@example.org\""));
  r = send(dir, kEnvPassword);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err == "gazette: error: " + kPdf + ": cannot send to b@example.org through " +
                          smtp.url("smtps") +
                          ": TLS: the server's public key does not match pinned_key\n");
  BOOST_TEST(smtp.count() == 1);
  BOOST_TEST(smtp.auth_log() == "PLAIN digest accepted\n");
}

BOOST_AUTO_TEST_CASE(xoauth2_with_a_token_from_token_command_delivers,
                     *boost::unit_test::label("slow")) {
  Server smtp(starttls() + kLogin + std::vector<std::string>{"--token", kToken});
  TempDir dir;
  // printf, found on PATH, with its arguments as written: no shell.
  write_file(dir / "s.toml", spec(smtp.url(), ca_file() +
                                                  "user = \"digest\"\n"
                                                  "token_command = [\"printf\", \"%s\\n\", \"" +
                                                  kToken + "\"]\n"));
  Result r = gazette("check " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == dir / "s.toml" + ": email through " + smtp.url() +
                          "\n"
                          "  server: 127.0.0.1, port " +
                          smtp.url().substr(17) +
                          "\n"
                          "  tls: STARTTLS, required: nothing is sent if the server does not offer "
                          "it; certificate and host name verified against ca_file " +
                          Pki::get() / "ca.pem" +
                          "\n"
                          "  login: AUTH XOAUTH2 as 'digest' (from [email] user)\n"
                          "  token: from token_command 'printf' (run when sending, killed after "
                          "30 s)\n");
  r = send(dir, "");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(smtp.count() == 1);
  BOOST_TEST(smtp.auth_log() == "XOAUTH2 digest accepted\n");
  BOOST_TEST(smtp.clear_text().find("AUTH") == std::string::npos);
  expect_no_secrets(dir, r);
  // --dry-run writes the .eml: no token in it either.
  r = gazette(
      "build --send --dry-run " + shell_quote(dir / "s.toml") + " -o " + shell_quote(dir / "out"),
      dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(fs::exists(dir / "out/Central-America-2021-07.eml"));
  expect_no_secrets(dir, r);

  // A wrong token: refused, once.
  r = send(dir, "GAZETTE_SMTP_OAUTH2_TOKEN=wrong-token", "--resend");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err.find(": login as 'digest': 535 ") != std::string::npos, r.err);
  BOOST_TEST(smtp.auth_log() == "XOAUTH2 digest accepted\nXOAUTH2 digest refused\n");
}

BOOST_AUTO_TEST_CASE(tls_required_and_no_starttls_offered_sends_nothing_not_even_auth,
                     *boost::unit_test::label("slow")) {
  Server smtp(kLogin);  // plain text, offering AUTH PLAIN and LOGIN: bait
  TempDir dir;
  write_file(dir / "s.toml",
             spec(smtp.url(), "tls = \"required\"\n", "\"a@example.org\", \"b@example.org\""));
  Result r = send(dir, kEnvPassword);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err == "gazette: error: " + kPdf +
                          ": cannot send to a@example.org, b@example.org through " + smtp.url() +
                          ": the server does not offer STARTTLS, and tls = \"required\" forbids "
                          "sending without TLS\n");
  std::string wire = smtp.wire();
  BOOST_TEST(wire.find("EHLO") != std::string::npos);   // it did connect
  BOOST_TEST(wire.find("EHLO") == wire.rfind("EHLO"));  // once: b@ was not tried
  BOOST_TEST(wire.find("AUTH") == std::string::npos, wire);
  BOOST_TEST(wire.find("MAIL") == std::string::npos, wire);
  BOOST_TEST(wire.find(kPassword) == std::string::npos);
  BOOST_TEST(smtp.auth_log() == "");
  BOOST_TEST(smtp.count() == 0);
  BOOST_TEST(journal(dir) == "");
  expect_no_secrets(dir, r);
}

BOOST_AUTO_TEST_CASE(certificates_from_another_ca_or_for_another_name_are_refused,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  auto refused = [&](const Server& smtp, const std::string& keys, const std::string& reason) {
    write_file(dir / "s.toml", spec(smtp.url(), keys));
    Result r = send(dir, kEnvPassword);
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err == "gazette: error: " + kPdf + ": cannot send to a@example.org through " +
                            smtp.url() + ": " + reason + "\n");
    BOOST_TEST(smtp.clear_text().find("AUTH") == std::string::npos);
    BOOST_TEST(smtp.auth_log() == "");
    BOOST_TEST(smtp.count() == 0);
  };
  {
    Server smtp(starttls("foreign") + kLogin);
    refused(smtp, ca_file(),
            "TLS: the server's certificate is not trusted (checked against ca_file " +
                Pki::get() / "ca.pem" +
                "): SSL certificate problem: unable to get local issuer certificate");
    // Nor is the test CA in the system's store.
    refused(smtp, "",
            "TLS: the server's certificate is not trusted (checked against the system's CAs): "
            "SSL certificate problem: unable to get local issuer certificate");
  }
  Server smtp(starttls("wrong-host") + kLogin);
  refused(smtp, ca_file(),
          "TLS: the server's certificate is not trusted (checked against ca_file " +
              Pki::get() / "ca.pem" +
              "): SSL: no alternative certificate subject name matches target host name "
              "'127.0.0.1'");
  BOOST_TEST(journal(dir) == "");
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_refused_once_exit_1_journal_untouched,
                     *boost::unit_test::label("slow")) {
  Server smtp(starttls() + kLogin);
  TempDir dir;
  write_file(dir / "s.toml", spec(smtp.url(), ca_file(), "\"a@example.org\", \"b@example.org\""));
  Result r = send(dir, "GAZETTE_SMTP_USER=digest GAZETTE_SMTP_PASSWORD=not-it");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err == "gazette: error: " + kPdf +
                          ": cannot send to a@example.org, b@example.org through " + smtp.url() +
                          ": login as 'digest': 535 5.7.8 Authentication credentials invalid\n");
  BOOST_TEST(smtp.auth_log() == "PLAIN digest refused\n");  // not retried, not per recipient
  BOOST_TEST(smtp.count() == 0);
  BOOST_TEST(journal(dir) == "");

  // A server that quotes the password back: not printed.
  Server echo(starttls() + kLogin +
              std::vector<std::string>{"--auth-reply", "535 5.7.8 '" + kPassword + "' is wrong"});
  write_file(dir / "s.toml", spec(echo.url(), ca_file()));
  r = send(dir, kEnvPassword);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err == "gazette: error: " + kPdf + ": cannot send to a@example.org through " +
                          echo.url() + ": login as 'digest': 535 5.7.8 '(secret)' is wrong\n");
  expect_no_secrets(dir, r);
}

BOOST_AUTO_TEST_CASE(a_454_to_auth_is_temporary_exit_75, *boost::unit_test::label("slow")) {
  Server smtp(
      starttls() + kLogin +
      std::vector<std::string>{"--auth-reply", "454 4.7.0 Temporary authentication failure"});
  TempDir dir;
  write_file(dir / "s.toml", spec(smtp.url(), ca_file() + "auth = \"plain\"\n"));
  Result r = send(dir, kEnvPassword);
  BOOST_TEST(r.code == 75);
  BOOST_TEST(r.err == "gazette: error: " + kPdf + ": cannot send to a@example.org through " +
                          smtp.url() +
                          ": login as 'digest': 454 4.7.0 Temporary authentication failure "
                          "(temporary; the next run will try again)\n");
  // Tried, then retried after each of GAZETTE_SMTP_RETRY_DELAYS (0,0).
  BOOST_TEST(smtp.auth_log() == "PLAIN - refused\nPLAIN - refused\nPLAIN - refused\n");
  BOOST_TEST(journal(dir) == "");
  expect_no_secrets(dir, r);
}

BOOST_AUTO_TEST_CASE(a_hanging_token_command_is_killed_at_its_time_limit,
                     *boost::unit_test::label("slow")) {
  Server smtp(starttls() + kLogin + std::vector<std::string>{"--token", kToken});
  TempDir dir;
  // The shell waits for a child: both are killed, as a process group.
  // Two variants (regions) through the same command: it runs once.
  std::string text =
      spec(smtp.url(), ca_file() +
                           "user = \"digest\"\ntoken_timeout = 1\n"
                           "token_command = [\"sh\", \"-c\", \"sleep 30 & echo $! >> " +
                           dir / "pid" + "; wait\"]\n[output]\nsplit_by = [\"region\"]\n");
  text.replace(text.find("[\"013\"]"), 7, "[\"013\", \"005\"]");  // both with bulletins
  write_file(dir / "s.toml", text);
  Result r = send(dir, "");
  BOOST_TEST(r.code == 75);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":15:17: error: token_command: 'sh' did not finish within "
                                      "1 s (token_timeout) and was killed");
  size_t first = r.err.find("did not finish");
  BOOST_TEST(r.err.find("did not finish", first + 1) != std::string::npos);  // both variants
  BOOST_TEST(smtp.wire() == "");                                             // never connected
  BOOST_TEST_REQUIRE(read_file(dir / "pid").find('\n') + 1 == read_file(dir / "pid").size());
  // The sleep is gone (or a zombie about to be reaped by init).
  pid_t pid = std::stoi(read_file(dir / "pid"));
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    gone = stat.empty() || stat.find(") Z ") != std::string::npos;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  BOOST_TEST(gone);
  BOOST_TEST(journal(dir) == "");
}

BOOST_AUTO_TEST_CASE(check_says_how_it_will_log_in_and_refuses_what_does_not_fit) {
  TempDir dir;
  write_file(dir / "s.toml", spec("smtps://mail.example.org",
                                  "pinned_key = [\"sha256//" + std::string(43, 'A') + "=\"]\n"));
  Result r = gazette("check " + shell_quote(dir / "s.toml"), dir, kEnvPassword);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out == dir / "s.toml" +
                          ": email through smtps://mail.example.org\n"
                          "  server: mail.example.org, port 465\n"
                          "  tls: TLS from the start (smtps); certificate and host name verified "
                          "against the system's CAs; public key pinned\n"
                          "  login: the best mechanism the server offers as 'digest' (from "
                          "GAZETTE_SMTP_USER)\n"
                          "  password: from GAZETTE_SMTP_PASSWORD\n");
  expect_no_secrets(dir, r);

  // auth = "plain" without a password.
  write_file(dir / "s.toml", spec("smtp://mail.example.org:587", "auth = \"plain\"\n"));
  r = gazette("check " + shell_quote(dir / "s.toml"), dir, "GAZETTE_SMTP_USER=digest");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":12:8: error: auth = \"plain\" needs a password; set "
                                      "GAZETTE_SMTP_PASSWORD, or GAZETTE_SMTP_CREDENTIALS naming "
                                      "a file");
  // A password where STARTTLS is only opportunistic.
  write_file(dir / "s.toml", spec("smtp://mail.example.org:587", "tls = \"if-available\"\n"));
  r = gazette("check " + shell_quote(dir / "s.toml"), dir, kEnvPassword);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(first_line(r.err) == dir / "s.toml" +
                                      ":12:7: error: tls = \"if-available\" would log in without "
                                      "TLS to a server that offers no STARTTLS; use tls = "
                                      "\"required\" to log in to mail.example.org");
  // No secret, no login: said so.
  r = gazette("check " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out.ends_with("  tls: STARTTLS when the server offers it, else clear text; "
                             "certificate and host name verified against the system's CAs\n"
                             "  login: none\n"),
             r.out);
}

namespace {

// Two bulletin files of July 2021 (one with a URL holding '&', one without)
// and a spec in locale that emails them through the plain server at url.
void html_case(const TempDir& dir, const std::string& url, const std::string& locale,
               const std::string& email_keys) {
  write_file(dir / "b/pa.md",
             "+++\ndate = 2021-07-20\ntitle = \"Panamá & Costa Rica <agree> on routes\"\n"
             "countries = [\"PA\"]\nurl = \"https://example.org/pa?a=1&b=2\"\n+++\n\nText.\n");
  write_file(dir / "b/hn.md",
             "+++\ndate = 2021-07-22\ntitle = \"Honduras without a link\"\n"
             "countries = [\"HN\"]\n+++\n\nText.\n");
  write_file(dir / "s.toml",
             "title = \"Digest <Central> & Co\"\nlocale = \"" + locale +
                 "\"\n[[sources]]\npath = \"b/*.md\"\nlang = \"en\"\n[select]\nperiod = "
                 "\"2021-07\"\nregions = [\"013\"]\n[email]\nfrom = "
                 "\"digest@gazette.example\"\nto = [\"a@example.org\"]\nurl = \"" +
                 url + "\"\ntls = \"off\"\n" + email_keys);
}

// What tests/email_html.py reads in message n of the server.
std::string html_reading(const Server& smtp, int n) {
  TempDir dir;
  write_file(dir / "m.eml", smtp.get(n, "eml"));
  Result r = run("/usr/bin/python3 " +
                 shell_quote(std::string(GAZETTE_SOURCE_DIR) + "/tests/email_html.py") + " " +
                 shell_quote(dir / "m.eml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return r.out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_html_part_lists_every_title_and_link_in_the_report_language,
                     *boost::unit_test::label("slow")) {
  Server smtp(std::vector<std::string>{});
  TempDir dir;
  html_case(dir, smtp.url(), "es",
            "list_unsubscribe = \"https://example.org/leave?u=a%40example.org\"\n");
  Result r = send(dir, "");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST_REQUIRE(smtp.count() == 1);
  BOOST_TEST(
      html_reading(smtp, 1) ==
          "structure: multipart/mixed multipart/alternative text/plain text/html "
          "application/pdf\n"
          "content-language: es\n"
          "list-unsubscribe-post: List-Unsubscribe=One-Click\n"
          "attachment: Digest -Central- & Co Centroamérica 2021-07.pdf\n"
          "html: lang=es dir=None bad=\n"
          "link: https://example.org/pa?a=1&b=2 | Panamá & Costa Rica <agree> on routes\n"
          "text: Digest <Central> & Co Digest <Central> & Co Periodo: julio de 2021 Regiones: "
          "Centroamérica 2 boletines 20 de julio de 2021 — Panamá & Costa Rica <agree> on routes "
          "22 de julio de 2021 — Honduras without a link El resumen va adjunto en PDF.\n",
      html_reading(smtp, 1));
  // The text part is still there, as before.
  BOOST_TEST(smtp.get(1, "body").find("Periodo: julio de 2021") != std::string::npos);

  // English, and a mailto: unsubscribe address: no one-click header.
  Server smtp_en(std::vector<std::string>{});
  TempDir en;
  html_case(en, smtp_en.url(), "en", "list_unsubscribe = \"mailto:leave@example.org\"\n");
  r = send(en, "");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST_REQUIRE(smtp_en.count() == 1);
  BOOST_TEST(
      html_reading(smtp_en, 1) ==
          "structure: multipart/mixed multipart/alternative text/plain text/html "
          "application/pdf\n"
          "content-language: en\n"
          "list-unsubscribe-post: None\n"
          "attachment: Digest -Central- & Co Central America 2021-07.pdf\n"
          "html: lang=en dir=None bad=\n"
          "link: https://example.org/pa?a=1&b=2 | Panamá & Costa Rica <agree> on routes\n"
          "text: Digest <Central> & Co Digest <Central> & Co Period: July 2021 Regions: Central "
          "America 2 bulletins July 20, 2021 — Panamá & Costa Rica <agree> on routes July 22, "
          "2021 — Honduras without a link The digest is attached as a PDF.\n",
      html_reading(smtp_en, 1));

  // Arabic: right to left.
  Server smtp_ar(std::vector<std::string>{});
  TempDir ar;
  html_case(ar, smtp_ar.url(), "ar", "");
  r = send(ar, "");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST_REQUIRE(smtp_ar.count() == 1);
  BOOST_TEST(
      html_reading(smtp_ar, 1) ==
          "structure: multipart/mixed multipart/alternative text/plain text/html "
          "application/pdf\n"
          "content-language: ar\n"
          "list-unsubscribe-post: None\n"
          "attachment: Digest -Central- & Co أمريكا الوسطى 2021-07.pdf\n"
          "html: lang=ar dir=rtl bad=\n"
          "link: https://example.org/pa?a=1&b=2 | Panamá & Costa Rica <agree> on routes\n"
          "text: Digest <Central> & Co Digest <Central> & Co الفترة: يوليو ٢٠٢١ المناطق: أمريكا "
          "الوسطى نشرتان ٢٠ يوليو ٢٠٢١ — Panamá & Costa Rica <agree> on routes ٢٢ يوليو ٢٠٢١ — "
          "Honduras without a link الملخص مرفق بصيغة PDF.\n",
      html_reading(smtp_ar, 1));
}

BOOST_AUTO_TEST_CASE(a_digest_over_max_attachment_mb_is_an_error_and_not_sent,
                     *boost::unit_test::label("slow")) {
  Server smtp(std::vector<std::string>{});
  TempDir dir;
  html_case(dir, smtp.url(), "en", "max_attachment_mb = 0.001\n");
  Result r = send(dir, "");
  const std::string pdf = dir / "out/Central-America-2021-07.pdf";
  BOOST_TEST_REQUIRE(fs::exists(pdf));  // written; only the email is refused
  char size[32];
  std::snprintf(size, sizeof size, "%.1f", double(fs::file_size(pdf)) / 1e6);
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err == pdf + ": error: " + size + " MB is more than max_attachment_mb = 0.001 (" +
                          dir / "s.toml" + ":14:21); not emailed\n",
             r.err);
  BOOST_TEST(smtp.count() == 0);
  // Nothing sent, nothing recorded.
  BOOST_TEST((!fs::exists(dir / "state/gazette/journal.tsv") ||
              journal(dir).find("a@example.org") == std::string::npos));

  // Not a number: at its position, when the spec is read.
  html_case(dir, smtp.url(), "en", "max_attachment_mb = \"ten\"\n");
  r = gazette("check " + shell_quote(dir / "s.toml"), dir);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.starts_with(dir / "s.toml" +
                               ":14:21: error: 'max_attachment_mb' must be a number, not a string"),
             r.err);
  BOOST_TEST(smtp.count() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
