// The fonts of a run: the chains the plan resolved (plan/fonts.h), each
// read once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plan/fonts.h"
#include "text/font_set.h"

namespace gz {

// The fonts of a run, one FontSet per distinct chain. Loaded before
// rendering starts, then only read (by every rendering thread); faces open
// on first use.
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
