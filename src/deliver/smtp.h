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
  // Uncertain: the whole message was handed over after DATA, then the
  // connection dropped or no final reply came: it may have been delivered.
  // Never retried within a run (README "Email").
  enum class Kind { Sent, Temporary, Permanent, Uncertain };
  // Where the transaction stopped. Only Recipient and Data concern one
  // recipient; the others (connecting, TLS, logging in, MAIL FROM) would
  // fail the same way for every recipient of the server.
  enum class Stage { Connect, Tls, Auth, Sender, Recipient, Data };
  Kind kind = Kind::Sent;
  std::string reply;  // the server's last reply, or what failed ("connection refused")
  Stage stage = Stage::Data;
};

class SmtpClient {
 public:
  virtual ~SmtpClient() = default;
  virtual SmtpOutcome send(const Envelope& env, std::string_view message) = 0;
};

// How to log in (README "Email"). Password: the mechanism libcurl picks
// among those the server offers; Plain, Login: that one only.
enum class SmtpAuth { None, Password, Plain, Login, XOAuth2 };

struct SmtpServer {
  std::string url;         // smtp://host:port (STARTTLS) or smtps://host:port (TLS from the start)
  std::string tls;         // "required", "if-available" or "off"
  std::string ca_file;     // trusted CAs (PEM) instead of the system store; "": the store
  std::string pinned_key;  // "sha256//base64[;sha256//...]": the server's public key must match
  SmtpAuth auth = SmtpAuth::None;
  std::string user, password;  // Password, Plain, Login
  std::string bearer;          // XOAuth2: the OAuth 2.0 access token
  int timeout_s = 120;         // no byte from the server for this long: give up
};

// libcurl's SMTP. The server's certificate and host name are always
// verified. 4xx replies, refused connections and timeouts are Temporary;
// 5xx replies, TLS failures (no STARTTLS offered when it is required, a
// certificate that does not verify, a key that does not match the pin) and
// refused logins are Permanent. Replies and reasons never hold the password
// or the token.
std::unique_ptr<SmtpClient> make_curl_smtp(const SmtpServer& server);

// A connection lost or timed out after the message data was sent (after the
// server's 354) is Uncertain.
//
// Sends, and after each Temporary failure (never after an Uncertain one) waits the next of
// delays_ms (by calling sleep, so tests pass one that returns at once) and tries again.
SmtpOutcome send_with_retry(SmtpClient& client, const Envelope& env, std::string_view message,
                            const std::vector<int>& delays_ms,
                            const std::function<void(int ms)>& sleep);

}  // namespace gz
