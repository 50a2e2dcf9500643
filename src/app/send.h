// Sending a variant's email: the SMTP set-up a spec's [email] and the
// environment give (TLS, login, where each secret comes from), what
// `gazette check` says about it, and sending to each recipient with the
// delivery journal.
#pragma once

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "app/variants.h"
#include "app/world.h"
#include "deliver/smtp.h"
#include "deliver/state.h"
#include "deliver/token_command.h"

namespace gz {

// How a spec's [email] reaches its server. Built from the spec and the
// environment (GAZETTE_SMTP_USER, GAZETTE_SMTP_PASSWORD,
// GAZETTE_SMTP_CREDENTIALS, GAZETTE_SMTP_OAUTH2_TOKEN); the token of a
// token_command is fetched only when sending.
struct MailPlan {
  SmtpServer server;
  std::string user_from, secret_from;      // where the user and the secret come from
  std::vector<std::string> token_command;  // program (resolved) and arguments
  Location token_loc;
  int token_timeout = 30;
};

// Throws Failure at the spec's position when the settings do not fit
// together (exit 2: auth = "plain" without a password, a password over
// tls = "if-available" to a remote server, ...) or the credentials file
// cannot be read (exit 1).
MailPlan plan_mail(const EmailSpec& e, const std::string& spec_file, const World& world);

// What `gazette check` prints: server, port, TLS, login and where the
// secret comes from. Never the secret.
std::string describe_mail(const MailPlan& plan);

// Sends the messages of a run, in variant order.
class Sender {
 public:
  Sender(const Options& opts, const World& world, Journal& journal, std::vector<int> delays_ms,
         std::ostream& err)
      : opts_(opts), world_(world), journal_(journal), delays_(std::move(delays_ms)), err_(err) {}

  // Sends message to each recipient of v not in the journal; returns the
  // exit code. A failure of the server itself (TLS, login, connection) stops
  // the variant's other recipients, and later variants through the same
  // server and user are not tried again in this run: a refused password is
  // sent once, not once per recipient.
  int send(const Variant& v, const std::string& message);

 private:
  std::string token_for(const MailPlan& plan);

  const Options& opts_;
  const World& world_;
  Journal& journal_;
  std::vector<int> delays_;
  std::ostream& err_;
  std::map<std::vector<std::string>, TokenResult> tokens_;  // per token_command
  std::map<std::string, SmtpOutcome> failed_;               // url + user -> first failure
};

}  // namespace gz
