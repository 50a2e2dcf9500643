// Countries and regions: ISO 3166 alpha-2 territories and UN M49 regions from
// ICU's icu::Region, with names in any language ICU knows.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gz::geo {

// A resolved place: either a country ("PA") or an M49 region ("013").
struct Place {
  std::string code;
  bool is_country = false;
};

// Resolves what a user wrote: an M49 code ("013", "419"), an alpha-2 code
// ("PA", case-insensitive), or a name in any ICU language, compared loosely
// (case and accents ignored): "Central America", "Centroamérica", "Panama",
// "Panamá". nullopt when nothing matches.
std::optional<Place> resolve_place(std::string_view text);

// Names to offer in "did you mean": English names of every country and region.
const std::vector<std::string>& suggestion_names();

// Alpha-2 codes of the countries (territories) in an M49 region, recursively;
// a country code gives itself. Sorted.
std::vector<std::string> countries_in(const Place& p);

// True for the ISO 3166 alpha-2 code of a territory ICU knows ("PA"; upper
// case only, as Bulletin::countries holds them).
bool is_country_code(std::string_view code);

// The alpha-2 code of an ISO 3166 alpha-3 one, either case ("PAN", "pan" ->
// "PA"), from ICU's territory data; nullopt when ICU knows none.
std::optional<std::string> alpha2_of_alpha3(std::string_view code);

// Display name in a locale: ("PA","es") -> "Panamá"; ("013","es") -> "Centroamérica".
std::string display_name(const std::string& code, const std::string& locale);

// Finds the countries a text names, as whole words, ignoring case and accents,
// by their names in the given language and in English (plus common short
// forms ICU gives, e.g. "U.S."?). Built once per language; thread-compatible.
class CountryTagger {
 public:
  // own_names: (name, alpha-2 code) pairs of a spec's [aliases], matched
  // before any other name; a name given several codes tags them all.
  explicit CountryTagger(const std::string& lang,
                         const std::vector<std::pair<std::string, std::string>>& own_names = {});
  ~CountryTagger();
  CountryTagger(CountryTagger&&) noexcept;

  // Alpha-2 codes, sorted, unique.
  std::vector<std::string> tag(std::string_view text) const;
  // The title's countries; the body's when the title names none.
  std::vector<std::string> tag_bulletin(std::string_view title,
                                        const std::vector<std::string>& paragraphs) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gz::geo
