#include "app/email.h"

#include <filesystem>
#include <map>

#include "deliver/hash.h"

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

}  // namespace

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
  h.field(digest.title).field(digest.period_text).field(digest.regions_text);
  h.field(digest.count_text).field(digest.contents_text).field(digest.empty_text);
  h.field(std::to_string(int(digest.paper))).field(digest.rtl ? "rtl" : "ltr");
  for (const DigestGroup& g : digest.groups) {
    h.field("group").field(g.name);
    for (const DigestItem& item : g.items) {
      h.field("item").field(item.title).field(item.date_text).field(item.countries_text);
      for (const std::string& p : item.paragraphs) h.field(p);
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

  m.attachment_name = std::filesystem::path(v.rel_path).filename().string();
  m.attachment = std::move(pdf);
  m.date_unix = now_unix;
  // The same content gives the same Message-ID, so a message sent again
  // (--resend, or after a lost reply) is recognised as a duplicate by readers.
  *key = delivery_key(v, m, digest);
  m.message_id =
      Sha256().field(*key).field(m.from.address).hex().substr(0, 32) + "@" + m.from.domain();
  return m;
}

}  // namespace gz
