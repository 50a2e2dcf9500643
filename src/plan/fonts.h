// The font fallback chain of a spec: [layout] fonts resolved to files, or
// the default chain.
#pragma once

#include <string>
#include <vector>

#include "base/diag.h"
#include "spec/spec.h"
#include "text/font_set.h"

namespace gz {

// Where fonts are looked up by name, in order: the bundled folder
// (--font-dir: Noto Sans), then the folders of Debian's fonts-noto-core and
// fonts-noto-cjk. Never fontconfig: the same files give the same bytes,
// whatever else the machine has installed.
std::vector<std::string> font_dirs(const std::string& bundled_dir);

// The default chain, in order: Noto Sans first, then a family per script
// (see README, "Fonts").
extern const std::vector<std::string> kDefaultFonts;

// Resolves each entry of spec.fonts (the default chain when empty). A name
// without '/' and not ending in ".ttf", ".otf" or ".ttc" is looked up in
// dirs: NAME-Regular.{ttf,otf,ttc} with NAME-Bold and NAME-Italic when
// present, else NAME.{ttf,otf}; "NotoSansCJK" gives one family per regional
// face (Japanese, Korean, Traditional Chinese, and Simplified Chinese for
// any other text). Anything else is a font file relative to the spec's
// folder. Unknown names and missing files are errors at their position,
// with "did you mean"; in the default chain, a family that is not installed
// is left out (what it would draw is reported as missing glyphs), but Noto
// Sans must be there.
std::vector<FamilyFiles> resolve_fonts(const Spec& spec, const std::vector<std::string>& dirs,
                                       Diagnostics& diags);

}  // namespace gz
