// The digest's fixed messages, built in: ICU MessageFormat patterns with
// named arguments, for en, es, fr, pt and ar.
#pragma once

#include <string_view>
#include <vector>

namespace gz::intl::detail {

struct Message {
  std::string_view key;
  std::string_view pattern;
};

// Every message in language (an ICU language subtag such as "pt"); in
// English when the catalogue has no translation for that language.
std::vector<Message> catalog(std::string_view language);

}  // namespace gz::intl::detail
