// Sending a built message over SMTP. Behind a small interface so unit tests
// use a fake and end-to-end tests a real server (libcurl underneath).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gz {

// One SMTP transaction per recipient: each recipient's outcome is known
// (a 550 for one never blocks the others) and the journal records exactly
// who received a message.
struct Envelope {
  std::string from;       // envelope sender address
  std::string recipient;  // one address
};

struct SmtpOutcome {
  enum class Kind { Sent, Temporary, Permanent };
  Kind kind = Kind::Sent;
  std::string reply;  // the server's last reply, or what failed ("connection refused")
};

class SmtpClient {
 public:
  virtual ~SmtpClient() = default;
  virtual SmtpOutcome send(const Envelope& env, std::string_view message) = 0;
};

struct SmtpServer {
  std::string url;             // smtp://host:port or smtps://host:port
  std::string tls;             // "required", "if-available" or "off"
  std::string user, password;  // empty: no authentication
};

// libcurl's SMTP. 4xx replies, refused connections and timeouts are
// Temporary; 5xx replies and TLS or login refusals are Permanent.
std::unique_ptr<SmtpClient> make_curl_smtp(const SmtpServer& server);

// Sends, and after each Temporary failure waits the next of delays_ms (by
// calling sleep, so tests pass one that returns at once) and tries again.
SmtpOutcome send_with_retry(SmtpClient& client, const Envelope& env, std::string_view message,
                            const std::vector<int>& delays_ms,
                            const std::function<void(int ms)>& sleep);

}  // namespace gz
