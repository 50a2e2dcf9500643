#include "deliver/sender.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "base/limits.h"
#include "base/utf8.h"

namespace gz {

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

int Sender::send(const Outgoing& m, const std::string& message, const std::string& key) {
  std::optional<MailPlan> plan;
  std::string server_key;
  std::unique_ptr<SmtpClient> client;
  int code = kExitOk;
  std::set<std::string> named;  // in a server failure's message already
  for (const std::string& rcpt : m.recipients) {
    if (named.count(rcpt)) continue;
    Delivery d{m.name, m.period, rcpt, key};
    JournalLock held(journal_);  // and the journal re-read
    const DeliveryState state = journal_.state(d);
    if (!opts_.resend && state == DeliveryState::Sent) continue;
    if (!opts_.resend && state == DeliveryState::Uncertain) {
      reporter_.warning(m.name + ": delivery to " + rcpt +
                        " is uncertain (an earlier run got no answer once the message was sent); "
                        "not sent again: --resend sends it, or mark it \"sent\" in " +
                        journal_.path());
      continue;
    }
    if (!plan) {
      plan = m.mail;
      plan->server.timeout_s = opts_.timeout_s;
      const SmtpServer& s = plan->server;
      server_key = s.url + '\n' + s.tls + '\n' + s.ca_file + '\n' + s.pinned_key + '\n' +
                   std::to_string(int(s.auth)) + '\n' + s.user;
    }
    if (auto f = failed_.find(server_key); f != failed_.end()) {
      ++skipped_[m.url];
      skipped_temporary_[m.url] = f->second.kind != SmtpOutcome::Kind::Permanent;
      code = worse_exit(
          code, f->second.kind == SmtpOutcome::Kind::Permanent ? kExitRuntime : kExitTempFail);
      continue;
    }
    if (!client) {
      if (!plan->token_command.empty()) plan->server.bearer = token_for(*plan);
      client = make_client_(plan->server);
    }
    // Proven writable, and on disk, before the server sees the message.
    journal_.record(d, "sending", opts_.now());
    SmtpOutcome r = send_with_retry(*client, {m.from, rcpt}, message, opts_.delays_ms, [](int ms) {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    });
    using Stage = SmtpOutcome::Stage;
    const std::string reply = terminal_safe(r.reply);
    if (r.kind == SmtpOutcome::Kind::Sent) {
      journal_.record(d, "sent", opts_.now());
      if (opts_.verbose) reporter_.info(verbose_line("sent " + m.name + " to " + rcpt));
      continue;
    }
    if (r.kind == SmtpOutcome::Kind::Uncertain) {
      journal_.record(d, "uncertain", opts_.now());
      reporter_.error(m.name + ": no answer from " + m.url + " after the message to " + rcpt +
                      " was sent: " + reply +
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
      const auto& all = m.recipients;
      for (auto it = std::find(all.begin(), all.end(), rcpt) + 1; it != all.end(); ++it) {
        const DeliveryState st = journal_.state({m.name, m.period, *it, key});
        if (opts_.resend || st == DeliveryState::None) {
          list += ", " + *it;
          named.insert(*it);
        }
      }
      reporter_.error(m.name + ": cannot send to " + list + " through " + m.url + ": " + reply +
                      (r.kind == SmtpOutcome::Kind::Temporary
                           ? " (temporary; the next run will try again)"
                           : ""));
      code =
          worse_exit(code, r.kind == SmtpOutcome::Kind::Temporary ? kExitTempFail : kExitRuntime);
      failed_.emplace(server_key, r);
    } else if (r.kind == SmtpOutcome::Kind::Temporary) {
      reporter_.error(m.name + ": cannot send to " + rcpt + " through " + m.url + ": " + reply +
                      " (temporary; the next run will try again)");
      code = worse_exit(code, kExitTempFail);
      failed_.emplace(server_key, r);  // an outage costs one message's tries
    } else {
      reporter_.error(m.name + ": " + rcpt + " refused by " + m.url + ": " + reply);
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
