// Email addresses as specs write them: "digest@example.org" or
// "Gazette <digest@example.org>". Shared by the spec checks (positioned
// errors) and the message builder (headers, envelope).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gz {

struct Mailbox {
  std::string display;  // "" when none; unquoted
  std::string address;  // local@domain, the SMTP envelope address
  std::string domain() const { return address.substr(address.rfind('@') + 1); }
};

// Parses one mailbox; on failure returns nullopt and sets *error to why
// (without position). CR, LF and other control characters are refused: a
// value carrying them could inject headers.
std::optional<Mailbox> parse_mailbox(std::string_view text, std::string* error);

// Whether text holds CR, LF or another C0 control character (TAB excepted).
bool has_control_chars(std::string_view text);

}  // namespace gz
