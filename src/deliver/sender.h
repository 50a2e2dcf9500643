// Sending a run's messages to each recipient, with the delivery journal:
// never twice, never lost. The SMTP client is an interface (SmtpClient):
// libcurl's in a run, a fake in tests/test_send.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/report.h"
#include "deliver/smtp.h"
#include "deliver/state.h"
#include "deliver/token_command.h"

namespace gz {

// How a message reaches its server: the server, how to log in, and where
// the user and the secret came from (for messages). Made by the plan from
// a spec's [email] and the environment (plan/mail.h); the token of a
// token_command is fetched only when sending.
struct MailPlan {
  SmtpServer server;
  std::string user_from, secret_from;      // where the user and the secret come from
  std::vector<std::string> token_command;  // program (resolved) and arguments
  Location token_loc;
  int token_timeout = 30;
};

// One message of a run, to each of its recipients.
struct Outgoing {
  std::string name;    // the PDF's path in the output folder: in the journal and in messages
  std::string period;  // the period's slug, in the journal
  std::string from;    // the envelope sender (an address)
  std::vector<std::string> recipients;  // addresses, each once
  std::string url;                      // the server as the spec writes it, for messages
  MailPlan mail;
};

struct SenderOptions {
  bool resend = false;           // send even what the journal says was sent (or is uncertain)
  bool verbose = false;          // a line per message sent
  std::vector<int> delays_ms;    // between tries of a temporary failure (send_with_retry)
  int timeout_s = 120;           // SmtpServer::timeout_s
  std::function<int64_t()> now;  // the journal's clock
};

// Sends the messages of a run, in the order given.
class Sender {
 public:
  Sender(SenderOptions opts, Journal& journal, Reporter& reporter)
      : opts_(std::move(opts)), journal_(journal), reporter_(reporter) {}

  // Sends message to each recipient the journal has no "sent" (or
  // "uncertain") line for under key; returns the exit code.
  // For each recipient it takes the journal's lock, re-reads the journal,
  // and appends and flushes a "sending" line before the server sees the
  // message (deliver/state.h). A failure of the server itself (TLS, login,
  // connection), any temporary failure and any uncertain delivery mean
  // the server is not used again in this run: the rest is counted and
  // reported once by report_skipped(). Throws Failure (exit 1) when the
  // journal cannot be written.
  int send(const Outgoing& m, const std::string& message, const std::string& key);
  // One line per server that was left alone, counting what was not tried.
  void report_skipped();

  // What makes a server's SMTP client: libcurl's (make_curl_smtp) unless a
  // test gives a fake (tests/test_send.cc).
  using ClientFactory = std::function<std::unique_ptr<SmtpClient>(const SmtpServer&)>;
  void set_client_factory(ClientFactory make) { make_client_ = std::move(make); }

 private:
  std::string token_for(const MailPlan& plan);

  SenderOptions opts_;
  Journal& journal_;
  Reporter& reporter_;
  std::map<std::vector<std::string>, TokenResult> tokens_;  // per token_command
  std::map<std::string, SmtpOutcome> failed_;               // url + user -> first failure
  std::map<std::string, size_t> skipped_;                   // url -> messages not tried
  std::map<std::string, bool> skipped_temporary_;
  ClientFactory make_client_ = make_curl_smtp;
};

}  // namespace gz
