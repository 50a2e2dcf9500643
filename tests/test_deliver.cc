// deliver/: message bytes, hashes, SMTP retries against a fake, the journal.
#include <glib.h>

#include <unistd.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/utf8.h"
#include "deliver/committer.h"
#include "deliver/hash.h"
#include "deliver/message.h"
#include "deliver/output.h"
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

// Every kind of text a message carries: 20 recipients, names in many
// scripts, quotes and commas, a long Arabic subject, an attachment name with
// spaces and accents, binary bytes.
MessageParts international() {
  MessageParts m;
  m.from = {"Oficina Regional — San José", "digest@gazette.example"};
  const char* names[] = {"Ana Pérez",
                         "",
                         "Luis \"Lucho\" Gómez",
                         "Müller, Jörg",
                         "محمد الأحمد",
                         "Zoë",
                         "",
                         "Ingrid Ødegård",
                         "Nguyễn Văn An",
                         "François",
                         "O'Brien",
                         "Παπαδόπουλος",
                         "Иванов",
                         "",
                         "李雷",
                         "Søren (DK)",
                         "Ana",
                         "José María",
                         "a.b",
                         "Émilie"};
  for (int i = 0; i < 20; ++i)
    m.to.push_back({names[i], "reader" + std::to_string(i + 1) + "@example.org"});
  m.cc = {{"Archivo", "archivo@example.org"}};
  m.reply_to = Mailbox{"Édition", "edition@example.org"};
  m.subject =
      "الموجز الشهري لمكتب المنظمة الدولية للهجرة في سان خوسيه — أمريكا الوسطى، يوليو ٢٠٢١، "
      "مع ملخص الأخبار والتقارير";
  m.body = "الموجز الشهري\n\nPeriodo: julio de 2021\nRegiones: Centroamérica\n";
  m.attachment_name = "Résumé mensuel — Amérique centrale 2021-07.pdf";
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 3000; ++i) pdf += char((i * 37 + i / 7) & 0xFF);
  m.attachment = pdf;
  m.date_unix = 1627797600;  // 2021-08-01 06:00 UTC
  m.message_id = "4f2a9c0d1e7b@gazette.example";
  m.list_unsubscribe = "mailto:digest-leave@gazette.example";
  return m;
}

MessageParts bcc_only() {
  MessageParts m = sample();
  m.to.clear();
  m.subject = "Plain subject";
  m.attachment_name = "digest.pdf";
  return m;
}

// What Python's email package (policy default) reads in a message: its
// headers decoded, each part's type, charset, file name and content
// (tests/email_summary.py).
std::string python_reads(const std::string& message) {
  gz::test::TempDir dir;
  gz::test::write_file(dir / "m.eml", message);
  gz::test::Result r = gz::test::run(
      "/usr/bin/python3 " +
      gz::test::shell_quote(std::string(GAZETTE_SOURCE_DIR) + "/tests/email_summary.py") + " " +
      gz::test::shell_quote(dir / "m.eml"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return r.out;
}

// The header block's lines (without CRLF).
std::vector<std::string> header_lines(const std::string& m) {
  std::vector<std::string> out;
  for (size_t i = 0, end; (end = m.find("\r\n", i)) != i; i = end + 2)
    out.push_back(m.substr(i, end - i));
  return out;
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
// A file written piece by piece (a PDF as its pages come) replaces the
// earlier file only when committed; a writer that fails half-way leaves the
// earlier file as it was and no temporary file behind.
BOOST_AUTO_TEST_CASE(an_atomic_file_replaces_the_earlier_one_only_when_committed) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("gazette-atomic-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string path = (dir / "sub" / "digest.pdf").string();
  write_file_atomically(path, "earlier");
  auto read = [&] {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto entries = [&] {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "sub")) ++n;
    return n;
  };
  try {
    AtomicFile file(path);
    file.write("%PDF-1.7\n");
    file.write(std::string(1 << 19, 'x'));  // more than its buffer: on disk already
    BOOST_TEST(entries() == 2u);            // the earlier file and the temporary one
    throw Failure(Diagnostic{}, 1);         // the writer fails before commit
  } catch (const Failure&) {
  }
  BOOST_TEST(read() == "earlier");
  BOOST_TEST(entries() == 1u);
  {
    AtomicFile file(path);
    file.write("new ");
    file.write("bytes");
    BOOST_TEST(file.size() == 9u);
    BOOST_TEST(read() == "earlier");
    file.commit();
  }
  BOOST_TEST(read() == "new bytes");
  BOOST_TEST(entries() == 1u);
  fs::remove_all(dir);
}

// Files handed to a Committer are each in place once their future is ready,
// in any number; one that cannot be renamed fails alone, through its
// future, and leaves the earlier file and no temporary one.
BOOST_AUTO_TEST_CASE(a_committer_commits_each_file_and_fails_only_the_one_that_fails) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("gazette-committer-" + std::to_string(getpid()));
  fs::remove_all(dir);
  constexpr int kFiles = 40;  // more than Committer::kMaxWaiting: commit() waits for room
  std::vector<std::future<void>> done;
  {
    Committer committer;
    for (int i = 0; i < kFiles; ++i) {
      AtomicFile file((dir / (std::to_string(i) + ".pdf")).string());
      if (i == 7) {  // a folder with a file in it took its place since it was opened
        fs::create_directories(dir / "7.pdf");
        test::write_file((dir / "7.pdf" / "x").string(), "x");
      }
      file.write("digest " + std::to_string(i));
      done.push_back(committer.commit(std::move(file)));
    }
    for (int i = 0; i < kFiles; ++i) {
      if (i == 7) {
        try {
          done[i].get();
          BOOST_ERROR("the rename over a folder succeeded");
        } catch (const Failure& f) {
          BOOST_TEST(f.code() == kExitRuntime);
          BOOST_TEST(f.diag().loc.file == (dir / "7.pdf").string());
          BOOST_TEST(f.diag().message.starts_with("cannot rename into place"), f.diag().message);
        }
        continue;
      }
      done[i].get();
      BOOST_TEST(test::read_file((dir / (std::to_string(i) + ".pdf")).string()) ==
                 "digest " + std::to_string(i));
    }
  }
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  BOOST_TEST(entries == size_t(kFiles));  // no temporary file left
  fs::remove_all(dir);
}

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

// What Python's email package read in the messages of the hand-written
// builder (Gazette 0.1.0 before GMime), for the same parts: the messages
// GMime builds must read the same.
const char* kSampleBefore = R"sum(header date: Sun, 01 Aug 2021 06:00:00 +0000
header from: Gazette <digest@gazette.example>
header message-id: <0123abcd@gazette.example>
header subject: Centroamérica — julio de 2021
header to: Ana Pérez <ana@example.org>, luis@example.org
mime-version: 1.0
type: multipart/mixed
part: text/plain charset=utf-8 disposition=None filename=None
  text: 'Line one\r\nLine two\r\n'
part: application/pdf charset=None disposition=attachment filename=Centroamérica-2021-07.pdf
  bytes: 13 sha256 d4ccd4653da0be6091e51548f5e2174ce0aa5f9f3a9f45573ec865b9fb6ab284
)sum";
const char* kInternationalBefore = R"sum(header cc: Archivo <archivo@example.org>
header date: Sun, 01 Aug 2021 06:00:00 +0000
header from: Oficina Regional — San José <digest@gazette.example>
header list-unsubscribe: <mailto:digest-leave@gazette.example>
header message-id: <4f2a9c0d1e7b@gazette.example>
header reply-to: Édition <edition@example.org>
header subject: الموجز الشهري لمكتب المنظمة الدولية للهجرة في سان خوسيه — أمريكا الوسطى، يوليو ٢٠٢١، مع ملخص الأخبار والتقارير
header to: Ana Pérez <reader1@example.org>, reader2@example.org, "Luis \"Lucho\" Gómez" <reader3@example.org>, "Müller, Jörg" <reader4@example.org>, محمد الأحمد <reader5@example.org>, Zoë <reader6@example.org>, reader7@example.org, Ingrid Ødegård <reader8@example.org>, Nguyễn Văn An <reader9@example.org>, François <reader10@example.org>, O'Brien <reader11@example.org>, Παπαδόπουλος <reader12@example.org>, Иванов <reader13@example.org>, reader14@example.org, 李雷 <reader15@example.org>, "Søren (DK)" <reader16@example.org>, Ana <reader17@example.org>, José María <reader18@example.org>, "a.b" <reader19@example.org>, Émilie <reader20@example.org>
mime-version: 1.0
type: multipart/mixed
part: text/plain charset=utf-8 disposition=None filename=None
  text: 'الموجز الشهري\r\n\r\nPeriodo: julio de 2021\r\nRegiones: Centroamérica\r\n'
part: application/pdf charset=None disposition=attachment filename=Résumé mensuel — Amérique centrale 2021-07.pdf
  bytes: 3009 sha256 296563b39793c892b7d1e76c08c5907a84b30afd88916de8487fb00d299b6de2
)sum";
const char* kBccOnlyBefore = R"sum(header date: Sun, 01 Aug 2021 06:00:00 +0000
header from: Gazette <digest@gazette.example>
header message-id: <0123abcd@gazette.example>
header subject: Plain subject
header to: undisclosed-recipients:;
mime-version: 1.0
type: multipart/mixed
part: text/plain charset=utf-8 disposition=None filename=None
  text: 'Line one\r\nLine two\r\n'
part: application/pdf charset=None disposition=attachment filename=digest.pdf
  bytes: 13 sha256 d4ccd4653da0be6091e51548f5e2174ce0aa5f9f3a9f45573ec865b9fb6ab284
)sum";

BOOST_AUTO_TEST_CASE(messages_read_as_they_did_before_gmime, *boost::unit_test::label("slow")) {
  BOOST_TEST(python_reads(build_message(sample())) == kSampleBefore);
  BOOST_TEST(python_reads(build_message(international())) == kInternationalBefore);
  BOOST_TEST(python_reads(build_message(bcc_only())) == kBccOnlyBefore);
}

// With an HTML part: multipart/mixed of multipart/alternative (text, then
// HTML) and the PDF; Content-Language; the one-click header only for an
// https unsubscribe URL.
BOOST_AUTO_TEST_CASE(an_html_part_goes_beside_the_text_and_https_unsubscribe_is_one_click) {
  MessageParts p = sample();
  p.html = "<!DOCTYPE html>\n<html lang=\"es\"><body><p>Línea</p></body></html>\n";
  p.language = "es";
  p.list_unsubscribe = "https://gazette.example/leave?u=1";
  std::string m = build_message(p);
  BOOST_TEST(python_reads(m) == R"sum(header content-language: es
header date: Sun, 01 Aug 2021 06:00:00 +0000
header from: Gazette <digest@gazette.example>
header list-unsubscribe-post: List-Unsubscribe=One-Click
header list-unsubscribe: <https://gazette.example/leave?u=1>
header message-id: <0123abcd@gazette.example>
header subject: Centroamérica — julio de 2021
header to: Ana Pérez <ana@example.org>, luis@example.org
mime-version: 1.0
type: multipart/mixed
part: text/plain charset=utf-8 disposition=None filename=None
  text: 'Line one\r\nLine two\r\n'
part: text/html charset=utf-8 disposition=None filename=None
  text: '<!DOCTYPE html>\r\n<html lang="es"><body><p>Línea</p></body></html>\r\n'
part: application/pdf charset=None disposition=attachment filename=Centroamérica-2021-07.pdf
  bytes: 13 sha256 d4ccd4653da0be6091e51548f5e2174ce0aa5f9f3a9f45573ec865b9fb6ab284
)sum");
  BOOST_TEST(m.find("Content-Type: multipart/alternative; boundary=\"=_gazette_alt_0123abcd\"") !=
             std::string::npos);
  for (size_t i = m.find('\n'); i != std::string::npos; i = m.find('\n', i + 1))
    BOOST_TEST_REQUIRE(m[i - 1] == '\r');
  // A mailto: address (or a bracketed one) is not one-click.
  p.list_unsubscribe = "<mailto:leave@gazette.example>";
  BOOST_TEST(build_message(p).find("List-Unsubscribe-Post") == std::string::npos);
  p.list_unsubscribe = "<https://gazette.example/leave>";
  BOOST_TEST(build_message(p).find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(headers_are_encoded_and_lines_end_with_crlf) {
  std::string m = build_message(sample());
  BOOST_TEST(m.starts_with("Date: Sun, 01 Aug 2021 06:00:00 +0000\r\n"
                           "From: Gazette <digest@gazette.example>\r\n"
                           "To: Ana =?UTF-8?b?UMOpcmV6?= <ana@example.org>, luis@example.org\r\n"
                           "Subject: =?UTF-8?B?Q2VudHJvYW3DqXJpY2Eg4oCU?= julio de 2021\r\n"
                           "Message-ID: <0123abcd@gazette.example>\r\n"
                           "MIME-Version: 1.0\r\n"
                           "Content-Type: multipart/mixed; boundary=\"=_gazette_0123abcd\"\r\n"),
             m.substr(0, 400));
  BOOST_TEST(m.find("Content-Disposition: attachment; "
                    "filename*=UTF-8''Centroam%C3%A9rica-2021-07.pdf\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\nTGluZSBvbmUNCkxpbmUgdHdvDQo=\r\n") != std::string::npos);  // CRLF text
  BOOST_TEST(m.find("\r\nJVBERi0xLjQKAQL/AA==\r\n") != std::string::npos);          // the PDF
  for (size_t i = m.find('\n'); i != std::string::npos; i = m.find('\n', i + 1))
    BOOST_TEST_REQUIRE(m[i - 1] == '\r');
  BOOST_TEST((build_message(sample()) == m));  // no clock, no randomness
  BOOST_TEST((build_message(international()) == build_message(international())));
}

BOOST_AUTO_TEST_CASE(long_headers_fold_into_whole_characters) {
  std::string m = build_message(international());
  std::vector<std::string> lines = header_lines(m);
  BOOST_TEST(lines.size() > 20u);  // To and Subject folded: 12 headers
  for (const std::string& line : lines) {
    BOOST_TEST(line.size() <= 78u, line);
    // Each encoded word decodes to whole UTF-8 characters (RFC 2047 6.3).
    for (size_t at = line.find("=?UTF-8?"); at != std::string::npos;
         at = line.find("=?UTF-8?", at + 1)) {
      size_t start = at + 10, end = line.find("?=", start);
      BOOST_TEST_REQUIRE(end != std::string::npos, line);
      gsize size = 0;
      guchar* bytes = g_base64_decode(line.substr(start, end - start).c_str(), &size);
      BOOST_TEST(utf8_valid(std::string_view(reinterpret_cast<char*>(bytes), size)), line);
      g_free(bytes);
    }
  }
  // A plain subject that looks like an encoded word is read as written.
  MessageParts p = sample();
  p.subject = "looks =?UTF-8?B?QQ==?= encoded";
  p.from.display = "=?UTF-8?B?QQ==?= too";
  std::string read = python_reads(build_message(p));
  BOOST_TEST(read.find("header subject: looks =?UTF-8?B?QQ==?= encoded\n") != std::string::npos,
             read);
  BOOST_TEST(read.find("header from: =?UTF-8?B?QQ==?= too <digest@gazette.example>\n") !=
                 std::string::npos,
             read);
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
  // RFC 5322's syntax, read by GMime: quoted pairs, encoded words, comments.
  struct Good {
    const char* text;
    const char* display;
    const char* address;
  };
  for (const Good& g :
       {Good{"\"Gazette \\\"IOM\\\"\" <a@b.org>", "Gazette \"IOM\"", "a@b.org"},
        Good{"=?UTF-8?B?QW5hIFDDqXJleg==?= <ana@example.org>", "Ana Pérez", "ana@example.org"},
        Good{"  Ana Pérez, OIM   <a@b.org> ", "Ana Pérez, OIM", "a@b.org"},
        Good{"<a@b.org>", "", "a@b.org"}}) {
    auto box = parse_mailbox(g.text, &error);
    BOOST_TEST_REQUIRE(box.has_value(), g.text);
    BOOST_TEST(box->display == g.display);
    BOOST_TEST(box->address == g.address);
  }
  // Nothing GMime would skip or repair is accepted.
  struct Bad {
    const char* text;
    const char* error;
  };
  for (const Bad& b :
       {Bad{"a@b@c.org", "'a@b@c.org' is not an email address (more than one '@')"},
        Bad{"b@exa mple.org", "'b@exa mple.org' is not an email address (it holds ' ')"},
        Bad{"Ana <a@b.org", "'Ana <a@b.org' is not a mailbox (expected Name <name@domain>)"},
        Bad{"Ana <@relay:a@b.org>",
            "'Ana <@relay:a@b.org>' is not a mailbox (expected Name <name@domain>)"},
        Bad{"Ana <a@b.org>, Luis <l@b.org>",
            "'Ana <a@b.org>, Luis <l@b.org>' is not a mailbox (expected Name <name@domain>)"},
        Bad{"team: a@b.org;", "'team: a@b.org;' is not an email address (it holds ':')"},
        Bad{"Ana <a\"b@c.org>",
            "'Ana <a\"b@c.org>' is not a mailbox (expected Name <name@domain>)"}}) {
    BOOST_TEST(!parse_mailbox(b.text, &error), b.text);
    BOOST_TEST(error == b.error);
  }
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
  std::string state = dir / "state";
  Delivery d{"Central-America-2021-07.pdf", "2021-07", "ana@example.org", "abc"};
  {
    Journal j(state);
    j.lock();
    BOOST_TEST(int(j.state(d)) == int(DeliveryState::None));
    j.record(d, "sending", 1627797600);
    BOOST_TEST(int(j.state(d)) == int(DeliveryState::Uncertain));
    j.record(d, "sent", 1627797600);
    BOOST_TEST(int(j.state(d)) == int(DeliveryState::Sent));
    j.unlock();
  }
  Journal again(state);
  again.lock();
  BOOST_TEST(int(again.state(d)) == int(DeliveryState::Sent));
  Delivery changed = d;
  changed.key = "def";  // new content: a new message
  BOOST_TEST(int(again.state(changed)) == int(DeliveryState::None));
  again.unlock();
  // A torn last line (a kill mid-append) is ignored, not an error, and the
  // next line appended starts on a line of its own.
  std::string path = state + "/journal.tsv";
  gz::test::write_file(path, gz::test::read_file(path) + "1627797601\tsending\tx.pdf\t2021");
  Journal torn(state);
  torn.lock();
  BOOST_TEST(int(torn.state(d)) == int(DeliveryState::Sent));
  torn.record(changed, "failed", 1627797602);
  torn.unlock();
  BOOST_TEST(gz::test::read_file(path).ends_with(
      "\tx.pdf\t2021\n1627797602\tfailed\tCentral-America-2021-07.pdf\t2021-07\tana@example.org\t"
      "def\n"));
  Journal after(state);
  after.lock();
  BOOST_TEST(int(after.state(changed)) == int(DeliveryState::None));  // failed: send again
  after.unlock();
}

BOOST_AUTO_TEST_CASE(the_journal_sees_what_another_run_appended_since_it_last_looked) {
  gz::test::TempDir dir;
  Delivery d{"a.pdf", "2021-07", "ana@example.org", "k1"};
  Journal one(dir / "state"), two(dir / "state");
  one.lock();
  one.unlock();
  two.lock();
  two.record(d, "sending", 1);
  two.record(d, "uncertain", 2);
  two.unlock();
  one.lock();  // re-read under the lock
  BOOST_TEST(int(one.state(d)) == int(DeliveryState::Uncertain));
  one.unlock();
}

BOOST_AUTO_TEST_CASE(journal_lines_of_gazette_0_1_count_as_sent_whatever_the_content) {
  gz::test::TempDir dir;
  gz::test::write_file(dir / "state/journal.tsv",
                       "1627797600\ta.pdf\t2021-07\tana@example.org\toldhash\n");
  Journal j(dir / "state");
  j.lock();
  BOOST_TEST(int(j.state({"a.pdf", "2021-07", "ana@example.org", "new"})) ==
             int(DeliveryState::Sent));
  BOOST_TEST(int(j.state({"a.pdf", "2021-08", "ana@example.org", "new"})) ==
             int(DeliveryState::None));
  j.unlock();
}

BOOST_AUTO_TEST_CASE(state_files_that_are_symbolic_links_are_refused_not_followed) {
  gz::test::TempDir dir;
  std::filesystem::create_directories(dir / "state");
  gz::test::write_file(dir / "victim", "precious\n");
  std::filesystem::create_symlink(dir / "victim", dir / "state/journal.lock");
  std::filesystem::create_symlink(dir / "victim", dir / "state/gazette.lock");
  Journal j(dir / "state");
  try {
    j.lock();
    BOOST_FAIL("locked through a symbolic link");
  } catch (const Failure& f) {
    BOOST_TEST(f.code() == int(kExitRuntime));
    BOOST_TEST(format_diagnostic(f.diag()) ==
               dir / "state/journal.lock" +
                   ": error: cannot open the journal lock: it is a symbolic link (refused, not "
                   "followed)");
  }
  RunLock lock;
  std::string holder;
  try {
    lock.acquire(dir / "state/gazette.lock", false, &holder);
    BOOST_FAIL("locked through a symbolic link");
  } catch (const Failure& f) {
    BOOST_TEST(format_diagnostic(f.diag()) ==
               dir / "state/gazette.lock" +
                   ": error: cannot open the lock file: it is a symbolic link (refused, not "
                   "followed)");
  }
  BOOST_TEST(gz::test::read_file(dir / "victim") == "precious\n");  // not truncated
}

BOOST_AUTO_TEST_CASE(an_uncertain_outcome_is_not_retried) {
  class Dropping : public SmtpClient {
   public:
    SmtpOutcome send(const Envelope&, std::string_view) override {
      ++calls;
      return {SmtpOutcome::Kind::Uncertain, "connection lost"};
    }
    int calls = 0;
  } smtp;
  auto r = send_with_retry(smtp, {"a@x", "b@y"}, "msg", {1, 2}, [](int) {});
  BOOST_TEST(int(r.kind) == int(SmtpOutcome::Kind::Uncertain));
  BOOST_TEST(smtp.calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()
