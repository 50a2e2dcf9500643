// Validation of user-given locale ids and time zones.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"

namespace gz::intl {

// True when ICU has data for the locale's language ("en", "es-MX", "pt_BR",
// "ar"). Accepts '-' or '_'.
bool is_known_locale(const std::string& id);
// A well-formed BCP 47 language tag ("la", "pnb", "zh-Hant-TW"; ICU's "pt_BR"
// too), whether or not ICU has data for it. The language subtag must have
// two or three letters: "espanol" is a name, not a tag.
bool is_language_tag(const std::string& id);
// Canonical ICU id of a known locale ("pt-BR" -> "pt_BR").
std::string canonical_locale(const std::string& id);
// Every language id ICU has data for, for "did you mean".
std::vector<std::string> known_locale_ids();
// The hint for a language that is not a code: "did you mean 'es' (Spanish)?"
// for a language's English or own name ("spanish", "Español"), the start of
// one ("sp"), a near miss of one, else a near miss of a code; or "".
std::string suggest_language(const std::string& given);

// The name of text's language (a BCP 47 tag or ICU id: "es", "pt-BR") in
// locale's language ("Spanish" in English, "espagnol" in French), when it
// is another language than locale's (only the language subtags are
// compared: es-419 text in an "es" report is not another language) and ICU
// knows its name; else "".
std::string other_language_name(const std::string& text, const std::string& locale);

// Right-to-left script (ar, he, fa, ur...).
bool is_rtl_locale(const std::string& id);

bool is_known_time_zone(const std::string& id);
std::vector<std::string> known_time_zone_ids();

// The calendar date in time zone tz at the instant unix_seconds.
Date date_in_zone(int64_t unix_seconds, const std::string& tz);

}  // namespace gz::intl
