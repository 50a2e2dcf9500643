#include "base/mailbox.h"

namespace gz {

bool has_control_chars(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
  return false;
}

namespace {

// RFC 5321 allows more in a quoted local part; specs never need it, and a
// narrow rule keeps the envelope and the headers unambiguous.
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
  Mailbox m;
  size_t lt = t.find('<');
  if (lt == std::string_view::npos) {
    if (!valid_address(t, error)) return std::nullopt;
    m.address = std::string(t);
    return m;
  }
  if (t.back() != '>' || t.find('>') != t.size() - 1) {
    *error = "'" + std::string(t) + "' is not a mailbox (expected Name <name@domain>)";
    return std::nullopt;
  }
  std::string_view display = trim(t.substr(0, lt));
  if (display.size() >= 2 && display.front() == '"' && display.back() == '"')
    display = display.substr(1, display.size() - 2);
  if (display.find('"') != std::string_view::npos) {
    *error = "a display name must not contain '\"'";
    return std::nullopt;
  }
  std::string_view addr = t.substr(lt + 1, t.size() - lt - 2);
  if (!valid_address(addr, error)) return std::nullopt;
  m.display = std::string(display);
  m.address = std::string(addr);
  return m;
}

}  // namespace gz
