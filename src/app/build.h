// The build command over concrete variants: render in parallel (--jobs),
// skip unchanged ones (--if-changed), write .eml files (--dry-run) or send
// (--send) with the delivery journal. Prints what cron should see: nothing
// on success, errors always, a line per variant with --verbose.
#pragma once

#include <iosfwd>
#include <vector>

#include "app/driver.h"
#include "app/fonts.h"
#include "app/variants.h"
#include "app/world.h"
#include "text/font_set.h"

namespace gz {

// Returns the exit code for these variants (0, 1, 2 or 75).
int build_variants(std::vector<Variant>& variants, const Options& opts, const World& world,
                   const FontSets& fonts, const std::string& state_dir, Reporter& reporter);

}  // namespace gz
