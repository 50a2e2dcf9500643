#include "plan/mail.h"

#include <filesystem>
#include <fstream>
#include <optional>

#include "base/mailbox.h"

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

}  // namespace gz
