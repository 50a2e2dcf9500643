// Internals shared by the geo sources: folding, word splitting, ICU names.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <unicode/locid.h>

namespace gz::geo::detail {

// A text cut into words: runs of letters and digits (marks stay with their
// letter), plus dots inside single-letter abbreviations ("U.S." -> "U.S").
// Words are joined by single spaces, in the original spelling and folded, so
// that words i..j are one contiguous substring of `folded`.
struct Words {
  std::string original;
  std::string folded;
  std::vector<uint32_t> starts;   // of word i in `original`
  std::vector<uint32_t> fstarts;  // of word i in `folded`
  bool has_lowercase = false;     // false for an all-caps headline

  size_t size() const { return starts.size(); }
  // After `folded` was rewritten word by word: finds the words' starts again.
  void reindex();
  std::string_view word(size_t i) const;  // original spelling
  // Folded words i..j (inclusive), with their single spaces.
  std::string_view folded_span(size_t i, size_t j) const;
};
void split_words(std::string_view text, Words& out);

// The lookup key of a name: its folded words joined by spaces.
// "Côte d’Ivoire" -> "cote d ivoire"; "St. Kitts & Nevis" -> "st kitts nevis".
std::string name_key(std::string_view name);

// Keys that are too short to trust as words ("US" -> "us").
bool too_short(std::string_view key);

// ICU ids of every territory (256 in ICU 72, "XK" included), and of the M49
// regions: world, continents, subcontinents and the numeric groupings (419,
// 202, 003). Alphabetic groupings (EU, EZ, UN, QO) are left out.
const std::vector<std::string>& territory_codes();
const std::vector<std::string>& region_codes();

// ICU's name of a territory or region in a locale, or "" when ICU has none.
std::string icu_name(const std::string& code, const icu::Locale& locale);
// "es", "es-MX" or "pt_BR" as an ICU locale.
icu::Locale to_locale(const std::string& id);

// Calls f(code, key) for every key under which a territory is known in
// `locale`: ICU's name, without its parenthesis ("Myanmar (Burma)"), for
// English with "&" as "and" and "St." as "Saint", and, if `short_names`,
// ICU's short name ("Hong Kong", "EE. UU."). With `regions`, M49 regions too.
// Keys may repeat; too-short keys are left out. With `raw`, f gets each
// form as ICU writes it instead of its key.
void for_each_key(const icu::Locale& locale, bool regions, bool short_names,
                  const std::function<void(const std::string& code, const std::string& key)>& f,
                  bool raw = false);

// (code, key) pairs: what for_each_key gives, in its order.
using Keys = std::vector<std::pair<std::string, std::string>>;
// for_each_key(locale, false, true, ..., raw)'s keys, found once per process
// and kept (thread-safe): the taggers of several languages and the English
// name index all read the English ones, a few million instructions of ICU
// look-ups each time.
const Keys& territory_keys(const icu::Locale& locale, bool raw = false);
// What for_each_key(locale, true, ...) gives after the territories' keys:
// the M49 regions' keys.
void for_each_region_key(
    const icu::Locale& locale,
    const std::function<void(const std::string& code, const std::string& key)>& f,
    bool raw = false);

// Names news uses where ICU's differ, per language ("en" ones apply to every
// language); a numeric code is a region.
struct Alias {
  const char* lang;
  const char* code;
  const char* name;
};
// The hand-kept list below, then the name lists of src/geo/data/.
std::span<const Alias> aliases();
// A name list of src/geo/data/, embedded at build time.
struct NameFile {
  const char* name;
  const char* text;
};
extern const std::vector<NameFile> kNameFiles;
// Acronyms matched only in capitals, because in lower case they are words:
// "US" (us), "USA" (Spanish usa), "UK"; in Indonesian and Malay text also
// "AS" (Amerika Serikat, Amerika Syarikat).
std::span<const Alias> capital_acronyms();
// Phrases that contain a country's name but are not about it: "Gulf of Guinea".
std::span<const char* const> non_country_phrases();
// Names that decide an ambiguous one elsewhere in the same text: U.S.
// states (code "US", tagging the United States) and cities (code "us",
// tagging nothing), with which "Georgia" and "Jersey" are the states;
// "Brazzaville" (code "CG", tagging nothing: a bare "Congo" is then the
// Republic of the Congo, not the Democratic Republic).
std::span<const Alias> context_phrases();
// Keys of country names that are more often common words or other places:
// "reunion" (a meeting in en/es/fr), "granada" (Grenada in Spanish).
bool is_common_word(std::string_view key);

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// The inflected and prefixed forms of name words in one language (inflect.cc):
// Russian "России" is a form of "россия", Arabic "بالعراق" of "العراق".
// Inactive, finding nothing, for languages that write names unchanged.
class WordForms {
 public:
  explicit WordForms(std::string_view language);
  bool active() const { return active_; }
  // A folded word of a country name ("россия", "южная"), all of them before
  // the first find(). The words before a
  // name's last ("новая" of Новая Зеландия) only ever match followed by the
  // rest of the name, so their bases may be a letter shorter ("нов").
  void add_name_word(const std::string& word, bool last);
  // The name word of which `word` (folded) is an inflected or prefixed
  // form, or nullptr: when it is one itself, or a form of none.
  const std::string* find(std::string_view word) const;

 private:
  const std::string* base_form(std::string_view rest) const;
  bool active_ = false;
  std::vector<std::string> endings_, truncations_;
  std::vector<std::pair<std::string, std::string>> prefixes_, gradation_;
  size_t min_base_ = 4;
  bool doubled_consonant_ = false;
  std::unordered_set<std::string, StringHash, std::equal_to<>> names_, finals_;
  // The first head_letters() letters of every base.
  std::unordered_set<std::string, StringHash, std::equal_to<>> heads_;
  size_t head_letters() const { return min_base_ > 2 ? min_base_ - 1 : 1; }
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> bases_;
  // Endings that follow only the bases of some truncations (inflect.cc,
  // Declension), with those bases and their name words.
  struct OwnDeclension {
    std::vector<std::string> truncations, endings;
    bool shorter;
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> bases;
  };
  std::vector<OwnDeclension> declensions_;
  // Bases in the other consonant grade (Finnic), with their name word.
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> graded_;
};

// True for languages written without spaces between words, where names are
// found inside runs of letters: zh, ja, th, lo, km, my.
bool written_without_spaces(std::string_view language);
// True for a code point of the scripts those languages write.
bool is_unspaced_letter(char32_t c);

}  // namespace gz::geo::detail
