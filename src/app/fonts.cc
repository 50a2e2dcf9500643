#include "app/fonts.h"

namespace gz {

std::vector<std::string> FontSets::key(const std::vector<FamilyFiles>& chain) {
  std::vector<std::string> k;
  for (const FamilyFiles& f : chain) {
    k.insert(k.end(), {f.regular, f.bold, f.italic, std::to_string(f.index)});
    for (const std::string& l : f.langs) k.push_back(l);
    k.emplace_back();
  }
  return k;
}

void FontSets::load(const std::vector<FamilyFiles>& chain) {
  std::vector<std::string> k = key(chain);
  if (!sets_.count(k)) sets_.emplace(std::move(k), FontSet::load(chain));
}

const FontSet& FontSets::at(const std::vector<FamilyFiles>& chain) const {
  return sets_.at(key(chain));
}

}  // namespace gz
