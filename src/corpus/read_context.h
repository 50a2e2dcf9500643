// What every source reader needs besides the text: the source's defaults
// and what to do with a bad bulletin. Internal to src/corpus.
#pragma once

#include <string>
#include <string_view>

#include "base/diag.h"
#include "spec/spec.h"

namespace gz::corpus_detail {

struct ReadContext {
  std::string default_lang;  // the source's lang; "" when not given
  OnBadBulletin on_bad = OnBadBulletin::Fail;
  Diagnostics* warnings = nullptr;  // where skipped bulletins are reported

  // Runs read_one, which reads one bulletin and throws Failure when it is
  // bad. Returns true when it succeeded; false when it failed and the
  // source skips bad bulletins (a warning is added). Failures of the
  // environment (exit 1) and failing sources rethrow.
  template <class F>
  bool guard(F&& read_one) const {
    try {
      read_one();
      return true;
    } catch (const Failure& f) {
      if (on_bad != OnBadBulletin::Skip || f.code() != kExitBadInput || !warnings) throw;
      skipped(f.diag());
      return false;
    }
  }
  void skipped(const Diagnostic& d) const;

  // The language of a bulletin: given (a BCP 47 tag or ICU id, from the
  // bulletin or its feed) when not empty, else the source's. Canonical
  // BCP 47 ("en-us" -> "en-US"). Fails at `at` when the language is unknown
  // or there is none.
  std::string language(std::string_view given, const Location& at) const;
};

}  // namespace gz::corpus_detail
