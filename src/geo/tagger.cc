// CountryTagger: whole-word, longest-match lookup of country names.
#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

#include <unicode/translit.h>
#include <unicode/utf8.h>

#include "geo/detail.h"
#include "geo/geo.h"

namespace gz::geo {
namespace {

struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Values: a country code; "" for a key that only begins longer names
// ("papua new"), so a scan knows to read on; kNotACountry for phrases such
// as "new mexico" that must swallow their words and tag nothing.
constexpr std::string_view kNotACountry = "-";

// Markers a key may have instead of a country code. kUsState: a U.S. state,
// which tags the United States and makes "Georgia" and "Jersey" in the same
// text the states; kUsCity: a U.S. city, which does the latter only;
// kBrazzaville: makes a bare "Congo" the Republic of the Congo.
constexpr std::string_view kUsState = "~US";
constexpr std::string_view kUsCity = "~us";
constexpr std::string_view kBrazzaville = "~cg";

// Words after "Chad" that make it the country although they are capitalised
// (otherwise "Chad Smith" is a man): "Chad President Déby", "Lake Chad Basin".
constexpr std::string_view kChadFollowers[] = {
    "army",     "authorities", "basin",     "border",     "capital",    "chadian", "civil",
    "coup",     "election",    "elections", "floods",     "government", "junta",   "lake",
    "military", "minister",    "national",  "parliament", "president",  "prime",   "rebels",
    "refugees", "says",        "troops",    "and",        "to",         "in",      "of",
};

struct Hit {
  std::string_view code;
  std::string_view key;
};

struct Context {
  bool us_state = false;
  bool brazzaville = false;
};

bool starts_upper(std::string_view word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return true;  // other scripts: no reliable case here; letters count as capitals
}

}  // namespace

struct CountryTagger::Impl {
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> keys;
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> acronyms;
  // Names inside runs of letters, for languages written without spaces: by
  // the key's first code point, longest key first.
  std::unordered_map<char32_t, std::vector<std::pair<std::string, std::string>>> infix;
  detail::WordForms forms;

  explicit Impl(std::string_view language) : forms(language) {}

  // Keys wait in `pending` until finish(): with inflection rules, every
  // name word must be known before any key is rewritten in name words.
  std::vector<std::pair<std::string, std::string>> pending;

  // The first code given for a key wins: callers add the language's own names first.
  void add(const std::string& key, std::string_view code) {
    if (!key.empty()) pending.emplace_back(key, code);
  }

  void insert(const std::string& key, const std::string& code) {
    for (size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1)) {
      keys.try_emplace(key.substr(0, p));
    }
    auto [it, inserted] = keys.try_emplace(key, code);
    if (!inserted && it->second.empty()) it->second = code;
  }

  void add_infix(const std::string& key, const std::string& code) {
    if (key.empty() || key.find(' ') != std::string::npos) return;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(key.data(), i, static_cast<int32_t>(key.size()), c);
    if (c < 0 || !detail::is_unspaced_letter(static_cast<char32_t>(c))) return;
    auto& v = infix[static_cast<char32_t>(c)];
    for (const auto& [k, code_of_k] : v) {
      if (k == key) return;  // the first code given wins, as for keys
    }
    v.emplace_back(key, code);
  }

  void finish() {
    if (forms.active()) {
      for (const auto& [key, code] : pending) {
        size_t from = 0;
        for (size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1)) {
          forms.add_name_word(key.substr(from, p - from), false);
          from = p + 1;
        }
        forms.add_name_word(key.substr(from), true);
      }
    }
    for (const auto& [key, code] : pending) insert(forms.active() ? canonical(key) : key, code);
    pending.clear();
    for (auto& [c, v] : infix) {
      std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
        return a.first.size() > b.first.size();
      });
    }
  }

  // A key with each word rewritten as canonicalise() rewrites text.
  std::string canonical(const std::string& key) const {
    std::string out;
    size_t from = 0;
    for (;;) {
      const size_t p = key.find(' ', from);
      std::string_view word = std::string_view(key).substr(from, p - from);
      if (!out.empty()) out += ' ';
      const std::string* name = forms.find(word);
      out += name ? std::string_view(*name) : word;
      if (p == std::string::npos) break;
      from = p + 1;
    }
    return out;
  }

  // Rewrites each folded word that is an inflected or prefixed form of a
  // name word as that name word.
  void canonicalise(detail::Words& w) const {
    if (!forms.active()) return;
    std::string out;
    bool changed = false;
    for (size_t i = 0; i < w.size(); ++i) {
      std::string_view word = w.folded_span(i, i);
      if (i > 0) out += ' ';
      if (const std::string* name = forms.find(word)) {
        out += *name;
        changed = true;
      } else {
        out += word;
      }
    }
    if (!changed) return;
    w.folded = std::move(out);
    w.reindex();
  }

  // Longest keys first, left to right, inside one run of letters.
  void scan_infix(std::string_view word, std::vector<Hit>& out) const {
    const int32_t n = static_cast<int32_t>(word.size());
    for (int32_t i = 0; i < n;) {
      int32_t next = i;
      UChar32 c;
      U8_NEXT(word.data(), next, n, c);
      if (c >= 0) {
        if (auto it = infix.find(static_cast<char32_t>(c)); it != infix.end()) {
          bool found = false;
          for (const auto& [key, code] : it->second) {
            if (word.substr(static_cast<size_t>(i)).starts_with(key)) {
              if (code != kNotACountry) out.push_back(Hit{code, key});
              i += static_cast<int32_t>(key.size());
              found = true;
              break;
            }
          }
          if (found) continue;
        }
      }
      i = next;
    }
  }

  void scan(const detail::Words& w, std::vector<Hit>& out, Context& ctx) const {
    const size_t n = w.size();
    for (size_t i = 0; i < n;) {
      const std::string* best = nullptr;
      std::string_view best_key;
      size_t best_end = i;
      for (size_t j = i; j < n; ++j) {
        std::string_view span = w.folded_span(i, j);
        auto it = keys.find(span);
        if (it == keys.end()) break;
        if (!it->second.empty()) {
          best = &it->second;
          best_key = it->first;
          best_end = j;
        }
      }
      if (best && best_end == i && w.has_lowercase && !accept_single(w, i, best_key))
        best = nullptr;
      if (best) {
        if (*best == kUsState || *best == kUsCity) {
          ctx.us_state = true;
          if (*best == kUsState) out.push_back(Hit{"US", best_key});
        } else if (*best == kBrazzaville) {
          ctx.brazzaville = true;
        } else if (*best != kNotACountry) {
          out.push_back(Hit{*best, best_key});
        }
        i = best_end + 1;
        continue;
      }
      // In an all-caps headline "US" is likelier the word "us".
      if (w.has_lowercase) {
        if (auto it = acronyms.find(w.word(i)); it != acronyms.end()) {
          out.push_back(Hit{it->second, it->first});
          ++i;
          continue;
        }
      }
      // Marks are letters there (Thai vowels): the original, not the folded word.
      if (!infix.empty()) scan_infix(w.word(i), out);
      ++i;
    }
  }

  // English names that are also common words or given names count only
  // when capitalised ("turkey", "china", "jersey", "chad" are not), and
  // "Chad" followed by a capitalised word is a man's name ("Chad Smith").
  static bool accept_single(const detail::Words& w, size_t i, std::string_view key) {
    static constexpr std::string_view kCapitalOnly[] = {"chad",   "china",  "georgia", "guinea",
                                                        "jersey", "jordan", "turkey"};
    if (std::find(std::begin(kCapitalOnly), std::end(kCapitalOnly), key) == std::end(kCapitalOnly))
      return true;
    if (!starts_upper(w.word(i))) return false;
    if (key == "chad" && i + 1 < w.size() && starts_upper(w.word(i + 1))) {
      std::string_view next = w.folded_span(i + 1, i + 1);
      return std::find(std::begin(kChadFollowers), std::end(kChadFollowers), next) !=
             std::end(kChadFollowers);
    }
    return true;
  }

  // The rules that need the whole text: U.S. states, Brazzaville.
  static void resolve(std::vector<Hit>& hits, const Context& ctx, std::vector<std::string>& out) {
    for (const Hit& h : hits) {
      if (ctx.us_state && (h.key == "georgia" || h.key == "jersey")) continue;
      if (ctx.brazzaville && h.key == "congo" && h.code == "CD") {
        out.emplace_back("CG");
        continue;
      }
      // A spec's alias may stand for several countries: "GT,HN,SV".
      for (size_t from = 0;;) {
        const size_t comma = h.code.find(',', from);
        out.emplace_back(h.code.substr(from, comma - from));
        if (comma == std::string_view::npos) break;
        from = comma + 1;
      }
    }
  }

  void tag_text(std::string_view text, detail::Words& w, std::vector<Hit>& hits,
                Context& ctx) const {
    detail::split_words(text, w);
    canonicalise(w);
    scan(w, hits, ctx);
  }
};

CountryTagger::CountryTagger(const std::string& lang,
                             const std::vector<std::pair<std::string, std::string>>& own_names) {
  const icu::Locale locale = detail::to_locale(lang);
  const std::string language = locale.getLanguage();
  impl_ = std::make_unique<Impl>(language);
  // An office's own names first: they win over every other meaning.
  std::map<std::string, std::string> own;  // key -> codes, comma-separated
  std::map<std::string, std::string> own_raw;
  for (const auto& [name, code] : own_names) {
    std::string& codes = own[detail::name_key(name)];
    if (!codes.empty()) codes += ',';
    codes += code;
    own_raw[name] = codes;
  }
  for (const auto& [key, codes] : own) impl_->add(key, codes);
  if (detail::written_without_spaces(language)) {
    for (const auto& [name, codes] : own_raw) impl_->add_infix(name, own[detail::name_key(name)]);
  }
  const bool unspaced = detail::written_without_spaces(language);
  for (const char* phrase : detail::non_country_phrases()) {
    impl_->add(detail::name_key(phrase), kNotACountry);
    if (unspaced) impl_->add_infix(phrase, std::string(kNotACountry));
  }
  for (const detail::Alias& a : detail::context_phrases()) {
    const std::string_view code = a.code;
    impl_->add(detail::name_key(a.name), code == "US"   ? kUsState
                                         : code == "us" ? kUsCity
                                                        : kBrazzaville);
  }
  std::vector<icu::Locale> locales{locale};
  // Chinese text mixes simplified and traditional characters.
  if (language == "zh") locales.emplace_back("zh_Hant");
  if (language != "en") locales.emplace_back("en");
  std::unique_ptr<icu::Transliterator> to_traditional;
  if (language == "zh") {
    UErrorCode status = U_ZERO_ERROR;
    to_traditional.reset(icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) to_traditional.reset();
  }
  for (const icu::Locale& l : locales) {
    for (const auto& [code, key] : detail::territory_keys(l)) {
      if (!detail::is_common_word(key)) impl_->add(key, code);
    }
    if (unspaced) {
      for (const auto& [code, name] : detail::territory_keys(l, true)) {
        impl_->add_infix(name, code);
        // ICU's traditional names are not always the simplified ones in
        // traditional characters (印尼, not 印度尼西亞): both are written.
        if (to_traditional) {
          icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
          to_traditional->transliterate(u);
          std::string hant;
          u.toUTF8String(hant);
          impl_->add_infix(hant, code);
        }
      }
    }
    for (const detail::Alias& a : detail::aliases()) {
      const bool country = a.code[0] < '0' || a.code[0] > '9';
      if (country && std::string_view(a.lang) == l.getLanguage()) {
        const std::string key = detail::name_key(a.name);
        if (detail::is_common_word(key)) continue;
        impl_->add(key, a.code);
        if (unspaced) impl_->add_infix(a.name, a.code);
      }
    }
  }
  for (const detail::Alias& a : detail::capital_acronyms()) {
    if (std::string_view(a.lang) == "en" || a.lang == language)
      impl_->acronyms.emplace(a.name, a.code);
  }
  impl_->finish();
}

CountryTagger::~CountryTagger() = default;
CountryTagger::CountryTagger(CountryTagger&&) noexcept = default;

namespace {

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool needs_context(const std::vector<Hit>& hits) {
  for (const Hit& h : hits) {
    if (h.key == "georgia" || h.key == "jersey" || h.key == "congo") return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> CountryTagger::tag(std::string_view text) const {
  std::vector<std::string> out;
  thread_local detail::Words w;  // keeps its capacity from bulletin to bulletin
  thread_local std::vector<Hit> hits;
  hits.clear();
  Context ctx;
  impl_->tag_text(text, w, hits, ctx);
  Impl::resolve(hits, ctx, out);
  sort_unique(out);
  return out;
}

std::vector<std::string> CountryTagger::tag_bulletin(
    std::string_view title, const std::vector<std::string>& paragraphs) const {
  std::vector<std::string> out;
  thread_local detail::Words w;
  thread_local std::vector<Hit> hits, body_hits;
  hits.clear();
  body_hits.clear();
  Context ctx;
  impl_->tag_text(title, w, hits, ctx);
  // The body is read when the title names no country, or for the context
  // of an ambiguous name the title has ("Georgia", "Congo").
  if (hits.empty() || needs_context(hits)) {
    for (const std::string& p : paragraphs) impl_->tag_text(p, w, body_hits, ctx);
  }
  Impl::resolve(hits.empty() ? body_hits : hits, ctx, out);
  sort_unique(out);
  return out;
}

}  // namespace gz::geo
