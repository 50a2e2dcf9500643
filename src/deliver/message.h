// An email message as bytes: headers, a text/plain UTF-8 body (with an
// HTML alternative when one is given) and the PDF attached, composed with
// GMime. Pure (no clock, no network, no randomness) so the bytes sent, the
// bytes of a --dry-run .eml and the bytes tests expect are the same thing.
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
  std::string subject;  // UTF-8
  std::string body;     // UTF-8, lines ended by '\n'
  // The same content as HTML (UTF-8), or "" for a text part only. With it,
  // the message is multipart/mixed of multipart/alternative (text, HTML)
  // and the PDF.
  std::string html;
  std::string language;         // Content-Language (a BCP 47 tag); "" for none
  std::string attachment_name;  // UTF-8 file name
  std::string attachment;       // the PDF's bytes
  int64_t date_unix = 0;        // the Date header, as UTC
  std::string message_id;       // without angle brackets: "hex@domain"
  // A URL ("<...>" or bare); "" for no List-Unsubscribe. An https URL adds
  // List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058).
  std::string list_unsubscribe;
};

// The whole message, CRLF line ends, headers folded under 78 columns where
// they can be (RFC 5322), base64 parts. Throws
// Failure (exit 2) naming the header when a value holds CR, LF or another
// control character: data must never be able to add a header.
std::string build_message(const MessageParts& m);

}  // namespace gz
