#include "app/email.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/markup.h"
#include "deliver/hash.h"
#include "plan/mail.h"
#include "select/period.h"

namespace gz {
namespace {

Mailbox mailbox(const Spanned& s) {
  std::string error;
  auto m = parse_mailbox(s.text, &error);  // checked when the spec was read
  if (!m) fail(s.loc, error);
  return *m;
}

std::string expand_subject(const Spanned& tmpl, const std::map<std::string, std::string>& values) {
  std::string out;
  const std::string& t = tmpl.text;
  for (size_t i = 0; i < t.size(); ++i) {
    size_t close = t[i] == '{' ? t.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += t[i];
      continue;
    }
    std::string name = t.substr(i + 1, close - i - 1);
    auto it = values.find(name);
    if (it == values.end()) {
      std::vector<std::string> known;
      for (const auto& [k, v] : values) known.push_back(k);
      fail(tmpl.loc, "unknown placeholder '{" + name + "}' in the email subject",
           did_you_mean(name, known));
    }
    out += it->second;
    i = close;
  }
  return out;
}

// Text as HTML content or a double-quoted attribute value.
std::string escaped(std::string_view text) { return markup_escaped(text); }

bool is_web_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

// The digest's BCP 47 tag (as its PDF has it), else the locale's.
std::string language_of(const Variant& v, const Digest& digest) {
  if (!digest.lang.empty()) return digest.lang;
  std::string tag = v.spec.locale.text;
  std::replace(tag.begin(), tag.end(), '_', '-');
  return tag;
}

std::string attachment_name_of(const Variant& v, const Digest& digest) {
  const std::string fallback = std::filesystem::path(v.rel_path).filename().string();
  // The regions tell apart the variants of a split by region or country.
  std::string words = v.spec.title;
  if (!v.sel.all_countries && !digest.regions_text.empty() &&
      v.spec.title.find(digest.regions_text) == std::string::npos)
    words += " " + digest.regions_text;
  words += " " + period_slug(v.period);
  std::string name;
  bool space = false;
  for (unsigned char c : words) {
    // Characters no file system or mail client takes in a name: replaced;
    // runs of white space: one space.
    if (c < 0x20 || c == 0x7F || c == ' ' || c == '\t') {
      space = !name.empty();
      continue;
    }
    if (space) name += ' ';
    space = false;
    name += std::string_view("/\\:*?\"<>|").find(char(c)) == std::string_view::npos ? char(c) : '-';
  }
  while (!name.empty() && name.front() == '.') name.erase(0, 1);  // no hidden file
  // At most 120 bytes, cut on a character boundary.
  if (name.size() > 120) {
    size_t end = 120;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
    name.resize(end);
    while (!name.empty() && name.back() == ' ') name.pop_back();
  }
  if (name.empty() || v.spec.title.empty()) return fallback;
  return name + ".pdf";
}

std::string email_html(const Variant& v, const Digest& digest, const intl::Formatter& fmt) {
  const std::string lang = escaped(language_of(v, digest));
  std::string h = "<!DOCTYPE html>\n<html lang=\"" + lang + "\"" +
                  (digest.rtl ? " dir=\"rtl\"" : "") + ">\n<head>\n<meta charset=\"utf-8\">\n" +
                  "<title>" + escaped(v.spec.title) + "</title>\n</head>\n<body>\n";
  h += "<h1>" + escaped(v.spec.title) + "</h1>\n";
  h += "<p>" + escaped(fmt.message("period_label")) + ": " + escaped(digest.period_text) +
       "<br>\n" + escaped(fmt.message("regions_label")) + ": " + escaped(digest.regions_text) +
       "<br>\n" + escaped(digest.count_text) + "</p>\n";
  if (!v.selected.empty()) {
    h += "<ul>\n";
    for (const Bulletin* b : v.selected) {
      h += "<li>" + escaped(fmt.date(b->date)) + " — ";
      if (is_web_url(b->url))
        h += "<a href=\"" + escaped(b->url) + "\">" + escaped(b->title) + "</a>";
      else
        h += escaped(b->title);
      h += "</li>\n";
    }
    h += "</ul>\n";
  }
  h += "<p>" + escaped(fmt.message("email_attached")) + "</p>\n</body>\n</html>\n";
  return h;
}

std::vector<std::string> recipients_of(const EmailSpec& e) {
  std::vector<std::string> out;
  for (const auto* list : {&e.to, &e.cc, &e.bcc})
    for (const Spanned& s : *list) {
      std::string a = mailbox(s).address;
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
  return out;
}

std::string delivery_key(const Variant& v, const MessageParts& m, const Digest& digest) {
  Sha256 h;
  h.field("gazette-delivery-2").field(v.rel_path).field(m.from.address).field(m.subject);
  h.field(m.body).field(m.attachment_name).field(v.spec.locale.text);
  if (!m.html.empty()) h.field("html").field(m.html);
  h.field(digest.title).field(digest.period_text).field(digest.regions_text);
  h.field(digest.count_text).field(digest.contents_text).field(digest.empty_text);
  h.field(std::to_string(int(digest.paper))).field(digest.rtl ? "rtl" : "ltr");
  for (const DigestGroup& g : digest.groups) {
    h.field("group").field(g.name);
    for (const DigestItem& item : g.items) {
      h.field("item").field(item.title).field(item.date_text).field(item.countries_text);
      for (const std::string& p : item.body()) h.field(p);
      for (const auto& marks : item.marks) {
        h.field("marks");
        for (const TextSpan& s : marks)
          h.field(std::to_string(s.begin) + ' ' + std::to_string(s.end) + ' ' +
                  std::to_string(int(s.kind)))
              .field(s.url);
      }
    }
  }
  return h.hex();
}

MessageParts compose_email(const Variant& v, const Digest& digest, const intl::Formatter& fmt,
                           std::string pdf, int64_t now_unix, std::string* key) {
  const EmailSpec& e = *v.spec.email;
  MessageParts m;
  m.from = mailbox(e.from);
  for (const auto& s : e.to) m.to.push_back(mailbox(s));
  for (const auto& s : e.cc) m.cc.push_back(mailbox(s));
  if (e.reply_to) m.reply_to = mailbox(*e.reply_to);
  if (e.list_unsubscribe) m.list_unsubscribe = e.list_unsubscribe->text;
  m.subject = expand_subject(e.subject, {{"title", v.spec.title},
                                         {"period", digest.period_text},
                                         {"region", digest.regions_text},
                                         {"locale", v.spec.locale.text}});

  std::string body = v.spec.title + "\n\n";
  body += fmt.message("period_label") + ": " + digest.period_text + "\n";
  body += fmt.message("regions_label") + ": " + digest.regions_text + "\n";
  body += digest.count_text + "\n\n";
  for (const Bulletin* b : v.selected) body += fmt.date(b->date) + " — " + b->title + "\n";
  if (!v.selected.empty()) body += "\n";
  body += fmt.message("email_attached") + "\n";
  m.body = std::move(body);

  m.html = email_html(v, digest, fmt);
  m.language = language_of(v, digest);
  m.attachment_name = attachment_name_of(v, digest);
  m.attachment = std::move(pdf);
  m.date_unix = now_unix;
  // The same content gives the same Message-ID, so a message sent again
  // (--resend, or after a lost reply) is recognised as a duplicate by readers.
  *key = delivery_key(v, m, digest);
  m.message_id =
      Sha256().field(*key).field(m.from.address).hex().substr(0, 32) + "@" + m.from.domain();
  return m;
}

Outgoing outgoing_of(const Variant& v, const World& world) {
  const EmailSpec& e = *v.spec.email;
  Outgoing m;
  m.name = v.rel_path;
  m.period = period_slug(v.period);
  m.from = mailbox(e.from).address;  // checked with the spec
  m.recipients = recipients_of(e);
  m.url = e.url.text;
  m.mail = v.mail ? *v.mail : plan_mail(e, v.spec.file, world);
  return m;
}

}  // namespace gz
