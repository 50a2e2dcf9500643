// The words of a digest's email, in the report language: subject from the
// [email] subject template, a text body listing the bulletins, the PDF.
#pragma once

#include <string>

#include "app/variants.h"
#include "deliver/message.h"
#include "intl/format.h"
#include "layout/digest.h"

namespace gz {

// Builds the message parts of v (which must have [email]). digest gives the
// localised period, regions and count; fmt the dates. Throws Failure (exit
// 2, at the template's position) for an unknown subject placeholder.
// *key receives delivery_key(v, message, digest), of which the Message-ID
// is made: the same message always has the same Message-ID.
MessageParts compose_email(const Variant& v, const Digest& digest, const intl::Formatter& fmt,
                           std::string pdf, int64_t now_unix, std::string* key);

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

}  // namespace gz
