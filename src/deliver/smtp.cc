#include "deliver/smtp.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "deliver/tls.h"

namespace gz {
namespace {

using Stage = SmtpOutcome::Stage;

struct Upload {
  std::string_view data;
  size_t sent = 0;
};

size_t read_message(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t len = std::min(size * n, u->data.size() - u->sent);
  std::memcpy(buf, u->data.data() + u->sent, len);
  u->sent += len;
  return len;
}

// What the server said and how far the transaction went. libcurl reports
// only the reply code; keep the server's last error reply line so messages
// can quote it ("550 5.1.1 <x@y>: no such user"), not the "221 Bye" that
// follows it, and what its EHLO reply offered. Only command names are
// looked at in what is sent: never the lines that carry credentials.
struct Dialogue {
  std::string reply;
  Stage stage = Stage::Connect;
  bool starttls_offered = false;
  bool auth_offered = false;
  std::string mechanisms;  // of the last EHLO reply's AUTH line
  bool needs_auth = false;
  bool data_started = false;   // 354 received: the message data goes out
  bool data_answered = false;  // a reply came after it
};

std::string without_eol(const char* data, size_t size) {
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

int watch(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* d = static_cast<Dialogue*>(user);
  if (type == CURLINFO_HEADER_OUT) {
    std::string line = without_eol(data, std::min<size_t>(size, 16));
    auto is = [&](const char* verb) {
      size_t n = std::strlen(verb);
      return line.compare(0, n, verb) == 0 && (line.size() == n || line[n] == ' ');
    };
    // Within AUTH the client sends base64 lines; only MAIL ends it.
    if (d->stage == Stage::Auth && !is("MAIL")) return 0;
    if (is("EHLO") || is("HELO")) {
      d->stage = Stage::Connect;
      d->starttls_offered = d->auth_offered = false;
      d->mechanisms.clear();
    } else if (is("STARTTLS")) {
      d->stage = Stage::Tls;
    } else if (is("AUTH")) {
      d->stage = Stage::Auth;
    } else if (is("MAIL")) {
      d->stage = Stage::Sender;
    } else if (is("RCPT")) {
      d->stage = Stage::Recipient;
    } else if (is("DATA")) {
      d->stage = Stage::Data;
    }
    return 0;
  }
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line = without_eol(data, size);
  if (d->data_started && !line.empty()) d->data_answered = true;
  if (d->stage == Stage::Data && line.starts_with("354")) d->data_started = true;
  if (line.size() >= 4 && line.starts_with("250")) {
    std::string ext = line.substr(4);
    for (char& c : ext) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (ext == "STARTTLS") d->starttls_offered = true;
    if (ext.starts_with("AUTH ") || ext.starts_with("AUTH=")) {
      d->auth_offered = true;
      d->mechanisms = ext.substr(5);
    }
  }
  if (!line.empty() && (line[0] == '4' || line[0] == '5')) d->reply = line;
  return 0;
}

// Called once connected, TLS set up and logged in, before MAIL FROM: a
// server that offers no AUTH at all is not sent to without logging in
// (libcurl would go on unauthenticated).
int before_mail(void* user, char*, char*, int, int) {
  auto* d = static_cast<Dialogue*>(user);
  return d->needs_auth && !d->auth_offered ? CURL_PREREQFUNC_ABORT : CURL_PREREQFUNC_OK;
}

const char* mechanism_name(SmtpAuth a) {
  switch (a) {
    case SmtpAuth::Plain:
      return "PLAIN";
    case SmtpAuth::Login:
      return "LOGIN";
    case SmtpAuth::XOAuth2:
      return "XOAUTH2";
    case SmtpAuth::None:
    case SmtpAuth::Password:
      break;
  }
  return "";
}

// The text with every occurrence of each secret replaced: a server that
// echoes what it got must not put a password into a message.
std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets) {
    if (s.size() < 4) continue;  // would blank out ordinary words
    for (size_t at; (at = text.find(s)) != std::string::npos;)
      text.replace(at, s.size(), "(secret)");
  }
  return text;
}

class CurlSmtp : public SmtpClient {
 public:
  explicit CurlSmtp(SmtpServer s) : server_(std::move(s)) {}

  SmtpOutcome send(const Envelope& env, std::string_view message) override {
    SmtpOutcome out = attempt(env, message);
    out.reply = redact(std::move(out.reply), {server_.password, server_.bearer});
    return out;
  }

 private:
  SmtpOutcome attempt(const Envelope& env, std::string_view message) {
    CURL* curl = curl_easy_init();
    if (!curl) return {SmtpOutcome::Kind::Temporary, "cannot start libcurl", Stage::Connect};
    Upload up{message};
    Dialogue dialogue;
    dialogue.needs_auth = server_.auth != SmtpAuth::None;
    char errbuf[CURL_ERROR_SIZE] = "";
    std::string from = "<" + env.from + ">", rcpt = "<" + env.recipient + ">";
    curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, server_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.size()));
    // CURLUSESSL_ALL: without STARTTLS in the server's EHLO reply, or after
    // a refused STARTTLS, libcurl stops before AUTH and MAIL FROM.
    long ssl = server_.tls == "off"            ? CURLUSESSL_NONE
               : server_.tls == "if-available" ? CURLUSESSL_TRY
                                               : CURLUSESSL_ALL;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, ssl);
    set_tls_trust(curl, server_.ca_file, server_.pinned_key);
    std::string options;
    if (server_.auth != SmtpAuth::None) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, server_.user.c_str());
      if (server_.auth == SmtpAuth::XOAuth2)
        curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, server_.bearer.c_str());
      else
        curl_easy_setopt(curl, CURLOPT_PASSWORD, server_.password.c_str());
      if (server_.auth != SmtpAuth::Password) {
        options = std::string("AUTH=") + mechanism_name(server_.auth);
        curl_easy_setopt(curl, CURLOPT_LOGIN_OPTIONS, options.c_str());
      }
    }
    curl_easy_setopt(curl, CURLOPT_PREREQFUNCTION, before_mail);
    curl_easy_setopt(curl, CURLOPT_PREREQDATA, &dialogue);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(std::min(30, server_.timeout_s)));
    // A stalled server is a temporary failure, not a hung cron job.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(server_.timeout_s));
    // Waiting for a reply (the one to the message's data above all) is not
    // a transfer: libcurl bounds it by this, 120 s unless set.
    curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, long(server_.timeout_s));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // needed for the debug callback
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, watch);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &dialogue);
    CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpts);
    curl_easy_cleanup(curl);
    const std::string& reply = dialogue.reply;
    if (rc == CURLE_OK) return {SmtpOutcome::Kind::Sent, reply, Stage::Data};
    std::string what = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    Stage stage = dialogue.stage;
    // All of the message went out and no verdict came back: the server may
    // have queued it. Sending it again could deliver it twice.
    if (dialogue.data_started && !dialogue.data_answered && up.sent == message.size())
      return {SmtpOutcome::Kind::Uncertain, what, Stage::Data};
    if (code >= 400 && code < 600) {
      auto kind = code < 500 ? SmtpOutcome::Kind::Temporary : SmtpOutcome::Kind::Permanent;
      std::string text = reply.empty() ? std::to_string(code) : reply;
      if (stage == Stage::Auth) text = "login as '" + server_.user + "': " + text;
      if (stage == Stage::Tls) text = "STARTTLS refused: " + text;
      return {kind, text, stage};
    }
    auto permanent = [&](Stage s, std::string text) {
      return SmtpOutcome{SmtpOutcome::Kind::Permanent, std::move(text), s};
    };
    if (std::string tls = tls_failure(rc, what, server_.ca_file); !tls.empty())
      return permanent(Stage::Tls, tls);
    switch (rc) {
      case CURLE_USE_SSL_FAILED:
        if (!dialogue.starttls_offered)
          return permanent(Stage::Tls,
                           "the server does not offer STARTTLS, and tls = \"required\" forbids "
                           "sending without TLS");
        return permanent(Stage::Tls, "STARTTLS failed: " + what);
      case CURLE_ABORTED_BY_CALLBACK:  // before_mail
        return permanent(Stage::Auth,
                         "the server offers no authentication (no AUTH in its reply to EHLO); "
                         "not sending without logging in");
      case CURLE_LOGIN_DENIED: {
        std::string want = mechanism_name(server_.auth);
        if (!want.empty() &&
            (" " + dialogue.mechanisms + " ").find(" " + want + " ") == std::string::npos)
          return permanent(Stage::Auth,
                           "the server offers AUTH " + dialogue.mechanisms + ", not " + want);
        return permanent(Stage::Auth, "login failed: " + what);
      }
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL:
        return permanent(Stage::Connect, what);
      default:  // refused, timed out, reset, DNS: the next try may work
        return {SmtpOutcome::Kind::Temporary, what, stage};
    }
  }

  SmtpServer server_;
};

}  // namespace

std::unique_ptr<SmtpClient> make_curl_smtp(const SmtpServer& server) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<CurlSmtp>(server);
}

SmtpOutcome send_with_retry(SmtpClient& client, const Envelope& env, std::string_view message,
                            const std::vector<int>& delays_ms,
                            const std::function<void(int ms)>& sleep) {
  SmtpOutcome out = client.send(env, message);
  for (size_t i = 0; i < delays_ms.size() && out.kind == SmtpOutcome::Kind::Temporary; ++i) {
    sleep(delays_ms[i]);
    out = client.send(env, message);
  }
  return out;
}

}  // namespace gz
