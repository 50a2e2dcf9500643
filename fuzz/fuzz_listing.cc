// Fuzzes the listing reader (gz::parse_listing): any bytes either become
// bulletins that keep the promises of corpus/bulletin.h, or a Failure located
// in the file. Anything else (a crash, a sanitizer report, another exception,
// a hang) is a bug.
//
// The first byte picks the listing's language, so one corpus covers the
// date forms of several languages; the rest is the listing.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/diag.h"
#include "base/utf8.h"
#include "check.h"
#include "corpus/listing.h"
#include "intl/dates.h"

namespace {

constexpr std::array<const char*, 6> kLangs = {"en", "es", "fr", "pt", "ar", "ru"};
const std::string kFile = "fuzz.txt";

// Built once: ICU date formats are expensive, as in the real driver.
const gz::intl::DateParser& parser(size_t i) {
  static const auto parsers = [] {
    std::array<std::unique_ptr<gz::intl::DateParser>, kLangs.size()> p;
    for (size_t k = 0; k < kLangs.size(); ++k)
      p[k] = std::make_unique<gz::intl::DateParser>(kLangs[k]);
    return p;
  }();
  return *parsers[i];
}

// Valid UTF-8, non-empty, white space folded: what normalize_text promises.
void check_text(const std::string& s) {
  FUZZ_CHECK(!s.empty());
  FUZZ_CHECK(gz::utf8_valid(s));
  FUZZ_CHECK(s.front() != ' ' && s.back() != ' ');
  FUZZ_CHECK(s.find("  ") == std::string::npos);
  FUZZ_CHECK(s.find_first_of("\n\r\t", 0) == std::string::npos);
}

}  // namespace

// One-time set-up (ICU data, name indexes, fonts) before the first input,
// so that libFuzzer's per-input timeout measures the input's own work.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  for (size_t i = 0; i < kLangs.size(); ++i) parser(i);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t lang = data[0] % kLangs.size();
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    auto bulletins = gz::parse_listing(text, kFile, kLangs[lang], parser(lang));
    FUZZ_CHECK(!bulletins.empty());
    int last_line = 0;
    for (const auto& b : bulletins) {
      check_text(b.title);
      for (const auto& p : b.paragraphs) check_text(p);
      FUZZ_CHECK(b.lang == kLangs[lang]);
      FUZZ_CHECK(b.origin.file == kFile && b.origin.line > last_line && b.origin.col >= 1);
      last_line = b.origin.line;
      FUZZ_CHECK(gz::Date::from_ymd(b.date.ymd().year, b.date.ymd().month, b.date.ymd().day));
    }
  } catch (const gz::Failure& f) {
    const gz::Diagnostic& d = f.diag();
    FUZZ_CHECK(f.code() == gz::kExitBadInput);
    FUZZ_CHECK(d.loc.file == kFile && d.loc.line >= 1 && d.loc.col >= 1);
    FUZZ_CHECK(!d.message.empty() && gz::utf8_valid(d.message));
    FUZZ_CHECK(d.message.find('\n') == std::string::npos);
  }
  return 0;
}
