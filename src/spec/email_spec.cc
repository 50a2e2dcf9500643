// [email]: recipients and server of a spec or variant. Every value that ends
// up in a header is checked here, at its position, so a bad spec never
// reaches the SMTP server.
#include <algorithm>

#include "base/mailbox.h"
#include "spec/toml_reader.h"

namespace gz::spec_detail {
namespace {

void check_mailbox(const Spanned& s, Diagnostics& diags) {
  std::string error;
  if (!parse_mailbox(s.text, &error)) diags.error(s.loc, error);
}

// Values that become header text: a CR or LF would start a new header.
void check_header_text(const Spanned& s, std::string_view key, Diagnostics& diags) {
  if (has_control_chars(s.text))
    diags.error(s.loc, "'" + std::string(key) +
                           "' must not contain line breaks or control "
                           "characters (they would inject mail headers)");
}

// The host of smtp://host:port/..., without brackets around an IPv6 address.
std::string url_host(std::string_view url) {
  std::string_view rest = url.substr(url.find("://") + 3);
  if (size_t at = rest.find('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with("[")) return std::string(rest.substr(1, rest.find(']') - 1));
  return std::string(rest.substr(0, rest.find_first_of(":/")));
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host.starts_with("127.") || host == "::1";
}

void check_url(const Spanned& url, Diagnostics& diags) {
  if (!url.text.starts_with("smtp://") && !url.text.starts_with("smtps://")) {
    diags.error(url.loc, "'url' must start with smtp:// or smtps://, not '" + url.text + "'");
  } else if (url_host(url.text).empty()) {
    diags.error(url.loc, "'url' names no host");
  } else if (url.text.find('@') != std::string::npos) {
    diags.error(url.loc, "'url' must not hold credentials",
                "set GAZETTE_SMTP_USER and GAZETTE_SMTP_PASSWORD, or GAZETTE_SMTP_CREDENTIALS");
  } else if (has_control_chars(url.text)) {
    check_header_text(url, "url", diags);
  }
}

}  // namespace

void read_email(const toml::table& t, Spec& spec, Diagnostics& diags) {
  TableReader r(t, "[email]", spec.file, diags);
  r.reject_unknown_keys(
      {"from", "to", "cc", "bcc", "reply_to", "subject", "url", "tls", "list_unsubscribe"});
  if (!spec.email) spec.email.emplace();
  EmailSpec& e = *spec.email;
  e.loc = r.where();
  if (auto v = r.string("from")) {
    check_mailbox(*v, diags);
    e.from = *v;
  }
  for (auto [key, list] : {std::pair{"to", &e.to}, {"cc", &e.cc}, {"bcc", &e.bcc}}) {
    if (!t.contains(key)) continue;
    *list = r.strings(key);
    for (const auto& m : *list) check_mailbox(m, diags);
  }
  if (auto v = r.string("reply_to")) {
    check_mailbox(*v, diags);
    e.reply_to = *v;
  }
  if (auto v = r.string("subject")) {
    check_header_text(*v, "subject", diags);
    e.subject = *v;
  }
  if (auto v = r.string("list_unsubscribe")) {
    check_header_text(*v, "list_unsubscribe", diags);
    e.list_unsubscribe = *v;
  }
  if (auto v = r.string("url")) {
    check_url(*v, diags);
    e.url = *v;
  }
  if (auto v = r.string("tls")) {
    const std::vector<std::string> modes{"required", "if-available", "off"};
    if (std::find(modes.begin(), modes.end(), v->text) == modes.end()) {
      std::string hint = did_you_mean(v->text, modes);
      if (hint.empty()) hint = "expected 'required', 'if-available' or 'off'";
      diags.error(v->loc, "unknown tls mode '" + v->text + "'", std::move(hint));
    }
    e.tls = *v;
  }
  // Checked once both are known: tls may come before url.
  if (e.tls.text == "off" && !e.url.text.empty() && e.url.text.starts_with("smtp") &&
      !is_loopback(url_host(e.url.text)) && (t.contains("tls") || t.contains("url"))) {
    Location at = t.contains("tls") ? e.tls.loc : e.url.loc;
    diags.error(at,
                "tls = \"off\" is allowed only for a loopback server (127.0.0.1, ::1, "
                "localhost), not '" +
                    url_host(e.url.text) + "'",
                "use \"required\" or \"if-available\"");
  }
}

void check_email(const EmailSpec& e, const Location& where, Diagnostics& diags) {
  if (e.from.text.empty()) diags.error(where, "[email] needs 'from'");
  if (e.url.text.empty()) diags.error(where, "[email] needs 'url' (smtp://host:port)");
  if (e.to.empty() && e.cc.empty() && e.bcc.empty())
    diags.error(where, "[email] needs at least one recipient in 'to', 'cc' or 'bcc'");
}

}  // namespace gz::spec_detail
