// Fuzzes the TOML loader, where the structure of TOML itself is the attack
// (issue 13: 50,000 dotted keys overflowed toml++'s recursion): the bytes
// as a spec (gz::parse_spec: the nesting check, then toml++), and as the
// front matter of a bulletin file (gz::parse_bulletin_file). Any bytes must
// end in a value or a located Failure with exit code 2; ASan catches a
// stack overflow or a bad access in toml++.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/diag.h"
#include "check.h"
#include "corpus/bulletin_file.h"
#include "corpus/read_context.h"
#include "spec/spec.h"

namespace {

void check_failure(const gz::Failure& f, const std::string& file) {
  const gz::Diagnostic& d = f.diag();
  FUZZ_CHECK(f.code() == gz::kExitBadInput);
  FUZZ_CHECK(d.loc.file == file && d.loc.line >= 1);
  FUZZ_CHECK(!d.message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string spec_file = "fuzz/toml.toml", md_file = "fuzz/toml.md";
  try {
    gz::Diagnostics diags;
    gz::parse_spec(text, spec_file, diags);
    for (const auto& d : diags.items()) FUZZ_CHECK(d.loc.file == spec_file && !d.message.empty());
  } catch (const gz::Failure& f) {
    check_failure(f, spec_file);
  }
  try {
    // "en": a front matter without lang is still read through.
    gz::corpus_detail::ReadContext ctx{"en", gz::OnBadBulletin::Fail, nullptr};
    gz::parse_bulletin_file("+++\n" + std::string(text) + "\n+++\nBody.\n", md_file, ctx);
  } catch (const gz::Failure& f) {
    check_failure(f, md_file);
  }
  return 0;
}
