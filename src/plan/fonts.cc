#include "plan/fonts.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace gz {

namespace fs = std::filesystem;

std::vector<std::string> font_dirs(const std::string& bundled_dir) {
  return {bundled_dir, "/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"};
}

const std::vector<std::string> kDefaultFonts = {
    "NotoSans",         "NotoNastaliqUrdu", "NotoSansArabic",   "NotoSansHebrew",
    "NotoSansThai",     "NotoSansArmenian", "NotoSansGeorgian", "NotoSansDevanagari",
    "NotoSansBengali",  "NotoSansGurmukhi", "NotoSansGujarati", "NotoSansOriya",
    "NotoSansTamil",    "NotoSansTelugu",   "NotoSansKannada",  "NotoSansMalayalam",
    "NotoSansSinhala",  "NotoSansMyanmar",  "NotoSansKhmer",    "NotoSansLao",
    "NotoSansEthiopic", "NotoSerifTibetan", "NotoSansThaana",   "NotoSansSyriac",
    "NotoSansCJK",      "NotoSansMath",     "NotoSansSymbols",  "NotoSansSymbols2"};

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

constexpr const char* kExtensions[] = {".ttf", ".otf", ".ttc"};

// dir/NAME-STYLE.ext for the first extension that exists, else "".
std::string find(const std::vector<std::string>& dirs, const std::string& stem) {
  for (const std::string& dir : dirs) {
    for (const char* ext : kExtensions) {
      fs::path p = fs::path(dir) / (stem + ext);
      if (is_file(p)) return p.string();
    }
  }
  return {};
}

// Families that serve only some languages: Nastaliq is how Urdu is written;
// Noto Sans CJK has a face per region, whose forms differ.
std::vector<std::string> langs_of(const std::string& name) {
  if (name == "NotoNastaliqUrdu") return {"ur"};
  return {};
}

// The family names the folders offer: file names less their style suffix.
std::vector<std::string> known_names(const std::vector<std::string>& dirs) {
  std::set<std::string> names;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string ext = e.path().extension().string();
      if (std::none_of(std::begin(kExtensions), std::end(kExtensions),
                       [&](const char* x) { return ext == x; })) {
        continue;
      }
      std::string stem = e.path().stem().string();
      for (const char* suffix : {"-Regular", "-Bold", "-Italic", "-BoldItalic"}) {
        if (size_t at = stem.rfind(suffix); at != std::string::npos && at > 0) {
          stem.resize(at);
          break;
        }
      }
      names.insert(stem);
    }
  }
  return {names.begin(), names.end()};
}

// Appends the families of a name; false when there is none.
bool add_named(const std::string& name, const std::vector<std::string>& dirs,
               std::vector<FamilyFiles>& out) {
  std::string regular = find(dirs, name + "-Regular");
  if (regular.empty()) regular = find(dirs, name);
  if (regular.empty()) return false;
  FamilyFiles fam{name, regular,       find(dirs, name + "-Bold"), find(dirs, name + "-Italic"),
                  0,    langs_of(name)};
  if (name == "NotoSansCJK") {
    // Faces of the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK.
    const std::pair<unsigned, std::vector<std::string>> faces[] = {
        {0, {"ja"}}, {1, {"ko"}}, {3, {"zh-Hant"}}, {2, {}}};
    for (const auto& [index, langs] : faces) {
      FamilyFiles f = fam;
      f.index = index;
      f.langs = langs;
      out.push_back(f);
    }
    return true;
  }
  out.push_back(std::move(fam));
  return true;
}

bool is_path(const std::string& entry) {
  if (entry.find('/') != std::string::npos) return true;
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* ext) {
    return entry.size() > 4 && entry.compare(entry.size() - 4, 4, ext) == 0;
  });
}

}  // namespace

std::vector<FamilyFiles> resolve_fonts(const Spec& spec, const std::vector<std::string>& dirs,
                                       Diagnostics& diags) {
  std::vector<FamilyFiles> out;
  if (spec.fonts.empty()) {
    for (const std::string& name : kDefaultFonts) {
      if (!add_named(name, dirs, out) && out.empty()) {
        fail_runtime(dirs.front(), "font '" + name + "' is missing (looked for " + name +
                                       "-Regular.ttf there and in " + dirs[1] +
                                       "; gazette finds its "
                                       "fonts in ../share/gazette/fonts next to its binary: "
                                       "install it with 'cmake --install', or pass --font-dir)");
      }
    }
    return out;
  }
  const fs::path spec_dir = fs::path(spec.file).parent_path();
  std::vector<std::string> known;
  // A font the spec names is opened now, so that `check` and `build` report
  // a damaged one at its line before any source is read (the bundled
  // chain's fonts come with Gazette and open when first drawn with).
  auto usable = [&](const Spanned& entry, const FamilyFiles& family) {
    for (const std::string* file : {&family.regular, &family.bold, &family.italic}) {
      if (file->empty()) continue;
      try {
        Face::check_file(*file, family.index);
      } catch (const Failure& f) {
        diags.error(entry.loc,
                    "font '" + entry.text + "' cannot be used: " + *file + ": " + f.diag().message);
        return false;
      }
    }
    return true;
  };
  for (const Spanned& entry : spec.fonts) {
    if (is_path(entry.text)) {
      fs::path p = spec_dir / entry.text;  // an absolute path stays as it is
      if (!is_file(p)) {
        diags.error(entry.loc,
                    "font file '" + entry.text + "' not found (looked for " + p.string() + ")");
        continue;
      }
      FamilyFiles family{entry.text, p.string(), {}, {}, 0, {}};
      if (usable(entry, family)) out.push_back(std::move(family));
      continue;
    }
    if (add_named(entry.text, dirs, out)) {
      if (!usable(entry, out.back())) out.pop_back();
      continue;
    }
    if (known.empty()) known = known_names(dirs);
    std::string hint = did_you_mean(entry.text, known);
    if (hint.empty())
      hint = "fonts are looked up in " + dirs.front() + " and Debian's Noto folders";
    diags.error(entry.loc, "unknown font '" + entry.text + "'", std::move(hint));
  }
  return out;
}

}  // namespace gz
