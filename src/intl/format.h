// Localised words and numbers of the report: dates, periods, plurals and the
// fixed messages of the digest (from a catalogue per locale, built in).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "base/date.h"

namespace gz::intl {

class Formatter {
 public:
  explicit Formatter(const std::string& locale);
  ~Formatter();
  Formatter(Formatter&&) noexcept;

  // Long date: "July 9, 2021", "9 de julio de 2021".
  std::string date(Date d) const;
  // A whole month "July 2021" / "julio de 2021"; a quarter or several months
  // "July – September 2021"; a year "2021"; otherwise an interval of dates.
  std::string period(const Period& p) const;
  std::string number(int64_t n) const;
  // A date by an ICU skeleton, in the locale's best pattern for it:
  // "MMMd" -> "Jul 5", "5 jul", "٥ يوليو"; "MMM" -> "Jul".
  std::string date_skeleton(Date d, const char* skeleton) const;

  // Catalogue messages (ICU MessageFormat, named arguments):
  //   "bulletins" {count}           -> "3 bulletins", "1 bulletin"
  //   "pages" {count}               -> "12 pages", "1 page" (--verbose)
  //   "page_of" {page} {pages}      -> "Page 3 of 12"
  //   "no_bulletins"                -> "No bulletins in this period."
  //   "contents"                    -> "Contents"
  //   "regions_label"               -> "Regions"
  //   "period_label"                -> "Period"
  //   "email_attached"              -> "The digest is attached as a PDF."
  //   "other_group"                 -> "Other" (bulletins of no known country)
  //   "read_more"                   -> "Read more" (the link under a bulletin)
  //   "glance", "glance_*"          -> the "At a glance" page's heading, captions, headers, note
  std::string message(const std::string& key,
                      const std::vector<std::pair<std::string, int64_t>>& args = {}) const;
  // The same with text arguments:
  //   "source_line" {publisher}     -> "Source: IOM"
  std::string text_message(const std::string& key,
                           const std::vector<std::pair<std::string, std::string>>& args) const;

  // A message cut at its arguments, for callers that write the numbers
  // themselves: literal text and simple arguments ("page_of" in English:
  // "Page ", {page}, " of ", {pages}), in order. Throws std::logic_error
  // for an unknown key or a message with an argument that is more than a
  // name (a plural, a select, a number style): such a message needs ICU.
  struct Piece {
    std::string text;  // literal text, when arg is empty
    std::string arg;   // the argument's name
  };
  std::vector<Piece> message_pieces(const std::string& key) const;

  // The locale's ten digits, 0 to 9, in its numbering system (ICU
  // NumberingSystem: "٠" to "٩" in Arabic, as number() writes them; a
  // "-u-nu-" keyword is followed). Western digits when that system is not
  // decimal (algorithmic, such as "-u-nu-roman").
  std::array<std::string, 10> digits() const;

  const std::string& locale() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Sorts strings with the ICU collator of a locale.
class Collator {
 public:
  explicit Collator(const std::string& locale);
  ~Collator();
  Collator(Collator&&) noexcept;
  bool less(const std::string& a, const std::string& b) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gz::intl
