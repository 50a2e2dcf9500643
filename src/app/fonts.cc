#include "app/fonts.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace gz {

namespace fs = std::filesystem;

const std::vector<std::string> kBundledFonts = {
    "NotoSans",         "NotoSansArabic",    "NotoSansHebrew", "NotoSansThai", "NotoSansArmenian",
    "NotoSansGeorgian", "DroidSansFallback", "GazetteHangul",  "NotoSansMath"};

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string if_exists(const fs::path& p) { return is_file(p) ? p.string() : std::string(); }

// The family names a folder offers: file names less their style suffix.
std::vector<std::string> bundled_names(const std::string& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string stem = e.path().stem().string();
    if (e.path().extension() != ".ttf") continue;
    for (const char* suffix : {"-Regular", "-Bold", "-Italic", "-Part"}) {
      if (size_t at = stem.rfind(suffix); at != std::string::npos && at > 0) {
        stem.resize(at);
        break;
      }
    }
    names.insert(stem);
  }
  return {names.begin(), names.end()};
}

// Appends the families of a bundled name; false when there is none.
bool add_bundled(const std::string& name, const fs::path& dir, std::vector<FamilyFiles>& out) {
  if (is_file(dir / (name + "-Regular.ttf"))) {
    out.push_back({name, (dir / (name + "-Regular.ttf")).string(),
                   if_exists(dir / (name + "-Bold.ttf")), if_exists(dir / (name + "-Italic.ttf"))});
    return true;
  }
  if (is_file(dir / (name + ".ttf"))) {
    out.push_back({name, (dir / (name + ".ttf")).string(), {}, {}});
    return true;
  }
  bool any = false;
  for (int part = 1; is_file(dir / (name + "-Part" + std::to_string(part) + ".ttf")); ++part) {
    out.push_back(
        {name, (dir / (name + "-Part" + std::to_string(part) + ".ttf")).string(), {}, {}});
    any = true;
  }
  return any;
}

bool is_path(const std::string& entry) {
  return entry.find('/') != std::string::npos ||
         (entry.size() > 4 && entry.compare(entry.size() - 4, 4, ".ttf") == 0);
}

}  // namespace

std::vector<FamilyFiles> resolve_fonts(const Spec& spec, const std::string& font_dir,
                                       Diagnostics& diags) {
  std::vector<FamilyFiles> out;
  if (spec.fonts.empty()) {
    for (const std::string& name : kBundledFonts) {
      if (!add_bundled(name, font_dir, out)) {
        fail_runtime(font_dir, "bundled font '" + name + "' is missing");
      }
    }
    return out;
  }
  const fs::path spec_dir = fs::path(spec.file).parent_path();
  std::vector<std::string> known;
  for (const Spanned& entry : spec.fonts) {
    if (is_path(entry.text)) {
      fs::path p = spec_dir / entry.text;  // an absolute path stays as it is
      if (!is_file(p)) {
        diags.error(entry.loc,
                    "font file '" + entry.text + "' not found (looked for " + p.string() + ")");
        continue;
      }
      out.push_back({entry.text, p.string(), {}, {}});
      continue;
    }
    if (add_bundled(entry.text, font_dir, out)) continue;
    if (known.empty()) known = bundled_names(font_dir);
    std::string hint = did_you_mean(entry.text, known);
    if (hint.empty())
      hint = "bundled fonts are " + [&] {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "'" : ", '") + k + "'";
        return list;
      }();
    diags.error(entry.loc, "unknown font '" + entry.text + "'", std::move(hint));
  }
  return out;
}

std::vector<std::string> FontSets::key(const std::vector<FamilyFiles>& chain) {
  std::vector<std::string> k;
  for (const FamilyFiles& f : chain) k.insert(k.end(), {f.regular, f.bold, f.italic});
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
