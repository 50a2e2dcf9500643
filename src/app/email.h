// The words of a digest's email, in the report language: subject from the
// [email] subject template, a text body listing the bulletins, the PDF.
#pragma once

#include <string>

#include "app/variants.h"
#include "deliver/message.h"
#include "deliver/sender.h"
#include "intl/format.h"
#include "layout/digest.h"
#include "plan/world.h"

namespace gz {

// Builds the message parts of v (which must have [email]). digest gives the
// localised period, regions and count; fmt the dates. Throws Failure (exit
// 2, at the template's position) for an unknown subject placeholder.
// *key receives delivery_key(v, message, digest), of which the Message-ID
// is made: the same message always has the same Message-ID.
MessageParts compose_email(const Variant& v, const Digest& digest, const intl::Formatter& fmt,
                           std::string pdf, int64_t now_unix, std::string* key);

// The HTML alternative of the text body: the title, period, regions and
// count, every bulletin's date and title (a link when it has an http(s)
// URL), in the report language (<html lang>, dir="rtl" for right-to-left
// reports); no scripts, styles or external resources.
std::string email_html(const Variant& v, const Digest& digest, const intl::Formatter& fmt);

// The PDF's name in the message: the report title, the selection's
// regions (with a region filter, when the title does not hold them
// already) and the period ("Digest Centroamérica 2021-07.pdf"), with
// characters file systems refuse (/ \ : * ? " < > | and controls)
// replaced by '-', at most 124 bytes; the output file's name when the
// title is empty.
std::string attachment_name_of(const Variant& v, const Digest& digest);

// The report's language as a BCP 47 tag ("pt-BR"): Content-Language and
// the HTML part's lang.
std::string language_of(const Variant& v, const Digest& digest);

// The journal's key of a message (deliver/state.h): a SHA-256 over what its
// recipients read: the variant (its output path), the sender, subject, text
// part and attachment name, and the text of the digest in the PDF (titles,
// dates, countries, paragraphs, links, the report's locale and paper) —
// not the PDF's bytes, whose CreationDate follows the as-of day and whose
// layout may change with a Gazette upgrade, not the To and Cc lists (fixing
// one address must not send the others a second copy), not the spec's
// text, the Gazette version or the Date header.
std::string delivery_key(const Variant& v, const MessageParts& m, const Digest& digest);

// Every recipient address of v (to, cc, bcc), each once, in that order.
std::vector<std::string> recipients_of(const EmailSpec& e);

// The message of v (which must have [email]) as the Sender takes it: its
// recipients, envelope sender and the mail set-up the plan settled (planned
// here from the spec and world for a variant the plan did not make).
Outgoing outgoing_of(const Variant& v, const World& world);

}  // namespace gz
