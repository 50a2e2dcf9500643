// deliver/: message bytes, hashes, SMTP retries against a fake, the journal.
#include <boost/test/unit_test.hpp>

#include "base/diag.h"
#include "deliver/hash.h"
#include "deliver/message.h"
#include "deliver/smtp.h"
#include "deliver/state.h"
#include "support.h"

using namespace gz;

namespace {

MessageParts sample() {
  MessageParts m;
  m.from = {"Gazette", "digest@gazette.example"};
  m.to = {{"Ana Pérez", "ana@example.org"}, {"", "luis@example.org"}};
  m.subject = "Centroamérica — julio de 2021";
  m.body = "Line one\nLine two\n";
  m.attachment_name = "Centroamérica-2021-07.pdf";
  m.attachment = std::string("%PDF-1.4\n\x01\x02\xff", 13);
  m.date_unix = 1627797600;  // 2021-08-01 06:00 UTC
  m.message_id = "0123abcd@gazette.example";
  return m;
}

// Fails the first `temporary` sends, then accepts.
class FakeSmtp : public SmtpClient {
 public:
  explicit FakeSmtp(int temporary) : temporary_(temporary) {}
  SmtpOutcome send(const Envelope& env, std::string_view message) override {
    ++calls;
    last_recipient = env.recipient;
    last_message = std::string(message);
    if (calls <= temporary_) return {SmtpOutcome::Kind::Temporary, "451 4.3.0 busy"};
    return {SmtpOutcome::Kind::Sent, ""};
  }
  int calls = 0;
  std::string last_recipient, last_message;

 private:
  int temporary_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(deliver)

// The examples of FIPS 180-2 / NIST's SHA-256 test vectors.
BOOST_AUTO_TEST_CASE(sha256_matches_the_standard_vectors) {
  BOOST_TEST(Sha256().hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(Sha256().add("abc").hex() ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(Sha256().add("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex() ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(
      Sha256()
          .add("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmn"
               "opqklmnopqrlmnopqrsmnopqrstnopqrstu")
          .hex() == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  BOOST_TEST(Sha256().add(std::string(1000000, 'a')).hex() ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // The same million, fed in uneven pieces.
  Sha256 pieces;
  for (size_t done = 0, n = 1; done < 1000000; done += n, n = n % 97 + 1)
    pieces.add(std::string(std::min(n, 1000000 - done), 'a'));
  BOOST_TEST(pieces.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  BOOST_TEST(Sha256().add(std::string(1000, 'a')).hex() ==
             "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

// Fields as content hashes use them, with the values Gazette's own SHA-256
// gave before OpenSSL's replaced it: hashes stored by earlier versions
// (built.tsv, the journal) keep their meaning.
BOOST_AUTO_TEST_CASE(sha256_fields_hash_as_before) {
  BOOST_TEST(Sha256().field("ab").field("c").hex() ==
             "430fb1b4ac43316eca81fab27a1930ab8eff8fef6a1dc7903dce44bbc2790dc5");
  BOOST_TEST(Sha256().field("ab").field("c").hex() != Sha256().field("a").field("bc").hex());
  BOOST_TEST(Sha256()
                 .field("Gazette")
                 .field(std::string(200, '\xe9'))
                 .add(std::string(1000000, 'a'))
                 .hex() == "d8f138fb1f40028e96d795d2f485e37e72802c3607eae10846ca32c3759adac3");
}

BOOST_AUTO_TEST_CASE(headers_are_encoded_and_lines_end_with_crlf) {
  std::string m = build_message(sample());
  BOOST_TEST(m.starts_with("Date: Sun, 01 Aug 2021 06:00:00 +0000\r\n"
                           "From: Gazette <digest@gazette.example>\r\n"
                           "To: =?UTF-8?B?QW5hIFDDqXJleg==?= <ana@example.org>,\r\n"
                           " luis@example.org\r\n"
                           "Subject: =?UTF-8?B?Q2VudHJvYW3DqXJpY2Eg4oCUIGp1bGlvIGRlIDIwMjE=?=\r\n"
                           "Message-ID: <0123abcd@gazette.example>\r\n"
                           "MIME-Version: 1.0\r\n"),
             m.substr(0, 400));
  BOOST_TEST(m.find("Content-Disposition: attachment; "
                    "filename*=UTF-8''Centroam%C3%A9rica-2021-07.pdf\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\n" + base64_lines("Line one\r\nLine two\r\n")) != std::string::npos);
  BOOST_TEST(m.find(base64_lines(sample().attachment)) != std::string::npos);
  for (size_t i = m.find('\n'); i != std::string::npos; i = m.find('\n', i + 1))
    BOOST_TEST_REQUIRE(m[i - 1] == '\r');
  BOOST_TEST((build_message(sample()) == m));  // no clock, no randomness
}

BOOST_AUTO_TEST_CASE(long_subjects_fold_into_words_on_character_boundaries) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "é";  // 60 bytes: two words
  std::string e = encode_header_text(subject);
  BOOST_TEST(e == "=?UTF-8?B?" + base64_lines(subject.substr(0, 44)).substr(0, 60) +
                      "?=\r\n =?UTF-8?B?" + base64_lines(subject.substr(44)).substr(0, 24) + "?=");
  BOOST_TEST(encode_header_text("Plain ASCII") == "Plain ASCII");
  BOOST_TEST(encode_header_text("looks =?encoded?=") != "looks =?encoded?=");
  BOOST_TEST(mime_parameter("filename", "a \"b\".pdf") == "filename=\"a \\\"b\\\".pdf\"");
}

BOOST_AUTO_TEST_CASE(a_header_value_with_a_line_break_is_refused) {
  for (auto field : {&MessageParts::subject, &MessageParts::list_unsubscribe}) {
    MessageParts m = sample();
    m.*field = "Digest\r\nBcc: victim@example.org";
    try {
      build_message(m);
      BOOST_FAIL("accepted a CR LF in a header");
    } catch (const Failure& f) {
      BOOST_TEST(f.code() == int(kExitBadInput));
      BOOST_TEST(f.diag().message.find("line break") != std::string::npos);
    }
  }
  MessageParts m = sample();
  m.to[0].display = "Ana\nBcc: x@y";
  BOOST_CHECK_THROW(build_message(m), Failure);
}

BOOST_AUTO_TEST_CASE(mailboxes_parse_or_say_why_not) {
  std::string error;
  auto m = parse_mailbox("\"Gazette, IOM\" <digest@iom.example>", &error);
  BOOST_TEST_REQUIRE(m.has_value());
  BOOST_TEST(m->display == "Gazette, IOM");
  BOOST_TEST(m->domain() == "iom.example");
  BOOST_TEST(!parse_mailbox("no-at-sign", &error));
  BOOST_TEST(error == "'no-at-sign' is not an email address (expected name@domain)");
  BOOST_TEST(!parse_mailbox("a@b\r\nBcc: c@d", &error));
  BOOST_TEST(error == "an email address must not contain line breaks or control characters");
}

BOOST_AUTO_TEST_CASE(temporary_failures_are_retried_after_each_delay) {
  FakeSmtp smtp(2);
  std::vector<int> slept;
  auto r = send_with_retry(smtp, {"a@x", "b@y"}, "msg", {5000, 30000, 120000},
                           [&](int ms) { slept.push_back(ms); });
  BOOST_TEST(int(r.kind) == int(SmtpOutcome::Kind::Sent));
  BOOST_TEST(smtp.calls == 3);
  BOOST_TEST((slept == std::vector<int>{5000, 30000}));
  FakeSmtp down(99);
  slept.clear();
  r = send_with_retry(down, {"a@x", "b@y"}, "msg", {1, 2}, [&](int ms) { slept.push_back(ms); });
  BOOST_TEST(int(r.kind) == int(SmtpOutcome::Kind::Temporary));
  BOOST_TEST(r.reply == "451 4.3.0 busy");
  BOOST_TEST(down.calls == 3);
}

BOOST_AUTO_TEST_CASE(the_journal_remembers_across_runs) {
  gz::test::TempDir dir;
  std::string path = dir / "state/journal.tsv";
  Delivery d{"Central-America-2021-07.pdf", "2021-07", "ana@example.org", "abc"};
  {
    Journal j(path);
    BOOST_TEST(!j.contains(d));
    j.record(d, 1627797600);
    BOOST_TEST(j.contains(d));
  }
  Journal again(path);
  BOOST_TEST(again.contains(d));
  Delivery changed = d;
  changed.hash = "def";  // new content: a new message
  BOOST_TEST(!again.contains(changed));
  // A torn last line (a kill mid-append) is ignored, not an error.
  gz::test::write_file(path, gz::test::read_file(path) + "1627797601\tx.pdf\t2021");
  BOOST_TEST(Journal(path).contains(d));
}

BOOST_AUTO_TEST_SUITE_END()
