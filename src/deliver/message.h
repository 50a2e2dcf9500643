// An email message as bytes: headers, a text/plain UTF-8 body and the PDF
// attached. Pure (no clock, no network) so the bytes sent, the bytes of a
// --dry-run .eml and the bytes tests expect are the same thing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/mailbox.h"

namespace gz {

struct MessageParts {
  Mailbox from;
  std::vector<Mailbox> to, cc;  // bcc recipients are envelope-only
  std::optional<Mailbox> reply_to;
  std::string subject;           // UTF-8
  std::string body;              // UTF-8, lines ended by '\n'
  std::string attachment_name;   // UTF-8 file name
  std::string attachment;        // the PDF's bytes
  int64_t date_unix = 0;         // the Date header, as UTC
  std::string message_id;        // without angle brackets: "hex@domain"
  std::string list_unsubscribe;  // a URL; "" for no List-Unsubscribe
};

// The whole message, CRLF line ends, every line under 998 bytes. Throws
// Failure (exit 2) naming the header when a value holds CR, LF or another
// control character: data must never be able to add a header.
std::string build_message(const MessageParts& m);

// "=?UTF-8?B?...?=" words (RFC 2047) folded with CRLF SP when text is not
// plain printable ASCII; else text unchanged.
std::string encode_header_text(std::string_view text);
// name="value", or name*=UTF-8''percent-encoded (RFC 2231) when value is
// not plain printable ASCII.
std::string mime_parameter(std::string_view name, std::string_view value);
// Base64 in lines of at most 76 characters, each ended by CRLF.
std::string base64_lines(std::string_view bytes);
// "Sun, 01 Aug 2021 06:00:00 +0000".
std::string rfc5322_date(int64_t unix_seconds);

}  // namespace gz
