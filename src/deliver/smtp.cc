#include "deliver/smtp.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace gz {
namespace {

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

// libcurl reports only the reply code; keep the server's last error reply
// line so messages can quote it ("550 5.1.1 <x@y>: no such user"), not the
// "221 Bye" that follows it.
int keep_reply(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty() && (line[0] == '4' || line[0] == '5')) *static_cast<std::string*>(user) = line;
  return 0;
}

class CurlSmtp : public SmtpClient {
 public:
  explicit CurlSmtp(SmtpServer s) : server_(std::move(s)) {}

  SmtpOutcome send(const Envelope& env, std::string_view message) override {
    CURL* curl = curl_easy_init();
    if (!curl) return {SmtpOutcome::Kind::Temporary, "cannot start libcurl"};
    Upload up{message};
    std::string reply;
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
    long ssl = server_.tls == "off"            ? CURLUSESSL_NONE
               : server_.tls == "if-available" ? CURLUSESSL_TRY
                                               : CURLUSESSL_ALL;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, ssl);
    if (!server_.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, server_.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, server_.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    // A stalled server is a temporary failure, not a hung cron job.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 120L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // needed for the debug callback
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, keep_reply);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &reply);
    CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpts);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK) return {SmtpOutcome::Kind::Sent, reply};
    if (code >= 400 && code < 600) {
      auto kind = code < 500 ? SmtpOutcome::Kind::Temporary : SmtpOutcome::Kind::Permanent;
      return {kind, reply.empty() ? std::to_string(code) : reply};
    }
    std::string what = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    switch (rc) {
      case CURLE_USE_SSL_FAILED:
      case CURLE_LOGIN_DENIED:
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_PEER_FAILED_VERIFICATION:
        return {SmtpOutcome::Kind::Permanent, what};
      default:  // refused, timed out, reset, DNS: the next try may work
        return {SmtpOutcome::Kind::Temporary, what};
    }
  }

 private:
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
