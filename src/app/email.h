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
MessageParts compose_email(const Variant& v, const Digest& digest, const intl::Formatter& fmt,
                           std::string pdf, int64_t now_unix);

// Every recipient address of v (to, cc, bcc), each once, in that order.
std::vector<std::string> recipients_of(const EmailSpec& e);

}  // namespace gz
