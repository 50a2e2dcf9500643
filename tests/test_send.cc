// deliver/sender.h's Sender against a fake SmtpClient: what is sent to whom,
// retries, a 4xx or a 5xx for one recipient, uncertain deliveries, --resend
// and the journal, without a server (tests/test_schedule.cc and
// tests/test_email.cc run the same against aiosmtpd).
#include <boost/test/unit_test.hpp>

#include <deque>
#include <map>
#include <sstream>

#include "deliver/sender.h"
#include "support.h"

using namespace gz;
using gz::test::TempDir;

namespace {

// Answers each recipient from its script (Sent once the script is empty)
// and records every attempt.
class FakeSmtp : public SmtpClient {
 public:
  SmtpOutcome send(const Envelope& env, std::string_view message) override {
    attempts.push_back(env.recipient);
    BOOST_TEST(env.from == "digest@gazette.example");
    BOOST_TEST(message == "the message");
    auto& script = scripts[env.recipient];
    if (script.empty()) return {};
    SmtpOutcome r = script.front();
    script.pop_front();
    return r;
  }
  std::map<std::string, std::deque<SmtpOutcome>> scripts;
  std::vector<std::string> attempts;
};

using Kind = SmtpOutcome::Kind;
using Stage = SmtpOutcome::Stage;

struct Fixture {
  Fixture() {
    message.name = "d.pdf";
    message.period = "2021-07";
    message.from = "digest@gazette.example";
    message.recipients = {"a@example.org", "b@example.org"};
    message.url = "smtp://127.0.0.1:2525";
    message.mail.server.url = message.url;
    message.mail.server.tls = "off";
  }

  // One run: a new Sender (and journal) over the same state folder.
  int run(bool resend = false) {
    SenderOptions opts;
    opts.resend = resend;
    opts.delays_ms = {0, 0};
    opts.timeout_s = 5;
    opts.now = [] { return int64_t(1625097600); };  // 2021-07-01
    Journal journal(dir.path().string());
    StreamReporter reporter(err);
    Sender sender(opts, journal, reporter);
    sender.set_client_factory([this](const SmtpServer& server) {
      BOOST_TEST(server.url == "smtp://127.0.0.1:2525");
      BOOST_TEST(server.timeout_s == 5);
      return std::unique_ptr<SmtpClient>(new Forward(smtp));
    });
    int code = sender.send(message, "the message", "key-1");
    sender.report_skipped();
    return code;
  }

  DeliveryState state(const std::string& rcpt) {
    Journal journal(dir.path().string());
    journal.lock();
    DeliveryState s = journal.state({"d.pdf", "2021-07", rcpt, "key-1"});
    journal.unlock();
    return s;
  }

  // The Sender owns its client; the script lives here across runs.
  struct Forward : SmtpClient {
    explicit Forward(FakeSmtp& f) : fake(f) {}
    SmtpOutcome send(const Envelope& env, std::string_view message) override {
      return fake.send(env, message);
    }
    FakeSmtp& fake;
  };

  TempDir dir;
  Outgoing message;
  FakeSmtp smtp;
  std::ostringstream err;
};

using Attempts = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(send, Fixture)

BOOST_AUTO_TEST_CASE(each_recipient_gets_one_message_and_the_journal_remembers) {
  BOOST_TEST(run() == kExitOk);
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org", "b@example.org"}),
             boost::test_tools::per_element());
  BOOST_TEST(err.str() == "");
  BOOST_TEST((state("a@example.org") == DeliveryState::Sent));
  BOOST_TEST((state("b@example.org") == DeliveryState::Sent));
  // The next run sends nothing; --resend sends both again.
  BOOST_TEST(run() == kExitOk);
  BOOST_TEST(smtp.attempts.size() == 2u);
  BOOST_TEST(run(true) == kExitOk);
  BOOST_TEST(smtp.attempts.size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_temporary_failure_is_retried_before_it_counts) {
  smtp.scripts["a@example.org"] = {{Kind::Temporary, "451 4.3.0 busy", Stage::Recipient}};
  BOOST_TEST(run() == kExitOk);
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org", "a@example.org", "b@example.org"}),
             boost::test_tools::per_element());
  BOOST_TEST(err.str() == "");
  BOOST_TEST((state("a@example.org") == DeliveryState::Sent));
}

// A 4xx after the retries: exit 75, nothing journalled for the recipient,
// and the server is left alone for the rest of the run.
BOOST_AUTO_TEST_CASE(a_4xx_for_a_recipient_exits_75_and_leaves_the_server_alone) {
  const SmtpOutcome busy{Kind::Temporary, "452 4.2.2 mailbox full", Stage::Recipient};
  smtp.scripts["a@example.org"] = {busy, busy, busy};
  BOOST_TEST(run() == kExitTempFail);
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org", "a@example.org", "a@example.org"}),
             boost::test_tools::per_element());
  BOOST_TEST(err.str() ==
             "gazette: error: d.pdf: cannot send to a@example.org through smtp://127.0.0.1:2525: "
             "452 4.2.2 mailbox full (temporary; the next run will try again)\n"
             "gazette: error: 1 more messages not sent: smtp://127.0.0.1:2525 failed earlier in "
             "this run (temporary; the next run will try again)\n");
  BOOST_TEST((state("a@example.org") == DeliveryState::None));
  BOOST_TEST((state("b@example.org") == DeliveryState::None));
  // The next run sends both.
  err.str("");
  BOOST_TEST(run() == kExitOk);
  BOOST_TEST(smtp.attempts.size() == 5u);
  BOOST_TEST((state("b@example.org") == DeliveryState::Sent));
}

// A 5xx is the recipient's alone: the others are still sent, exit 1.
BOOST_AUTO_TEST_CASE(a_5xx_for_a_recipient_fails_it_alone) {
  smtp.scripts["a@example.org"] = {{Kind::Permanent, "550 5.1.1 No such user", Stage::Recipient}};
  BOOST_TEST(run() == kExitRuntime);
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org", "b@example.org"}),
             boost::test_tools::per_element());
  BOOST_TEST(err.str() ==
             "gazette: error: d.pdf: a@example.org refused by smtp://127.0.0.1:2525: 550 5.1.1 No "
             "such user\n");
  BOOST_TEST((state("a@example.org") == DeliveryState::None));
  BOOST_TEST((state("b@example.org") == DeliveryState::Sent));
}

// The server itself refusing (a failed login) names every recipient once
// and tries none of them.
BOOST_AUTO_TEST_CASE(a_refused_login_names_every_recipient_and_tries_once) {
  smtp.scripts["a@example.org"] = {{Kind::Permanent, "535 5.7.8 bad credentials", Stage::Auth}};
  BOOST_TEST(run() == kExitRuntime);
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org"}), boost::test_tools::per_element());
  BOOST_TEST(err.str() ==
             "gazette: error: d.pdf: cannot send to a@example.org, b@example.org through "
             "smtp://127.0.0.1:2525: 535 5.7.8 bad credentials\n");
}

// No answer after the data: recorded as uncertain, never retried, not sent
// again until --resend.
BOOST_AUTO_TEST_CASE(an_uncertain_delivery_waits_for_resend) {
  smtp.scripts["a@example.org"] = {{Kind::Uncertain, "timeout", Stage::Data}};
  BOOST_TEST(run() == kExitRuntime);
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org"}), boost::test_tools::per_element());
  BOOST_TEST((state("a@example.org") == DeliveryState::Uncertain));
  err.str("");
  BOOST_TEST(run() == kExitOk);  // b only, a warning for a
  BOOST_TEST(smtp.attempts == (Attempts{"a@example.org", "b@example.org"}),
             boost::test_tools::per_element());
  BOOST_TEST(err.str().starts_with("gazette: warning: d.pdf: delivery to a@example.org is "
                                   "uncertain"),
             err.str());
  BOOST_TEST(run(true) == kExitOk);
  BOOST_TEST((state("a@example.org") == DeliveryState::Sent));
}

BOOST_AUTO_TEST_SUITE_END()
