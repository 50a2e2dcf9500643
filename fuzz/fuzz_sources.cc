// Fuzzes the readers of the other source formats, which parse files from
// elsewhere: RSS and Atom feeds (libxml2, HTML bodies), ReliefWeb API
// exports (jsoncpp, HTML or Markdown bodies) and bulletin files (TOML front
// matter, Markdown). The first byte picks the reader (its value modulo 3)
// and whether bad bulletins are skipped (bit 2); the rest is the file.
//
// Any bytes must end in bulletins that keep the promises of
// corpus/bulletin.h (text valid UTF-8 and folded, marks inside their
// paragraph) or in a Failure located in the file; warnings of skipped
// bulletins are located in the file too.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diag.h"
#include "base/utf8.h"
#include "check.h"
#include "corpus/bulletin_file.h"
#include "corpus/feed.h"
#include "corpus/read_context.h"
#include "corpus/reliefweb.h"
#include "geo/geo.h"
#include "intl/locale.h"

namespace {

const std::string kFile = "fuzz.src";

void check_text(const std::string& s) {
  FUZZ_CHECK(gz::utf8_valid(s));
  FUZZ_CHECK(s.empty() || (s.front() != ' ' && s.back() != ' '));
  FUZZ_CHECK(s.find("  ") == std::string::npos);
}

void check_bulletin(const gz::Bulletin& b) {
  FUZZ_CHECK(!b.title.empty());
  check_text(b.title);
  for (const auto& p : b.paragraphs) check_text(p);
  FUZZ_CHECK(gz::Date::from_ymd(b.date.ymd().year, b.date.ymd().month, b.date.ymd().day));
  FUZZ_CHECK(b.origin.file == kFile && b.origin.line >= 1);
  FUZZ_CHECK(b.marks.empty() || b.marks.size() == b.paragraphs.size());
  for (size_t i = 0; i < b.marks.size(); ++i) {
    const std::string& p = b.paragraphs[i];
    for (const gz::TextMark& m : b.marks[i]) {
      FUZZ_CHECK(m.begin <= m.end && m.end <= p.size());
      // On code point boundaries: layout may draw a mark in another font.
      FUZZ_CHECK(m.begin == p.size() || (p[m.begin] & 0xC0) != 0x80);
      FUZZ_CHECK(m.end == p.size() || (p[m.end] & 0xC0) != 0x80);
    }
  }
  for (const auto& c : b.countries) FUZZ_CHECK(c.size() == 2);
}

void check_located(const gz::Diagnostic& d) {
  FUZZ_CHECK(d.loc.file == kFile);
  FUZZ_CHECK(!d.message.empty());
}

}  // namespace

// One-time set-up (ICU data, name indexes, fonts) before the first input,
// so that libFuzzer's per-input timeout measures the input's own work.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gz::geo::resolve_place("Nowhere");
  gz::geo::suggestion_names();
  gz::intl::is_known_locale("en");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int reader = data[0] % 3;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  gz::Diagnostics warnings;
  const gz::corpus_detail::ReadContext ctx{
      "en", data[0] & 4 ? gz::OnBadBulletin::Skip : gz::OnBadBulletin::Fail, &warnings};
  try {
    std::vector<gz::Bulletin> out;
    if (reader == 0) {
      out = gz::parse_feed(text, kFile, gz::SourceFormat::Auto, ctx);
    } else if (reader == 1) {
      out = gz::parse_reliefweb(text, kFile, ctx);
    } else {
      out.push_back(gz::parse_bulletin_file(text, kFile, ctx));
    }
    for (const auto& b : out) check_bulletin(b);
  } catch (const gz::Failure& f) {
    FUZZ_CHECK(f.code() == gz::kExitBadInput);
    check_located(f.diag());
  }
  for (const auto& w : warnings.items()) check_located(w);
  return 0;
}
