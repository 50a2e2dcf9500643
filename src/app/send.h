// Sending a variant's email to each recipient with the delivery journal,
// over the SMTP set-up the plan settled (plan/mail.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/variants.h"
#include "base/report.h"
#include "deliver/smtp.h"
#include "deliver/state.h"
#include "deliver/token_command.h"
#include "plan/mail.h"
#include "plan/world.h"

namespace gz {

// Sends the messages of a run, in variant order.
class Sender {
 public:
  Sender(const Options& opts, const World& world, Journal& journal, std::vector<int> delays_ms,
         int timeout_s, Reporter& reporter)
      : opts_(opts),
        world_(world),
        journal_(journal),
        delays_(std::move(delays_ms)),
        timeout_s_(timeout_s),
        reporter_(reporter) {}

  // Sends message to each recipient of v the journal has no "sent" (or
  // "uncertain") line for under key (delivery_key); returns the exit code.
  // For each recipient it takes the journal's lock, re-reads the journal,
  // and appends and flushes a "sending" line before the server sees the
  // message (deliver/state.h). A failure of the server itself (TLS, login,
  // connection), any temporary failure and any uncertain delivery mean
  // the server is not used again in this run: the rest is counted and
  // reported once by report_skipped(). Throws Failure (exit 1) when the
  // journal cannot be written.
  int send(const Variant& v, const std::string& message, const std::string& key);
  // One line per server that was left alone, counting what was not tried.
  void report_skipped();

  // What makes a server's SMTP client: libcurl's (make_curl_smtp) unless a
  // test gives a fake (tests/test_send.cc).
  using ClientFactory = std::function<std::unique_ptr<SmtpClient>(const SmtpServer&)>;
  void set_client_factory(ClientFactory make) { make_client_ = std::move(make); }

 private:
  std::string token_for(const MailPlan& plan);

  const Options& opts_;
  const World& world_;
  Journal& journal_;
  std::vector<int> delays_;
  int timeout_s_;
  Reporter& reporter_;
  std::map<std::vector<std::string>, TokenResult> tokens_;  // per token_command
  std::map<std::string, SmtpOutcome> failed_;               // url + user -> first failure
  std::map<std::string, size_t> skipped_;                   // url -> messages not tried
  std::map<std::string, bool> skipped_temporary_;
  ClientFactory make_client_ = make_curl_smtp;
};

}  // namespace gz
