// CountryTagger: whole-word, longest-match lookup of country names.
#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

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

using Keys = std::vector<std::pair<std::string, std::string>>;  // code, key

// The keys of every territory's names in a locale, as for_each_key gives
// them, found once per process: each tagger reads its language's names and
// the English ones, so four languages read the English ones four times,
// a few million instructions of ICU look-ups each.
const Keys& keys_of(const icu::Locale& locale) {
  static std::mutex mutex;
  static std::map<std::string, Keys> cache;  // entries never change once made
  std::lock_guard lock(mutex);
  auto [it, inserted] = cache.try_emplace(locale.getName());
  if (inserted) {
    Keys& keys = it->second;  // clang 14 cannot capture a structured binding
    try {
      detail::for_each_key(
          locale, false, true,
          [&](const std::string& code, const std::string& key) { keys.emplace_back(code, key); });
    } catch (...) {
      cache.erase(it);  // not left half made
      throw;
    }
  }
  return it->second;
}

}  // namespace

struct CountryTagger::Impl {
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> keys;
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> acronyms;

  // The first code given for a key wins: callers add the language's own names first.
  void add(const std::string& key, std::string_view code) {
    if (key.empty()) return;
    for (size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1)) {
      keys.try_emplace(key.substr(0, p));
    }
    auto [it, inserted] = keys.try_emplace(key, code);
    if (!inserted && it->second.empty()) it->second = code;
  }

  void scan(const detail::Words& w, std::vector<std::string>& out) const {
    const size_t n = w.size();
    for (size_t i = 0; i < n;) {
      const std::string* best = nullptr;
      size_t best_end = i;
      for (size_t j = i; j < n; ++j) {
        auto it = keys.find(w.folded_span(i, j));
        if (it == keys.end()) break;
        if (!it->second.empty()) {
          best = &it->second;
          best_end = j;
        }
      }
      if (best) {
        if (*best != kNotACountry) out.push_back(*best);
        i = best_end + 1;
        continue;
      }
      // In an all-caps headline "US" is likelier the word "us".
      if (w.has_lowercase) {
        if (auto it = acronyms.find(w.word(i)); it != acronyms.end()) out.push_back(it->second);
      }
      ++i;
    }
  }
};

CountryTagger::CountryTagger(const std::string& lang) : impl_(std::make_unique<Impl>()) {
  for (const char* phrase : detail::non_country_phrases()) {
    impl_->add(detail::name_key(phrase), kNotACountry);
  }
  const icu::Locale locale = detail::to_locale(lang);
  const std::string language = locale.getLanguage();
  std::vector<icu::Locale> locales{locale};
  if (language != "en") locales.emplace_back("en");
  for (const icu::Locale& l : locales) {
    for (const auto& [code, key] : keys_of(l)) {
      if (!detail::is_common_word(key)) impl_->add(key, code);
    }
    for (const detail::Alias& a : detail::aliases()) {
      const bool country = a.code[0] < '0' || a.code[0] > '9';
      if (country && std::string_view(a.lang) == l.getLanguage()) {
        impl_->add(detail::name_key(a.name), a.code);
      }
    }
  }
  for (const detail::Alias& a : detail::capital_acronyms()) impl_->acronyms.emplace(a.name, a.code);
}

CountryTagger::~CountryTagger() = default;
CountryTagger::CountryTagger(CountryTagger&&) noexcept = default;

std::vector<std::string> CountryTagger::tag(std::string_view text) const {
  std::vector<std::string> out;
  thread_local detail::Words w;  // keeps its capacity from bulletin to bulletin
  detail::split_words(text, w);
  impl_->scan(w, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> CountryTagger::tag_bulletin(
    std::string_view title, const std::vector<std::string>& paragraphs) const {
  std::vector<std::string> out = tag(title);
  if (!out.empty()) return out;
  thread_local detail::Words w;
  for (const std::string& p : paragraphs) {
    detail::split_words(p, w);
    impl_->scan(w, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace gz::geo
