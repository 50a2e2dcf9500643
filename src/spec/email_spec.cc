// [email]: recipients and server of a spec or variant. Every value that ends
// up in a header is checked here, at its position, so a bad spec never
// reaches the SMTP server.
#include <algorithm>
#include <filesystem>

#include "base/mailbox.h"
#include "spec/toml_reader.h"

namespace gz {

std::string email_url_host(std::string_view url) {
  std::string_view rest = url.substr(url.find("://") + 3);
  if (size_t at = rest.find('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with("[")) return std::string(rest.substr(1, rest.find(']') - 1));
  return std::string(rest.substr(0, rest.find_first_of(":/")));
}

std::string email_url_port(std::string_view url) {
  std::string_view rest = url.substr(url.find("://") + 3);
  rest = rest.substr(0, rest.find('/'));
  size_t close = rest.starts_with("[") ? rest.find(']') : 0;
  size_t colon = rest.find(':', close == std::string_view::npos ? 0 : close);
  return colon == std::string_view::npos ? "" : std::string(rest.substr(colon + 1));
}

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host.starts_with("127.") || host == "::1";
}

}  // namespace gz

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

// The placeholders of a subject, checked with the spec (so `check` finds a
// mistyped one, not the first `build --send`): app/email.cc fills them.
void check_subject_placeholders(const Spanned& s, Diagnostics& diags) {
  const std::vector<std::string> known = kSubjectPlaceholders;
  for (size_t open = s.text.find('{'); open != std::string::npos;
       open = s.text.find('{', open + 1)) {
    const size_t close = s.text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = s.text.substr(open + 1, close - open - 1);
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    Location at = s.loc;  // the opening quote; columns count characters
    at.col += 1;
    for (size_t i = 0; i < open; ++i)
      at.col += (static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80;
    diags.error(at, "unknown placeholder '{" + name + "}' in the email subject",
                did_you_mean(name, known));
  }
}

std::string url_host(std::string_view url) { return email_url_host(url); }
bool is_loopback(const std::string& host) { return is_loopback_host(host); }
std::string url_port(std::string_view url) { return email_url_port(url); }

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
  } else if (url.text.starts_with("smtp://") && url_port(url.text) == "465") {
    // The client would wait for a greeting the server sends only after a
    // TLS handshake: a time-out, every run.
    diags.error(url.loc, "port 465 speaks TLS from the start, not STARTTLS",
                "write smtps://" + url_host(url.text) + ":465");
  } else if (url.text.starts_with("smtps://") &&
             (url_port(url.text) == "587" || url_port(url.text) == "25")) {
    diags.error(url.loc, "port " + url_port(url.text) + " speaks STARTTLS, not TLS from the start",
                "write smtp://" + url_host(url.text) + ":" + url_port(url.text));
  }
}

// "sha256//" and the base64 of 32 bytes, as CURLOPT_PINNEDPUBLICKEY takes.
bool is_key_pin(std::string_view p) {
  if (!p.starts_with("sha256//") || p.size() != 8 + 44 || !p.ends_with("=")) return false;
  for (char c : p.substr(8, 43))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return false;
  return true;
}

void check_choice(const Spanned& v, const std::vector<std::string>& choices, const char* what,
                  const char* expected, Diagnostics& diags) {
  if (std::find(choices.begin(), choices.end(), v.text) != choices.end()) return;
  std::string hint = did_you_mean(v.text, choices);
  if (hint.empty()) hint = expected;
  diags.error(v.loc, std::string("unknown ") + what + " '" + v.text + "'", std::move(hint));
}

}  // namespace

void read_tls_trust(TableReader& r, const toml::table& t, const std::string& spec_file,
                    std::optional<Spanned>& ca_file, std::string& ca_path,
                    std::vector<Spanned>& pinned_keys, Diagnostics& diags) {
  if (auto v = r.string("ca_file")) {
    ca_path = (std::filesystem::path(spec_file).parent_path() / v->text).string();
    ca_file = *v;
  }
  if (const toml::node* n = t.get("pinned_key")) {
    // One pin, or several while a server changes keys.
    pinned_keys.clear();
    if (n->is_array()) {
      pinned_keys = r.strings("pinned_key");
    } else if (auto v = r.string("pinned_key")) {
      pinned_keys.push_back(*v);
    }
    for (const Spanned& p : pinned_keys)
      if (!is_key_pin(p.text))
        diags.error(p.loc, "'pinned_key' must be sha256// and the base64 of a SHA-256 digest",
                    "see README \"Email\" for the openssl command that prints it");
  }
}

void read_email(const toml::table& t, Spec& spec, Diagnostics& diags) {
  TableReader r(t, "[email]", spec.file, diags);
  r.reject_unknown_keys({"from", "to", "cc", "bcc", "reply_to", "subject", "url", "tls",
                         "list_unsubscribe", "ca_file", "pinned_key", "auth", "user",
                         "token_command", "token_timeout", "send_empty", "max_attachment_mb"});
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
    check_subject_placeholders(*v, diags);
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
    check_choice(*v, {"required", "if-available", "off"}, "tls mode",
                 "expected 'required', 'if-available' or 'off'", diags);
    e.tls = *v;
  }
  read_tls_trust(r, t, spec.file, e.ca_file, e.ca_path, e.pinned_keys, diags);
  if (auto v = r.string("auth")) {
    check_choice(*v, {"auto", "none", "plain", "login", "xoauth2"}, "auth method",
                 "expected 'auto', 'none', 'plain', 'login' or 'xoauth2'", diags);
    e.auth = *v;
  }
  if (auto v = r.string("user")) {
    check_header_text(*v, "user", diags);
    e.user = *v;
  }
  if (const toml::node* n = t.get("token_command")) {
    e.token_command = r.strings("token_command");
    e.token_command_loc = r.where(*n);
    if (n->is_array() && n->as_array()->empty())
      diags.error(e.token_command_loc, "'token_command' needs a program",
                  "write [\"program\", \"argument\", ...]");
  }
  if (const toml::node* n = t.get("token_timeout")) {
    const auto* i = n->as_integer();
    if (!i)
      diags.error(r.where(*n),
                  "'token_timeout' must be an integer, not " + with_article(n->type()));
    else if (i->get() < 1 || i->get() > 600)
      diags.error(r.where(*n),
                  "'token_timeout' must be from 1 to 600 seconds, not " + std::to_string(i->get()));
    else
      e.token_timeout = int(i->get());
  }
  if (const toml::node* n = t.get("send_empty")) {
    if (const auto* b = n->as_boolean())
      e.send_empty = b->get();
    else
      diags.error(r.where(*n),
                  "'send_empty' must be true or false, not " + with_article(n->type()));
  }
  if (const toml::node* n = t.get("max_attachment_mb")) {
    std::optional<double> mb;
    if (const auto* i = n->as_integer()) mb = double(i->get());
    if (const auto* f = n->as_floating_point()) mb = f->get();
    if (!mb)
      diags.error(r.where(*n),
                  "'max_attachment_mb' must be a number, not " + with_article(n->type()));
    else if (!(*mb > 0 && *mb <= 1000))
      diags.error(r.where(*n), "'max_attachment_mb' must be more than 0 and at most 1000");
    else {
      e.max_attachment_mb = *mb;
      e.max_attachment_loc = r.where(*n);
    }
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
  if (e.tls.text == "off" && e.url.text.starts_with("smtps://"))
    diags.error(e.tls.loc.line ? e.tls.loc : e.url.loc,
                "tls = \"off\" contradicts an smtps:// url, which always uses TLS");
  if (!e.token_command.empty() && e.auth.text != "auto" && e.auth.text != "xoauth2")
    diags.error(e.token_command_loc,
                "'token_command' gives an OAuth 2.0 token, but auth = \"" + e.auth.text + "\"",
                "remove it, or set auth = \"xoauth2\"");
  if (e.from.text.empty()) diags.error(where, "[email] needs 'from'");
  if (e.url.text.empty()) diags.error(where, "[email] needs 'url' (smtp://host:port)");
  if (e.to.empty() && e.cc.empty() && e.bcc.empty())
    diags.error(where, "[email] needs at least one recipient in 'to', 'cc' or 'bcc'");
}

}  // namespace gz::spec_detail
