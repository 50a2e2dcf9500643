// spec/: the keys of scheduled runs ([output] split_by and on_empty,
// [[variants]], [email]), with exact positions.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "spec/spec.h"

using namespace gz;

namespace {

std::vector<std::string> errors_in(std::string_view text) {
  Diagnostics diags;
  parse_spec(text, "t.toml", diags);
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(format_diagnostic(d));
  return out;
}

constexpr std::string_view kBase = R"(title = "T"
[[sources]]
path = "a.txt"
lang = "en"
[select]
period = "2021-07"
regions = ["013"]
)";

using Lines = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_schedule)

BOOST_AUTO_TEST_CASE(reads_fan_out_and_variants) {
  std::string text = std::string(kBase) + R"([output]
split_by = ["region", "locale"]
on_empty = "skip"
[[variants]]
name = "es"
locale = ["es", "fr"]
[variants.select]
countries = ["GY"]
[[variants]]
title = "Other"
)";
  Diagnostics diags;
  Spec s = parse_spec(text, "t.toml", diags);
  BOOST_TEST(diags.items().empty());
  BOOST_TEST(s.split_by.size() == 2u);
  BOOST_TEST(int(s.on_empty) == int(OnEmpty::Skip));
  BOOST_TEST_REQUIRE(s.variants.size() == 2u);
  const Spec& es = s.variants[0];
  BOOST_TEST(es.variant == "es");
  BOOST_TEST(es.locale.text == "es");
  BOOST_TEST(es.locales.size() == 2u);
  BOOST_TEST(es.regions.size() == 1u);  // kept from the spec
  BOOST_TEST(es.countries.size() == 1u);
  BOOST_TEST(es.countries[0].loc.line == 15);
  BOOST_TEST(s.variants[1].variant == "2");
  BOOST_TEST(s.variants[1].title == "Other");
  BOOST_TEST(s.variants[1].locale.text == "en");
}

BOOST_AUTO_TEST_CASE(reports_bad_fan_out_keys_with_suggestions) {
  std::string text = std::string(kBase) + R"(locale = "en"
[output]
split_by = ["regoin", "locale", "locale"]
on_empty = "skp"
[[variants]]
titel = "x"
)";
  // `locale` after [select] belongs to it: an unknown key there.
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:8:1: error: unknown key 'locale' in [select]",
                        "t.toml:10:13: error: cannot split by 'regoin'; did you mean 'region'?",
                        "t.toml:10:33: error: 'locale' is named twice in split_by",
                        "t.toml:11:12: error: unknown on_empty 'skp'; did you mean 'skip'?",
                        "t.toml:13:1: error: unknown key 'titel' in [[variants]]; did you mean "
                        "'title'?"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(pdf_standards_default_to_both_and_may_be_none) {
  Diagnostics diags;
  Spec s = parse_spec(kBase, "t.toml", diags);
  BOOST_TEST(!diags.has_errors());
  BOOST_TEST((s.pdf_ua && s.pdf_a));
  Spec plain = parse_spec(std::string(kBase) + "[output]\npdf_standards = []\n", "t.toml", diags);
  BOOST_TEST(!diags.has_errors());
  BOOST_TEST((!plain.pdf_ua && !plain.pdf_a));
  Spec ua =
      parse_spec(std::string(kBase) + "[output]\npdf_standards = [\"ua-1\"]\n", "t.toml", diags);
  BOOST_TEST(!diags.has_errors());
  BOOST_TEST((ua.pdf_ua && !ua.pdf_a));
}

BOOST_AUTO_TEST_CASE(reports_unknown_pdf_standards_where_they_are) {
  std::string text = std::string(kBase) + R"([output]
pdf_standards = ["ua-1", "a-2b", "pdf/x", "ua-1"]
)";
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:9:26: error: unknown PDF standard 'a-2b'; did you mean 'a-2a'?",
                        "t.toml:9:34: error: unknown PDF standard 'pdf/x'; expected 'ua-1' or "
                        "'a-2a'",
                        "t.toml:9:43: error: 'ua-1' is named twice in pdf_standards"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_in(std::string(kBase) + "[output]\npdf_standards = \"ua-1\"\n").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_locale_list_needs_split_by_locale) {
  std::string text = "locale = [\"en\", \"es\"]\n" + std::string(kBase);
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:1:11: error: 'locale' names 2 locales but the output is not "
                        "split by locale; add \"locale\" to [output] split_by"}),
             boost::test_tools::per_element());
}

// A placeholder the subject cannot fill is found with the spec (by `check`),
// at its own column, not by the first `build --send`.
BOOST_AUTO_TEST_CASE(subject_placeholders_are_checked_with_the_spec) {
  const std::string email =
      "[email]\nfrom = \"a@b.org\"\nto = [\"c@d.org\"]\nurl = \"smtp://127.0.0.1:25\"\n";
  BOOST_TEST(errors_in(std::string(kBase) + email +
                       "subject = \"Boletín {titel} — {period} {regoin}\"\n") ==
                 (Lines{"t.toml:12:20: error: unknown placeholder '{titel}' in the email subject; "
                        "did you mean 'title'?",
                        "t.toml:12:39: error: unknown placeholder '{regoin}' in the email "
                        "subject; did you mean 'region'?"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      errors_in(std::string(kBase) + email + "subject = \"{title} {period} {region} {locale} {\"\n")
          .empty());
}

BOOST_AUTO_TEST_CASE(reports_email_mistakes_where_they_are) {
  std::string text = std::string(kBase) + R"([email]
from = "digest"
to = ["a@example.org", "b@exa mple.org"]
url = "http://mail.example.org"
tls = "of"
subject = "x\ny"
reply_to = "r@example.org"
)";
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:9:8: error: 'digest' is not an email address (expected "
                        "name@domain)",
                        "t.toml:10:24: error: 'b@exa mple.org' is not an email address (it holds "
                        "' ')",
                        "t.toml:11:7: error: 'url' must start with smtp:// or smtps://, not "
                        "'http://mail.example.org'",
                        "t.toml:12:7: error: unknown tls mode 'of'; did you mean 'off'?",
                        "t.toml:13:11: error: 'subject' must not contain line breaks or control "
                        "characters (they would inject mail headers)"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_in(std::string(kBase) + "[email]\nfrom = \"a@b.org\"\n") ==
                 (Lines{"t.toml:8:1: error: [email] needs 'url' (smtp://host:port)",
                        "t.toml:8:1: error: [email] needs at least one recipient in 'to', 'cc' "
                        "or 'bcc'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_in(std::string(kBase) + "[email]\nfrom = \"a@b.org\"\nto = [\"c@d.org\"]\n"
                                            "url = \"smtp://user:pw@mail.example.org\"\n") ==
                 (Lines{"t.toml:11:7: error: 'url' must not hold credentials; set "
                        "GAZETTE_SMTP_USER and GAZETTE_SMTP_PASSWORD, or "
                        "GAZETTE_SMTP_CREDENTIALS"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_tls_and_login_mistakes_where_they_are) {
  std::string head = std::string(kBase) + "[email]\nfrom = \"a@b.org\"\nto = [\"c@d.org\"]\n";
  std::string text = head + R"(url = "smtp://mail.example.org:465"
auth = "oauth2"
pinned_key = ["sha256//abc", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]
token_timeout = 0
user = "x\ny"
)";
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:11:7: error: port 465 speaks TLS from the start, not STARTTLS; "
                        "write smtps://mail.example.org:465",
                        "t.toml:12:8: error: unknown auth method 'oauth2'; did you mean "
                        "'xoauth2'?",
                        "t.toml:13:15: error: 'pinned_key' must be sha256// and the base64 of a "
                        "SHA-256 digest; see README \"Email\" for the openssl command that prints "
                        "it",
                        "t.toml:14:17: error: 'token_timeout' must be from 1 to 600 seconds, "
                        "not 0",
                        "t.toml:15:8: error: 'user' must not contain line breaks or control "
                        "characters (they would inject mail headers)"}),
             boost::test_tools::per_element());
  text = head + R"(url = "smtps://mail.example.org:587"
)";
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:11:7: error: port 587 speaks STARTTLS, not TLS from the start; "
                        "write smtp://mail.example.org:587"}),
             boost::test_tools::per_element());
  text = head + R"(url = "smtps://127.0.0.1"
tls = "off"
auth = "plain"
token_command = ["get-token"]
)";
  BOOST_TEST(errors_in(text) ==
                 (Lines{"t.toml:12:7: error: tls = \"off\" contradicts an smtps:// url, which "
                        "always uses TLS",
                        "t.toml:14:17: error: 'token_command' gives an OAuth 2.0 token, but auth = "
                        "\"plain\"; remove it, or set auth = \"xoauth2\""}),
             boost::test_tools::per_element());
  text = head + R"(url = "smtp://mail.example.org:587"
token_command = []
)";
  BOOST_TEST(errors_in(text) == (Lines{"t.toml:12:17: error: 'token_command' needs a program; "
                                       "write [\"program\", \"argument\", ...]"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
