#include "select/select.h"

#include <algorithm>

namespace gz {

static std::string primary_language(const std::string& tag) {
  std::string p = tag.substr(0, tag.find_first_of("-_"));
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
  return p;
}

bool language_kept(const std::string& lang, const std::vector<std::string>& kept) {
  if (kept.empty()) return true;
  std::string l = primary_language(lang);
  return std::any_of(kept.begin(), kept.end(),
                     [&](const std::string& k) { return primary_language(k) == l; });
}

std::vector<const Bulletin*> select_bulletins(const std::vector<Bulletin>& all,
                                              const Selection& sel, const Period& period) {
  std::vector<const Bulletin*> pointers;
  pointers.reserve(all.size());
  for (const Bulletin& b : all) pointers.push_back(&b);
  return select_bulletins(pointers, sel, period);
}

std::vector<const Bulletin*> select_bulletins(const std::vector<const Bulletin*>& all,
                                              const Selection& sel, const Period& period) {
  std::vector<const Bulletin*> out;
  for (const Bulletin* b : all) {
    if (!period.contains(b->date) || !language_kept(b->lang, sel.languages)) continue;
    if (!sel.all_countries &&
        std::none_of(b->countries.begin(), b->countries.end(),
                     [&](const std::string& c) { return sel.countries.count(c) != 0; }))
      continue;
    out.push_back(b);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Bulletin* a, const Bulletin* b) { return a->date < b->date; });
  return out;
}

}  // namespace gz
