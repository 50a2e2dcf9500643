#include "base/mailbox.h"

#include "base/gmime_util.h"

namespace gz {

bool has_control_chars(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
  return false;
}

namespace {

// What Gazette accepts as an address, on top of RFC 5322's syntax: no
// quoted local part, no domain literal, nothing that would need quoting in
// the SMTP envelope. Specs never need more, and a narrow rule keeps the
// envelope and the headers unambiguous.
bool valid_address(std::string_view a, std::string* error) {
  size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size()) {
    *error = "'" + std::string(a) + "' is not an email address (expected name@domain)";
    return false;
  }
  for (unsigned char c : a) {
    if (c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == ':' || c == '"' || c == '\\' || c == '[' || c == ']') {
      *error = "'" + std::string(a) + "' is not an email address (it holds '" +
               std::string(1, char(c)) + "')";
      return false;
    }
  }
  if (a.find('@') != at) {
    *error = "'" + std::string(a) + "' is not an email address (more than one '@')";
    return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Mailbox> parse_mailbox(std::string_view text, std::string* error) {
  if (has_control_chars(text)) {
    *error = "an email address must not contain line breaks or control characters";
    return std::nullopt;
  }
  std::string_view t = trim(text);
  bool angle = t.find('<') != std::string_view::npos;
  auto not_a_mailbox = [&] {
    // Say why in Gazette's terms where the text is a bare address.
    if (angle || valid_address(t, error))
      *error = "'" + std::string(t) + "' is not a mailbox (expected Name <name@domain>)";
    return std::nullopt;
  };
  // RFC 5322 syntax (quoted names, escapes, comments, encoded words) is
  // GMime's, strictly: "Ana <a@b" is refused, not repaired.
  init_gmime();
  GMimeParserOptions* options = g_mime_parser_options_new();
  g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_STRICT);
  GRef<InternetAddressList> list(internet_address_list_parse(options, std::string(t).c_str()));
  g_mime_parser_options_free(options);
  if (!list || internet_address_list_length(list.get()) != 1) return not_a_mailbox();
  InternetAddress* a = internet_address_list_get_address(list.get(), 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(a)) return not_a_mailbox();  // a group
  Mailbox m;
  m.address = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
  const char* name = internet_address_get_name(a);
  m.display = name ? name : "";
  // GMime skips what it cannot read ("a@b@c" gives a@b; a source route is
  // dropped): the address must be all of the text, or all between < and >.
  if (angle ? !t.ends_with("<" + m.address + ">") : t != m.address) return not_a_mailbox();
  if (!valid_address(m.address, error)) return std::nullopt;
  return m;
}

}  // namespace gz
