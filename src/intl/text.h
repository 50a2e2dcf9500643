// Text normalisation and matching helpers over ICU.
#pragma once

#include <string>
#include <string_view>

namespace gz::intl {

// NFC-normalises s (valid UTF-8) and folds every run of Unicode white space
// (including U+00A0 and tabs) to one U+0020; trims both ends.
std::string normalize_text(std::string_view s);

// A key for loose matching: NFD, combining marks removed, case folded, NFC.
// "Panamá" -> "panama", "ÉIRE" -> "eire".
std::string fold_for_match(std::string_view s);
// fold_for_match by ICU alone, for tests: fold_for_match reads text of
// ASCII and code points of two UTF-8 bytes (U+0080..U+07FF: Latin-1 and
// extended Latin, Greek, Cyrillic, Hebrew, Arabic) with a table ICU fills.
std::string fold_for_match_icu(std::string_view s);

}  // namespace gz::intl
