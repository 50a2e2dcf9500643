#include "select/resolve.h"

#include <algorithm>
#include <map>

#include "base/limits.h"
#include "geo/geo.h"
#include "intl/locale.h"

namespace gz {

RegionResolver::RegionResolver(const Spec& spec) {
  for (const auto& [name, members] : spec.custom_regions) {
    custom_.emplace(name.text, &members);
    custom_names_.push_back(name.text);
  }
}

bool RegionResolver::add(const Spanned& name, std::set<std::string>& out, Diagnostics& diags) {
  if (auto it = custom_.find(name.text); it != custom_.end()) {
    if (auto done = done_.find(name.text); done != done_.end()) {
      out.insert(done->second.countries.begin(), done->second.countries.end());
      return done->second.ok;
    }
    if (std::find(stack_.begin(), stack_.end(), name.text) != stack_.end()) {
      std::string chain;
      for (const auto& s : stack_) chain += "'" + s + "' -> ";
      diags.error(name.loc,
                  "region '" + name.text + "' contains itself (" + chain + "'" + name.text + "')");
      return false;
    }
    // Recursion depth is the nesting depth: bound it, or a long chain in
    // a spec overflows the stack.
    if (stack_.size() >= limits::kMaxRegionNesting) {
      diags.error(name.loc, "regions nest more than " + std::to_string(limits::kMaxRegionNesting) +
                                " deep at '" + name.text + "'");
      return false;
    }
    stack_.push_back(name.text);
    Resolved r;
    for (const auto& m : *it->second) r.ok = add(m, r.countries, diags) && r.ok;
    stack_.pop_back();
    out.insert(r.countries.begin(), r.countries.end());
    return done_.emplace(name.text, std::move(r)).first->second.ok;
  }
  auto place = geo::resolve_place(name.text);
  if (!place) {
    std::vector<std::string> candidates = custom_names_;
    const auto& names = geo::suggestion_names();
    candidates.insert(candidates.end(), names.begin(), names.end());
    diags.error(name.loc, "unknown region '" + name.text + "'",
                did_you_mean(name.text, candidates));
    return false;
  }
  for (auto& c : geo::countries_in(*place)) out.insert(std::move(c));
  return true;
}

// Letters and digits of any script are kept, everything else becomes one '-'.
std::string name_slug(const std::string& s) {
  std::string out;
  bool dash = false;
  for (unsigned char c : s) {
    bool keep =
        c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += char(c);
    } else {
      dash = true;
    }
  }
  return out;
}

void check_locale_and_zone(const Spec& spec, Diagnostics& diags) {
  if (!intl::is_known_locale(spec.locale.text))
    diags.error(spec.locale.loc, "unknown locale '" + spec.locale.text + "'",
                intl::suggest_language(spec.locale.text));
  if (!intl::is_known_time_zone(spec.time_zone.text))
    diags.error(spec.time_zone.loc, "unknown time zone '" + spec.time_zone.text + "'",
                did_you_mean(spec.time_zone.text, intl::known_time_zone_ids()));
  for (const auto& s : spec.sources)
    if (!s.lang.empty() && !intl::is_language_tag(s.lang))
      diags.error(s.lang_loc.line > 0 ? s.lang_loc : s.loc, "unknown language '" + s.lang + "'",
                  intl::suggest_language(s.lang));
  for (const auto& [name, codes] : spec.aliases) {
    for (const Spanned& c : codes) {
      if (!geo::is_country_code(c.text))
        diags.error(c.loc, "alias '" + name.text + "': unknown country code '" + c.text + "'");
    }
  }
}

Selection resolve_selection(const Spec& spec, Diagnostics& diags) {
  RegionResolver regions(spec);
  return resolve_selection(spec, regions, diags);
}

Selection resolve_selection(const Spec& spec, RegionResolver& regions, Diagnostics& diags) {
  Selection sel;
  std::string error, hint;
  if (auto p = parse_period(spec.period.text, &error, &hint)) {
    sel.period = *p;
  } else {
    diags.error(spec.period.loc, error, hint);
  }

  std::string locale = intl::is_known_locale(spec.locale.text) ? spec.locale.text : "en";
  std::vector<std::string> labels;
  for (const auto& r : spec.regions) {
    std::set<std::string> members;
    if (!regions.add(r, members, diags)) continue;
    sel.countries.insert(members.begin(), members.end());
    if (regions.is_custom(r.text)) {
      labels.push_back(r.text);
    } else {
      auto place = geo::resolve_place(r.text);
      labels.push_back(geo::display_name(place->code, locale));
    }
    sel.region_countries.emplace_back(labels.back(), std::move(members));
  }
  for (const auto& c : spec.countries) {
    auto place = geo::resolve_place(c.text);
    if (!place) {
      std::vector<std::string> names = geo::suggestion_names();
      diags.error(c.loc, "unknown country '" + c.text + "'", did_you_mean(c.text, names));
      continue;
    }
    if (!place->is_country) {
      diags.error(c.loc, "'" + c.text + "' is a region, not a country", "list it under 'regions'");
      continue;
    }
    sel.countries.insert(place->code);
    labels.push_back(geo::display_name(place->code, locale));
  }
  sel.all_countries = spec.regions.empty() && spec.countries.empty();
  for (const auto& l : spec.languages) {
    if (!intl::is_language_tag(l.text)) {
      diags.error(l.loc, "unknown language '" + l.text + "'", intl::suggest_language(l.text));
      continue;
    }
    sel.languages.push_back(l.text);
  }
  sel.region_names = labels;
  std::string joined;
  for (const auto& l : labels) joined += (joined.empty() ? "" : "+") + name_slug(l);
  sel.region_slug = joined.empty() ? "all" : joined;
  return sel;
}

}  // namespace gz
