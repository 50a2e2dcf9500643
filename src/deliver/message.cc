#include "deliver/message.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "base/diag.h"

namespace gz {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = unsigned(uint8_t(in[i])) << 16 | unsigned(uint8_t(in[i + 1])) << 8 |
                 unsigned(uint8_t(in[i + 2]));
    for (int s = 18; s >= 0; s -= 6) out += kB64[(v >> s) & 63];
  }
  if (size_t left = in.size() - i; left > 0) {
    unsigned v = unsigned(uint8_t(in[i])) << 16;
    if (left == 2) v |= unsigned(uint8_t(in[i + 1])) << 8;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += left == 2 ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  // An encoded word in plain text would be decoded by readers.
  return s.find("=?") == std::string_view::npos;
}

void refuse_control(std::string_view header, std::string_view value) {
  if (has_control_chars(value))
    fail({}, "mail header " + std::string(header) +
                 " would contain a line break or control character; refusing to send");
}

// Words (atext) and spaces may stand bare in a display name; anything else
// is quoted.
bool bare_phrase(std::string_view s) {
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == ' ' ||
          std::string_view("!#$%&'*+-/=?^_`{|}~").find(char(c)) != std::string_view::npos))
      return false;
  return true;
}

std::string mailbox_text(const Mailbox& m) {
  if (m.display.empty()) return m.address;
  std::string name;
  if (!plain_ascii(m.display)) {
    name = encode_header_text(m.display);
  } else if (bare_phrase(m.display)) {
    name = m.display;
  } else {
    name = "\"";
    for (char c : m.display)
      name += (c == '"' || c == '\\') ? std::string{'\\', c} : std::string{c};
    name += '"';
  }
  return name + " <" + m.address + ">";
}

std::string mailbox_list(std::string_view header, const std::vector<Mailbox>& list) {
  std::string out;
  for (const auto& m : list) {
    refuse_control(header, m.display + m.address);
    out += (out.empty() ? "" : ",\r\n ") + mailbox_text(m);
  }
  return out;
}

}  // namespace

std::string base64_lines(std::string_view bytes) {
  std::string all = base64(bytes), out;
  for (size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

std::string encode_header_text(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  // 45 bytes give 60 base64 characters: a 72-character word, under RFC
  // 2047's 75. Words end on character boundaries, as the RFC requires.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && (uint8_t(text[end]) & 0xC0) == 0x80) --end;
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
           base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string mime_parameter(std::string_view name, std::string_view value) {
  if (plain_ascii(value)) {
    std::string out = std::string(name) + "=\"";
    for (char c : value) out += (c == '"' || c == '\\') ? std::string{'\\', c} : std::string{c};
    return out + "\"";
  }
  std::string out = std::string(name) + "*=UTF-8''";
  for (unsigned char c : value) {
    if (std::isalnum(c) ||
        std::string_view("!#$&+-.^_`|~").find(char(c)) != std::string_view::npos) {
      out += char(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string rfc5322_date(int64_t t) {
  // Days to civil date (Howard Hinnant's algorithm): no gmtime, no locale.
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  static const char* wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static const char* mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", wd[((days % 7) + 7) % 7],
                int(d), mon[m - 1], int(y), int(secs / 3600), int(secs / 60 % 60), int(secs % 60));
  return buf;
}

std::string build_message(const MessageParts& m) {
  refuse_control("Subject", m.subject);
  refuse_control("Message-ID", m.message_id);
  refuse_control("List-Unsubscribe", m.list_unsubscribe);
  refuse_control("From", m.from.display + m.from.address);
  std::string h;
  h += "Date: " + rfc5322_date(m.date_unix) + "\r\n";
  h += "From: " + mailbox_list("From", {m.from}) + "\r\n";
  if (!m.to.empty()) h += "To: " + mailbox_list("To", m.to) + "\r\n";
  if (!m.cc.empty()) h += "Cc: " + mailbox_list("Cc", m.cc) + "\r\n";
  // Only Bcc: undisclosed recipients, as mail clients write it.
  if (m.to.empty() && m.cc.empty()) h += "To: undisclosed-recipients:;\r\n";
  if (m.reply_to) h += "Reply-To: " + mailbox_list("Reply-To", {*m.reply_to}) + "\r\n";
  h += "Subject: " + encode_header_text(m.subject) + "\r\n";
  h += "Message-ID: <" + m.message_id + ">\r\n";
  if (!m.list_unsubscribe.empty()) {
    bool bracketed = m.list_unsubscribe.starts_with("<");
    h += "List-Unsubscribe: " + std::string(bracketed ? "" : "<") + m.list_unsubscribe +
         (bracketed ? "" : ">") + "\r\n";
  }
  // Derived from the Message-ID: deterministic, and "=_" never occurs in
  // base64, so the boundary cannot appear in a part.
  std::string boundary = "=_gazette_" + m.message_id.substr(0, m.message_id.find('@'));
  h += "MIME-Version: 1.0\r\n";
  h += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";

  std::string body;
  for (char c : m.body) body += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string out = h;
  out += "This is a MIME message: a text part and a PDF digest.\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(body);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: application/pdf; " + mime_parameter("name", m.attachment_name) + "\r\n";
  out +=
      "Content-Disposition: attachment; " + mime_parameter("filename", m.attachment_name) + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.attachment);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace gz
