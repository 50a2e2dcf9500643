#include "text/font_set.h"

#include <map>

#include <unicode/uloc.h>

#include "base/diag.h"

namespace gz {

std::pair<std::string, std::string> language_and_script(std::string_view bcp47) {
  if (bcp47.empty()) return {};
  char id[ULOC_FULLNAME_CAPACITY];
  char max[ULOC_FULLNAME_CAPACITY];
  UErrorCode st = U_ZERO_ERROR;
  const std::string tag(bcp47.substr(0, 100));
  uloc_forLanguageTag(tag.c_str(), id, sizeof id, nullptr, &st);
  if (U_FAILURE(st)) return {tag, ""};
  uloc_addLikelySubtags(id, max, sizeof max, &st);
  if (U_FAILURE(st)) return {tag, ""};
  char lang[ULOC_LANG_CAPACITY] = "";
  char script[ULOC_SCRIPT_CAPACITY] = "";
  uloc_getLanguage(max, lang, sizeof lang, &st);
  uloc_getScript(max, script, sizeof script, &st);
  if (U_FAILURE(st)) return {tag, ""};
  return {lang, script};
}

FontSet FontSet::load(const std::vector<FamilyFiles>& families) {
  if (families.empty()) fail_runtime("gazette", "no fonts to lay out with");
  FontSet set;
  set.families_ = families;
  std::map<std::pair<std::string, unsigned>, FaceId> by_file;
  auto face = [&](const std::string& path, unsigned index) -> FaceId {
    auto [it, fresh] = by_file.emplace(std::make_pair(path, index), FaceId(set.faces_.size()));
    if (fresh) {
      if (set.faces_.size() >= 0xFFFF) fail_runtime(path, "too many fonts in the chain");
      set.faces_.push_back(std::make_unique<Face>(path, index));
    }
    return it->second;
  };
  for (const FamilyFiles& fam : families) {
    const FaceId regular = face(fam.regular, fam.index);
    set.family_faces_.push_back({regular, fam.bold.empty() ? regular : face(fam.bold, fam.index),
                                 fam.italic.empty() ? regular : face(fam.italic, fam.index)});
    auto& langs = set.family_langs_.emplace_back();
    for (const std::string& l : fam.langs) {
      auto [lang, script] = language_and_script(l);
      // "zh-Hant" names a script: keep it; "ja" or "ur" only a language.
      const bool names_script = l.find('-') != std::string::npos;
      langs.emplace_back(lang, names_script ? script : std::string());
    }
  }
  return set;
}

std::vector<FaceId> FontSet::chain(FontId style, std::string_view lang) const {
  std::vector<FaceId> out;
  std::pair<std::string, std::string> ls;
  bool maximised = false;
  for (size_t i = 0; i < family_faces_.size(); ++i) {
    if (!family_langs_[i].empty()) {
      if (!maximised) ls = language_and_script(lang), maximised = true;
      bool match = false;
      for (const auto& [l, s] : family_langs_[i]) {
        match = match || (l == ls.first && (s.empty() || s == ls.second));
      }
      if (!match) continue;
    }
    out.push_back(family_faces_[i][style]);
    // A style the family lacks falls back to its regular face.
    if (family_faces_[i][style] != family_faces_[i][kRegular]) {
      out.push_back(family_faces_[i][kRegular]);
    }
  }
  return out;
}

}  // namespace gz
