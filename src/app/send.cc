#include "app/send.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "app/build.h"
#include "app/email.h"
#include "base/limits.h"
#include "base/mailbox.h"
#include "base/utf8.h"
#include "deliver/token_command.h"
#include "select/period.h"

namespace gz {
namespace {

namespace fs = std::filesystem;

struct Secret {
  std::string value, from;
};

// The password: GAZETTE_SMTP_PASSWORD, else the second line of the file
// GAZETTE_SMTP_CREDENTIALS names (whose first line is then the user).
std::optional<Secret> password_of(const World& world, std::optional<Secret>* file_user) {
  if (auto p = world.env("GAZETTE_SMTP_PASSWORD")) return Secret{*p, "GAZETTE_SMTP_PASSWORD"};
  auto file = world.env("GAZETTE_SMTP_CREDENTIALS");
  if (!file) return std::nullopt;
  std::ifstream in(*file);
  if (!in) fail_runtime(*file, "cannot read the SMTP credentials file (GAZETTE_SMTP_CREDENTIALS)");
  std::string user, password;
  if (!std::getline(in, user) || !std::getline(in, password) || user.empty())
    fail({*file, 0, 0},
         "the SMTP credentials file must hold the user on its first line and "
         "the password on its second",
         {}, kExitRuntime);
  std::string from = "the credentials file " + *file;
  *file_user = Secret{user, from};
  return Secret{password, from};
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

MailPlan plan_mail(const EmailSpec& e, const std::string& spec_file, const World& world) {
  MailPlan plan;
  SmtpServer& s = plan.server;
  s.url = e.url.text;
  s.tls = e.tls.text;
  s.ca_file = e.ca_file ? e.ca_path : "";
  for (const Spanned& p : e.pinned_keys) s.pinned_key += (s.pinned_key.empty() ? "" : ";") + p.text;
  plan.token_timeout = e.token_timeout;
  plan.token_loc = e.token_command_loc;

  if (e.auth.text == "none") return plan;  // whatever the environment holds

  // Where each piece could come from; the environment wins over the spec.
  std::optional<Secret> file_user;
  std::optional<Secret> password = password_of(world, &file_user);
  std::optional<Secret> user;
  if (auto u = world.env("GAZETTE_SMTP_USER"))
    user = Secret{*u, "GAZETTE_SMTP_USER"};
  else if (file_user)
    user = file_user;
  else if (e.user)
    user = Secret{e.user->text, "[email] user"};
  std::optional<Secret> token;
  if (auto t = world.env("GAZETTE_SMTP_OAUTH2_TOKEN")) {
    token = Secret{*t, "GAZETTE_SMTP_OAUTH2_TOKEN"};
  } else if (!e.token_command.empty()) {
    // A program named with a '/' is found from the spec's folder, as
    // sources are; a bare name on PATH.
    std::string program = e.token_command[0].text;
    if (program.find('/') != std::string::npos)
      program = (fs::path(spec_file).parent_path() / program).string();
    plan.token_command.push_back(program);
    for (size_t i = 1; i < e.token_command.size(); ++i)
      plan.token_command.push_back(e.token_command[i].text);
    token = Secret{"", "token_command " + quoted(e.token_command[0].text) +
                           " (run when sending, killed after " + std::to_string(e.token_timeout) +
                           " s)"};
  }

  const std::string& mode = e.auth.text;
  Location at = e.auth.loc.line ? e.auth.loc : e.loc;
  if (mode == "xoauth2" || (mode == "auto" && token)) {
    s.auth = SmtpAuth::XOAuth2;
    if (!token)
      fail(at, "auth = \"xoauth2\" needs a token",
           "set GAZETTE_SMTP_OAUTH2_TOKEN, or [email] token_command");
  } else if (mode == "plain" || mode == "login" || (mode == "auto" && password)) {
    s.auth = mode == "plain"   ? SmtpAuth::Plain
             : mode == "login" ? SmtpAuth::Login
                               : SmtpAuth::Password;
    if (!password)
      fail(at, "auth = \"" + mode + "\" needs a password",
           "set GAZETTE_SMTP_PASSWORD, or GAZETTE_SMTP_CREDENTIALS naming a file");
  } else if (user && user->from == "GAZETTE_SMTP_USER") {
    fail({}, "GAZETTE_SMTP_USER is set but no password or token",
         "set GAZETTE_SMTP_PASSWORD (or GAZETTE_SMTP_CREDENTIALS, or GAZETTE_SMTP_OAUTH2_TOKEN) "
         "too, or neither");
  } else if (e.user) {
    fail(e.user->loc, "[email] user " + quoted(e.user->text) + " has no password or token",
         "set GAZETTE_SMTP_PASSWORD, GAZETTE_SMTP_CREDENTIALS, GAZETTE_SMTP_OAUTH2_TOKEN or "
         "[email] token_command");
  }
  if (s.auth == SmtpAuth::None) {
    plan.token_command.clear();
    return plan;
  }
  if (!user)
    fail(at, "logging in needs a user name",
         "set GAZETTE_SMTP_USER, or [email] user (not a secret)");
  s.user = user->value;
  plan.user_from = user->from;
  if (s.auth == SmtpAuth::XOAuth2) {
    s.bearer = token->value;
    plan.secret_from = token->from;
  } else {
    s.password = password->value;
    plan.secret_from = password->from;
    plan.token_command.clear();
  }
  // A password must never cross the network in clear text: opportunistic
  // STARTTLS would send it to a server (or a man in the middle) that
  // offers no STARTTLS.
  if (s.tls == "if-available" && !is_loopback_host(email_url_host(s.url)))
    fail(e.tls.loc,
         "tls = \"if-available\" would log in without TLS to a server that offers no STARTTLS",
         "use tls = \"required\" to log in to " + email_url_host(s.url));
  return plan;
}

std::string describe_mail(const MailPlan& plan) {
  const SmtpServer& s = plan.server;
  bool implicit = s.url.starts_with("smtps://");
  std::string port = email_url_port(s.url);
  if (port.empty()) port = implicit ? "465" : "25";
  std::string out = "  server: " + email_url_host(s.url) + ", port " + port + "\n";
  out += "  tls: ";
  if (implicit) {
    out += "TLS from the start (smtps)";
  } else if (s.tls == "required") {
    out += "STARTTLS, required: nothing is sent if the server does not offer it";
  } else if (s.tls == "if-available") {
    out += "STARTTLS when the server offers it, else clear text";
  } else {
    out += "none (clear text, loopback server)";
  }
  if (implicit || s.tls != "off") {
    out += "; certificate and host name verified against " +
           (s.ca_file.empty() ? std::string("the system's CAs") : "ca_file " + s.ca_file);
    if (!s.pinned_key.empty()) out += "; public key pinned";
  }
  out += "\n  login: ";
  switch (s.auth) {
    case SmtpAuth::None:
      out += "none\n";
      return out;
    case SmtpAuth::Password:
      out += "the best mechanism the server offers";
      break;
    case SmtpAuth::Plain:
      out += "AUTH PLAIN";
      break;
    case SmtpAuth::Login:
      out += "AUTH LOGIN";
      break;
    case SmtpAuth::XOAuth2:
      out += "AUTH XOAUTH2";
      break;
  }
  out += " as " + quoted(s.user) + " (from " + plan.user_from + ")\n";
  out += std::string("  ") + (s.auth == SmtpAuth::XOAuth2 ? "token" : "password") + ": from " +
         plan.secret_from + "\n";
  return out;
}

std::string Sender::token_for(const MailPlan& plan) {
  auto it = tokens_.find(plan.token_command);
  if (it == tokens_.end()) {
    // Once per run and command: the same command gives the same answer,
    // and a hanging one is waited for once, not once per variant.
    it = tokens_
             .emplace(plan.token_command, run_token_command(plan.token_command, plan.token_timeout,
                                                            limits::kMaxTokenBytes))
             .first;
  }
  const TokenResult& t = it->second;
  if (t.kind != TokenResult::Kind::Ok)
    fail(plan.token_loc, "token_command: " + t.error, {},
         t.kind == TokenResult::Kind::TimedOut ? kExitTempFail : kExitRuntime);
  return t.token;
}

namespace {

// Holds the journal's lock for one delivery: no other run (any shard, any
// spec) decides about a message while this one decides and sends it.
class JournalLock {
 public:
  explicit JournalLock(Journal& j) : j_(j) { j_.lock(); }
  ~JournalLock() { j_.unlock(); }
  JournalLock(const JournalLock&) = delete;
  JournalLock& operator=(const JournalLock&) = delete;

 private:
  Journal& j_;
};

}  // namespace

int Sender::send(const Variant& v, const std::string& message, const std::string& key) {
  const EmailSpec& e = *v.spec.email;
  std::optional<MailPlan> plan;
  std::string server_key;
  std::unique_ptr<SmtpClient> client;
  std::string error;
  std::string from = parse_mailbox(e.from.text, &error)->address;  // checked with the spec
  int code = kExitOk;
  std::set<std::string> named;  // in a server failure's message already
  for (const std::string& rcpt : recipients_of(e)) {
    if (named.count(rcpt)) continue;
    Delivery d{v.rel_path, period_slug(v.period), rcpt, key};
    JournalLock held(journal_);  // and the journal re-read
    const DeliveryState state = journal_.state(d);
    if (!opts_.resend && state == DeliveryState::Sent) continue;
    if (!opts_.resend && state == DeliveryState::Uncertain) {
      reporter_.warning(v.rel_path + ": delivery to " + rcpt +
                        " is uncertain (an earlier run got no answer once the message was sent); "
                        "not sent again: --resend sends it, or mark it \"sent\" in " +
                        journal_.path());
      continue;
    }
    if (!plan) {
      plan = plan_mail(e, v.spec.file, world_);
      plan->server.timeout_s = timeout_s_;
      const SmtpServer& s = plan->server;
      server_key = s.url + '\n' + s.tls + '\n' + s.ca_file + '\n' + s.pinned_key + '\n' +
                   std::to_string(int(s.auth)) + '\n' + s.user;
    }
    if (auto f = failed_.find(server_key); f != failed_.end()) {
      ++skipped_[e.url.text];
      skipped_temporary_[e.url.text] = f->second.kind != SmtpOutcome::Kind::Permanent;
      code = worse_exit(
          code, f->second.kind == SmtpOutcome::Kind::Permanent ? kExitRuntime : kExitTempFail);
      continue;
    }
    if (!client) {
      if (!plan->token_command.empty()) plan->server.bearer = token_for(*plan);
      client = make_client_(plan->server);
    }
    // Proven writable, and on disk, before the server sees the message.
    journal_.record(d, "sending", world_.now_unix());
    SmtpOutcome r = send_with_retry(*client, {from, rcpt}, message, delays_, [](int ms) {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    });
    using Stage = SmtpOutcome::Stage;
    const std::string reply = terminal_safe(r.reply);
    if (r.kind == SmtpOutcome::Kind::Sent) {
      journal_.record(d, "sent", world_.now_unix());
      if (opts_.verbose) reporter_.info(verbose_line("sent " + v.rel_path + " to " + rcpt));
      continue;
    }
    if (r.kind == SmtpOutcome::Kind::Uncertain) {
      journal_.record(d, "uncertain", world_.now_unix());
      reporter_.error(v.rel_path + ": no answer from " + e.url.text + " after the message to " +
                      rcpt + " was sent: " + reply +
                      "; it may have been delivered: recorded as uncertain, not sent again "
                      "(--resend sends it)");
      code = worse_exit(code, kExitRuntime);
      r.kind = SmtpOutcome::Kind::Temporary;  // the others: try again next run
      failed_.emplace(server_key, r);
      continue;
    }
    journal_.retract(d);  // surely not delivered: the journal keeps no trace
    if (r.stage != Stage::Recipient && r.stage != Stage::Data) {
      // The server, not the recipient: this variant's other recipients
      // would fail the same way; they are named, not tried.
      std::string list = rcpt;
      const auto all = recipients_of(e);
      for (auto it = std::find(all.begin(), all.end(), rcpt) + 1; it != all.end(); ++it) {
        const DeliveryState st = journal_.state({v.rel_path, period_slug(v.period), *it, key});
        if (opts_.resend || st == DeliveryState::None) {
          list += ", " + *it;
          named.insert(*it);
        }
      }
      reporter_.error(
          v.rel_path + ": cannot send to " + list + " through " + e.url.text + ": " + reply +
          (r.kind == SmtpOutcome::Kind::Temporary ? " (temporary; the next run will try again)"
                                                  : ""));
      code =
          worse_exit(code, r.kind == SmtpOutcome::Kind::Temporary ? kExitTempFail : kExitRuntime);
      failed_.emplace(server_key, r);
    } else if (r.kind == SmtpOutcome::Kind::Temporary) {
      reporter_.error(v.rel_path + ": cannot send to " + rcpt + " through " + e.url.text + ": " +
                      reply + " (temporary; the next run will try again)");
      code = worse_exit(code, kExitTempFail);
      failed_.emplace(server_key, r);  // an outage costs one message's tries
    } else {
      reporter_.error(v.rel_path + ": " + rcpt + " refused by " + e.url.text + ": " + reply);
      code = worse_exit(code, kExitRuntime);
    }
  }
  return code;
}

void Sender::report_skipped() {
  for (const auto& [url, n] : skipped_)
    reporter_.error(std::to_string(n) + " more messages not sent: " + url +
                    " failed earlier in this run" +
                    (skipped_temporary_[url] ? " (temporary; the next run will try again)" : ""));
}

}  // namespace gz
