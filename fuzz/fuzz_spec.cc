// Fuzzes the spec loader: TOML text through gz::parse_spec, then, for a spec
// without shape errors, the name checks of gz::check_locale_and_zone and
// gz::resolve_selection, the period on extreme "today"s, and the output path.
// Any bytes must end in diagnostics or a Failure; an output path that is
// accepted must stay inside the output folder.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "base/diag.h"
#include "base/utf8.h"
#include "check.h"
#include "deliver/output.h"
#include "geo/geo.h"
#include "intl/locale.h"
#include "select/period.h"
#include "select/resolve.h"
#include "spec/spec.h"

namespace {

const std::string kFile = "fuzz/spec.toml";

void check_diagnostics(const gz::Diagnostics& diags) {
  for (const auto& d : diags.items()) {
    FUZZ_CHECK(d.loc.file == kFile);
    FUZZ_CHECK(d.loc.line >= 1 && d.loc.col >= 1);
    FUZZ_CHECK(!d.message.empty());
  }
}

void check_inside(const std::string& rel) {
  std::filesystem::path p(rel);
  FUZZ_CHECK(!p.is_absolute() && !p.has_root_path());
  for (const auto& part : p) FUZZ_CHECK(part != "..");
  FUZZ_CHECK(!p.filename().empty() && p.filename() != "." && p.filename() != "..");
}

}  // namespace

// One-time set-up (ICU data, name indexes, fonts) before the first input,
// so that libFuzzer's per-input timeout measures the input's own work.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gz::geo::resolve_place("Nowhere");
  gz::geo::suggestion_names();
  gz::intl::known_locale_ids();
  gz::intl::known_time_zone_ids();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gz::Diagnostics diags;
  try {
    gz::Spec spec = gz::parse_spec(text, kFile, diags);
    check_diagnostics(diags);
    if (diags.has_errors()) return 0;
    gz::check_locale_and_zone(spec, diags);
    gz::Selection sel = gz::resolve_selection(spec, diags);
    check_diagnostics(diags);
    if (diags.has_errors()) return 0;
    // The driver resolves the period on the as-of day; try the ends of the
    // range --as-of accepts, and a day in between.
    for (auto as_of : {gz::Date::from_ymd(1, 1, 1), gz::Date::from_ymd(2021, 8, 10),
                       gz::Date::from_ymd(9999, 12, 31)}) {
      gz::Period p;
      try {
        p = gz::resolve_period(sel.period, *as_of);
      } catch (const gz::Failure& f) {
        FUZZ_CHECK(f.code() == gz::kExitBadInput && !f.diag().message.empty());
        continue;
      }
      FUZZ_CHECK(p.first <= p.last);
      FUZZ_CHECK(*gz::Date::from_ymd(1, 1, 1) <= p.first);
      FUZZ_CHECK(p.last <= *gz::Date::from_ymd(9999, 12, 31));
      const std::map<std::string, std::string> values{{"region", sel.region_slug},
                                                      {"period", gz::period_slug(p)},
                                                      {"title", spec.title},
                                                      {"locale", spec.locale.text}};
      gz::Diagnostics path_diags;
      std::string rel = gz::expand_output_path(spec.output_path, values, path_diags);
      if (path_diags.has_errors()) {
        FUZZ_CHECK(rel.empty());
      } else {
        check_inside(rel);
      }
    }
  } catch (const gz::Failure& f) {
    const gz::Diagnostic& d = f.diag();
    FUZZ_CHECK(f.code() == gz::kExitBadInput);
    FUZZ_CHECK(d.loc.file == kFile && d.loc.line >= 1 && d.loc.col >= 1);
    FUZZ_CHECK(!d.message.empty());
  }
  return 0;
}
