#include "corpus/read_context.h"

#include <algorithm>

#include "intl/locale.h"

namespace gz::corpus_detail {

void ReadContext::skipped(const Diagnostic& d) const {
  // The same words as the error it would have been, so one search finds both.
  std::string hint = d.hint.empty() ? "bulletin skipped" : d.hint + "; bulletin skipped";
  warnings->warning(d.loc, d.message, std::move(hint));
}

std::string ReadContext::language(std::string_view given, const Location& at) const {
  std::string id(given.empty() ? std::string_view(default_lang) : given);
  if (id.empty())
    fail(at, "bulletin gives no language", "set 'lang' in its [[sources]] entry of the spec");
  if (!intl::is_language_tag(id)) {
    fail(at, "unknown language '" + id + "'", intl::suggest_language(id));
  }
  std::string tag = intl::canonical_locale(id);
  std::replace(tag.begin(), tag.end(), '_', '-');
  return tag;
}

}  // namespace gz::corpus_detail
