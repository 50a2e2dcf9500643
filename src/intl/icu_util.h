// Small helpers shared by the ICU wrappers of this folder (not a public API).
#pragma once

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/date.h"

namespace gz::intl::detail {

icu::UnicodeString to_ustring(std::string_view s);
std::string to_utf8(const icu::UnicodeString& s);

// Throws std::runtime_error naming the ICU call when status is a failure;
// warnings (such as falling back to root data) are fine.
void check(UErrorCode status, const char* what);

// The ICU locale of a user-given id: "pt-BR" or "pt_BR", legacy codes
// mapped ("iw" -> "he").
icu::Locale make_locale(const std::string& id);

// The locale with the Gregorian calendar forced: Thai, Persian or Saudi
// defaults (Buddhist, Persian, Islamic) would read and print other years.
icu::Locale gregorian_locale(const std::string& id);

// A strict, proleptic Gregorian calendar in GMT. Dates are days without a
// zone, so GMT midnight stands for a day and no offset can shift it; the
// Julian switch of 1582 would disagree with gz::Date.
std::unique_ptr<icu::Calendar> gmt_calendar(const icu::Locale& loc);

// Midnight GMT of d, in ICU milliseconds.
inline UDate to_udate(Date d) { return static_cast<UDate>(d.days()) * 86400000.0; }

}  // namespace gz::intl::detail
