// Checks the names a spec uses (locale, time zone, period, regions,
// countries, languages) against ICU and turns them into what selection needs.
// Every mistake is reported at the position of the value in the spec.
#pragma once

#include <map>
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
  // Each of [select] regions: its name (as region_names) and its countries.
  std::vector<std::pair<std::string, std::set<std::string>>> region_countries;
  std::string region_slug;  // for {region} in output paths
};

// Resolves region names, following spec-defined regions (which may nest)
// with a stack to report cycles. Each spec region is resolved once and
// remembered: regions that share members ("A" = ["B", "B"], "B" = ["C",
// "C"], ...) would otherwise take time exponential in the nesting, and
// report the same mistake once per path to it. One resolver serves every
// split of a spec (they share its [regions]), so a mistake in a spec region
// is reported once, and split_by "region" over N regions indexes them once,
// not N times.
class RegionResolver {
 public:
  // spec's [regions] must outlive the resolver.
  explicit RegionResolver(const Spec& spec);

  // Adds the countries of a region name to out; false (with an error in
  // diags the first time) when it is unknown or one of its members is.
  bool add(const Spanned& name, std::set<std::string>& out, Diagnostics& diags);
  bool is_custom(const std::string& name) const { return custom_.count(name) != 0; }

 private:
  struct Resolved {
    std::set<std::string> countries;
    bool ok = true;
  };

  std::map<std::string, const std::vector<Spanned>*> custom_;
  std::vector<std::string> custom_names_;
  std::vector<std::string> stack_;
  std::map<std::string, Resolved> done_;  // spec regions resolved so far
};

// Appends errors to diags; the result is meaningful only without errors.
Selection resolve_selection(const Spec& spec, Diagnostics& diags);
// The same with the resolver of the spec spec was split from.
Selection resolve_selection(const Spec& spec, RegionResolver& regions, Diagnostics& diags);

// "Central America" -> "Central-America", as {region} in output paths.
std::string name_slug(const std::string& name);

// Checks locale and time_zone; errors to diags.
void check_locale_and_zone(const Spec& spec, Diagnostics& diags);

}  // namespace gz
