// Parsing the date lines of listings, strictly, in the listing's language.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace gz::intl {

// Parses the date forms a language's news pages use, plus ISO "2021-08-02"
// in every language. Strict: no lenient rollover (31 February fails), no
// two-digit years. Built once per language and reused (ICU formatters are
// expensive to create). Not thread-safe; one per thread.
class DateParser {
 public:
  explicit DateParser(const std::string& lang);  // ICU locale id, e.g. "en", "es", "pt-BR"
  ~DateParser();
  DateParser(DateParser&&) noexcept;
  DateParser& operator=(DateParser&&) noexcept;

  std::optional<Date> parse(std::string_view text) const;

  // True when text has the shape of a date in this language, even if the
  // day does not exist ("31 February, 2021"): lets the listing reader say
  // "no such day" instead of "not a date". Also true for valid dates.
  bool looks_like_date(std::string_view text) const;

  // 2021-08-02 in the primary form of the language, for messages:
  // "2 August, 2021", "2 de agosto de 2021", "2 août 2021".
  std::string example() const;

  // For tests of the fast path, which reads the usual forms without ICU:
  // parse with ICU alone; whether this language has the fast path; and the
  // date as each form writes it.
  std::optional<Date> parse_with_icu(std::string_view text) const;
  bool has_fast_path() const;
  std::vector<std::string> written_forms(Date date) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gz::intl
