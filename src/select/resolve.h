// Checks the names a spec uses (locale, time zone, period, regions,
// countries, languages) against ICU and turns them into what selection needs.
// Every mistake is reported at the position of the value in the spec.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/diag.h"
#include "select/period.h"
#include "spec/spec.h"

namespace gz {

struct Selection {
  PeriodExpr period;
  bool all_countries = true;              // neither regions nor countries given
  std::set<std::string> countries;        // alpha-2 codes the report covers
  std::vector<std::string> languages;     // empty keeps all
  std::vector<std::string> region_names;  // for the cover, in the report locale
  std::string region_slug;                // for {region} in output paths
};

// Appends errors to diags; the result is meaningful only without errors.
Selection resolve_selection(const Spec& spec, Diagnostics& diags);

// "Central America" -> "Central-America", as {region} in output paths.
std::string name_slug(const std::string& name);

// Checks locale and time_zone; errors to diags.
void check_locale_and_zone(const Spec& spec, Diagnostics& diags);

}  // namespace gz
