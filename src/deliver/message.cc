#include "deliver/message.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "base/diag.h"
#include "base/gmime_util.h"

namespace gz {
namespace {

void refuse_control(std::string_view header, std::string_view value) {
  if (has_control_chars(value))
    fail({}, "mail header " + std::string(header) +
                 " would contain a line break or control character; refusing to send");
}

// GMime leaves an ASCII word as it is, even one that readers would decode
// ("=?UTF-8?B?QQ==?=" reads as "A"). Text holding "=?" is encoded whole
// here instead, in encoded words of at most 45 bytes (a 72-character word,
// under RFC 2047's 75) that end on character boundaries.
std::string literal_text(const std::string& text) {
  if (text.find("=?") == std::string::npos) return text;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && (uint8_t(text[end]) & 0xC0) == 0x80) --end;
    gchar* b64 = g_base64_encode(reinterpret_cast<const guchar*>(text.data() + i), end - i);
    out += (out.empty() ? "=?UTF-8?B?" : " =?UTF-8?B?") + std::string(b64) + "?=";
    g_free(b64);
    i = end;
  }
  return out;
}

// Display names and file names are encoded as UTF-8 whatever they hold
// (GMime would otherwise choose ISO-8859-1 for Latin text).
InternetAddress* mailbox(const Mailbox& m) {
  std::string name = literal_text(m.display);
  InternetAddress* a =
      internet_address_mailbox_new(name.empty() ? nullptr : name.c_str(), m.address.c_str());
  internet_address_set_charset(a, "utf-8");
  return a;
}

void add_all(InternetAddressList* list, std::string_view header,
             const std::vector<Mailbox>& boxes) {
  for (const Mailbox& m : boxes) {
    refuse_control(header, m.display + m.address);
    GRef<InternetAddress> a(mailbox(m));
    internet_address_list_add(list, a.get());
  }
}

void utf8_parameter(GMimeParamList* list, const char* name) {
  if (GMimeParam* p = g_mime_param_list_get_parameter(list, name))
    g_mime_param_set_charset(p, "utf-8");
}

GMimePart* part(const char* type, const char* subtype, const std::string& bytes) {
  GMimePart* p = g_mime_part_new_with_type(type, subtype);
  GRef<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GRef<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(p, content.get());
  g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
  return p;
}

}  // namespace

std::string build_message(const MessageParts& m) {
  refuse_control("Subject", m.subject);
  refuse_control("Message-ID", m.message_id);
  refuse_control("List-Unsubscribe", m.list_unsubscribe);
  refuse_control("Content-Language", m.language);
  refuse_control("From", m.from.display + m.from.address);
  init_gmime();
  // Headers in the order they are set.
  GRef<GMimeMessage> msg(g_mime_message_new(FALSE));
  GMimeObject* top = GMIME_OBJECT(msg.get());

  GDateTime* date = g_date_time_new_from_unix_utc(m.date_unix);
  if (!date) fail({}, "mail date out of range: " + std::to_string(m.date_unix));
  g_mime_message_set_date(msg.get(), date);
  g_date_time_unref(date);
  add_all(g_mime_message_get_from(msg.get()), "From", {m.from});
  InternetAddressList* to = g_mime_message_get_to(msg.get());
  add_all(to, "To", m.to);
  add_all(g_mime_message_get_cc(msg.get()), "Cc", m.cc);
  if (m.to.empty() && m.cc.empty()) {  // only Bcc: undisclosed recipients, as mail clients write it
    GRef<InternetAddress> group(internet_address_group_new("undisclosed-recipients"));
    internet_address_list_add(to, group.get());
  }
  if (m.reply_to) add_all(g_mime_message_get_reply_to(msg.get()), "Reply-To", {*m.reply_to});
  g_mime_message_set_subject(msg.get(), literal_text(m.subject).c_str(), "utf-8");
  // Set as a header, not with g_mime_message_set_message_id, to keep the
  // spelling "Message-ID" that Gazette has always written.
  g_mime_object_set_header(top, "Message-ID", ("<" + m.message_id + ">").c_str(), nullptr);
  if (!m.list_unsubscribe.empty()) {
    bool bracketed = m.list_unsubscribe.starts_with("<");
    std::string value = bracketed ? m.list_unsubscribe : "<" + m.list_unsubscribe + ">";
    g_mime_object_set_header(top, "List-Unsubscribe", value.c_str(), "utf-8");
    // RFC 8058: one-click unsubscribing is offered for an https URL only.
    if (value.find("<https://") != std::string::npos)
      g_mime_object_set_header(top, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click", nullptr);
  }
  if (!m.language.empty())
    g_mime_object_set_header(top, "Content-Language", m.language.c_str(), nullptr);
  g_mime_object_set_header(top, "MIME-Version", "1.0", nullptr);

  GRef<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
  // Derived from the Message-ID (itself from the content): the same message
  // gets the same bytes, and "=_" never occurs in base64, so the boundary
  // cannot appear in a part.
  std::string boundary = "=_gazette_" + m.message_id.substr(0, m.message_id.find('@'));
  g_mime_multipart_set_boundary(mixed.get(), boundary.c_str());
  g_mime_multipart_set_prologue(
      mixed.get(), m.html.empty() ? "This is a MIME message: a text part and a PDF digest."
                                  : "This is a MIME message: text and HTML parts and a PDF "
                                    "digest.");

  // Text is canonical (CRLF line ends) before it is base64-encoded (RFC 2045).
  std::string body;
  for (char c : m.body) body += c == '\n' ? std::string("\r\n") : std::string(1, c);
  GRef<GMimePart> text(part("text", "plain", body));
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(text.get()), "charset", "utf-8");
  if (m.html.empty()) {
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(text.get()));
  } else {
    // Plain text first, the richer part last (RFC 2046 5.1.4): readers that
    // show HTML show it, the others the text.
    GRef<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
    // Neither boundary is the start of the other ('l' is not hex).
    g_mime_multipart_set_boundary(
        alternative.get(),
        ("=_gazette_alt_" + m.message_id.substr(0, m.message_id.find('@'))).c_str());
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));
    std::string html;
    for (char c : m.html) html += c == '\n' ? std::string("\r\n") : std::string(1, c);
    GRef<GMimePart> rich(part("text", "html", html));
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(rich.get()), "charset", "utf-8");
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(rich.get()));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(alternative.get()));
  }

  GRef<GMimePart> pdf(part("application", "pdf", m.attachment));
  g_mime_part_set_filename(pdf.get(), m.attachment_name.c_str());
  GMimeObject* pdf_object = GMIME_OBJECT(pdf.get());
  utf8_parameter(g_mime_content_type_get_parameters(g_mime_object_get_content_type(pdf_object)),
                 "name");
  utf8_parameter(
      g_mime_content_disposition_get_parameters(g_mime_object_get_content_disposition(pdf_object)),
      "filename");
  g_mime_multipart_add(mixed.get(), pdf_object);
  g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(mixed.get()));

  return write_crlf(top);
}

}  // namespace gz
