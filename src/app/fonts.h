// The font fallback chain of a spec: [layout] fonts resolved to files, or
// the bundled chain.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/diag.h"
#include "layout/font_metrics.h"
#include "spec/spec.h"

namespace gz {

// The bundled chain, in order: Noto Sans first, then the script fonts.
extern const std::vector<std::string> kBundledFonts;

// Resolves each entry of spec.fonts (the bundled chain when empty). A name
// without '/' and not ending in ".ttf" is a bundled font of font_dir:
// NAME-Regular.ttf with NAME-Bold.ttf and NAME-Italic.ttf when present,
// else NAME.ttf, else NAME-Part1.ttf, NAME-Part2.ttf... (one family each,
// for fonts split for libharu). Anything else is a TrueType file relative to
// the spec's folder. Unknown names and missing files are errors at their
// position, with "did you mean".
std::vector<FamilyFiles> resolve_fonts(const Spec& spec, const std::string& font_dir,
                                       Diagnostics& diags);

// The fonts of a run, one FontSet per distinct chain, read once. Loaded
// before rendering starts, then only read (by every rendering thread).
class FontSets {
 public:
  void load(const std::vector<FamilyFiles>& chain);
  // The set of a chain given to load().
  const FontSet& at(const std::vector<FamilyFiles>& chain) const;

 private:
  static std::vector<std::string> key(const std::vector<FamilyFiles>& chain);
  std::map<std::vector<std::string>, FontSet> sets_;
};

}  // namespace gz
