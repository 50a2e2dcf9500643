// Inflected and prefixed forms of country names, by a rule per language
// family: a word is a form of a name word when it is that word, or a base of
// it (the word, or the word less a final vowel or stem ending the family
// drops when it inflects) followed by one of the family's case endings, or
// one of these after one of the family's prefixes (Arabic, Hebrew).
//
// Only case endings and prefixes are listed, never the suffixes that make
// demonyms or adjectives (Russian -янин, -ский; Finnish -lainen; Hungarian
// -i): "России" is Russia, "россиянин" and "российский" are not. Bases are
// at least `min_base` letters long, so short names ("Мали", "Чад") match
// only as written and their bases do not swallow common words ("малая").
#include <algorithm>

#include "geo/detail.h"
#include "intl/text.h"

namespace gz::geo::detail {
namespace {

// Endings that follow only the bases made by some truncations: those of a
// noun class, which other words do not take (a plural's genitive "Штатов",
// where "сербов" would be a demonym of Сербия).
struct Declension {
  std::initializer_list<const char*> truncations;
  std::initializer_list<const char*> endings;
  // Only for the last word of a name of exactly min_base letters, whose
  // base is then a letter shorter (Куб- of Куба): short names inflect by
  // their own declension only, so that "малой" does not become Mali.
  bool shorter;
};

struct Family {
  std::initializer_list<const char*> languages;
  std::initializer_list<const char*> endings;
  std::initializer_list<const char*> truncations;
  std::initializer_list<std::pair<const char*, const char*>> prefixes;  // strip, then insert
  size_t min_base;
  bool doubled_consonant;
  // Finnic consonant gradation: the stem's last consonants alternate
  // (strong, weak) when an ending follows: Turkki → Turkin, Kreikka →
  // Kreikassa, Uusi-Seelanti → Uuden-Seelannin, Yhdysvallat → Yhdysvaltain.
  std::initializer_list<std::pair<const char*, const char*>> gradation = {};
  // Declensions whose endings follow only the bases of some truncations.
  std::initializer_list<Declension> declensions = {};
};

// Written as the languages spell them; folded (case, accents) when used.
const Family kFamilies[] = {
    // East and South Slavic in Cyrillic: Россия → России, Россию, Россией;
    // Иран → Ирана, Иране; Южная Корея → Южной Кореи; Україна → України.
    {{"ru", "uk", "be", "bg", "mk", "sr"},
     {"а",   "я",   "у",   "ю",   "ы",  "и",  "і",  "е",   "є",   "ў",  "ой", "ей",  "ою",
      "ею",  "ом",  "ем",  "ам",  "ям", "ах", "ях", "ами", "ями", "ии", "ию", "ией", "ия",
      "ие",  "ії",  "ію",  "ією", "ія", "ої", "ій", "ую",  "ое",  "ые", "ый", "ий",  "ого",
      "его", "ому", "ему", "ым",  "им", "ых", "их", "ыми", "ими", "іі", "яй", "ай",  "ае",
      "ага", "аму", "ых",  "ім",  "іх", "ія", "та", "єю",  "ї"},
     {"а", "я", "ь", "й", "о", "е", "ы", "и", "і", "ия", "ія", "ая", "ий", "ый", "ые", "ие", "ая"},
     {},
     4,
     false,
     {},
     {// Куба → Кубу, Кубы, Кубе, Кубой; Кубі.
      {{"а", "я"}, {"у", "ю", "ы", "и", "і", "е", "ой", "ою", "ай", "ей", "ею"}, true},
      // The genitive plural of plural names: Соединённые Штаты → Соединённых
      // Штатов; Сполучені Штати → Штатів; Злучаныя Штаты → Штатаў.
      {{"ы", "и", "і"}, {"ов", "ев", "ів", "їв", "аў", "оў"}, false}}},
    // West and South Slavic in Latin letters: Polska → Polski, Polskę;
    // Rosja → Rosji, Rosję; Ukrajina → Ukrajině; Srbija → Srbiji.
    {{"pl", "cs", "sk", "sl", "hr", "bs", "sh"},
     {"a",   "e",    "i",  "y",   "u",   "o",   "ie",  "ii",  "iu",  "ia", "ja",
      "ji",  "je",   "ju", "em",  "om",  "ou",  "iem", "ach", "ami", "ym", "im",
      "ego", "emu",  "ej", "ych", "ich", "ou",  "ami", "ima", "ama", "om", "iji",
      "iju", "ijom", "ie", "ě",   "ską", "skę", "iej", "ą",   "ę"},
     {"a", "e", "o", "y", "i", "ia", "ja", "ie", "je", "ka"},
     {},
     4,
     false},
    // Baltic: Rusija → Rusijos, Rusijoje; Iranas → Irano; Krievija → Krievijā.
    {{"lt", "lv"},
     {"a",  "as",   "o",  "os", "oje", "ai", "ui", "e", "u", "us", "is",
      "io", "ioje", "am", "ā",  "ei",  "es", "ą",  "ę", "ų", "ā",  "ē"},
     {"a", "as", "is", "us", "s", "e", "ė", "ys"},
     {},
     4,
     false},
    // Finnic: Iran → Iranin, Iranissa; Venäjä → Venäjällä; Suomi → Suomen;
    // Yhdysvallat → Yhdysvalloissa. Estonian: Venemaa → Venemaal.
    {{"fi", "et"},
     {"n",     "a",     "ä",     "ssa",   "ssä",   "sta",  "stä",   "lla",  "llä",  "lta",  "ltä",
      "lle",   "na",    "nä",    "ksi",   "in",    "ia",   "iä",    "iin",  "issa", "issä", "ista",
      "istä",  "illa",  "illä",  "ilta",  "iltä",  "ille", "ina",   "inä",  "iksi", "han",  "hin",
      "hun",   "aan",   "ään",   "een",   "oon",   "uun",  "yyn",   "ta",   "tä",   "en",   "ea",
      "eä",    "essa",  "essä",  "esta",  "estä",  "ella", "ellä",  "elle", "elta", "eltä", "oissa",
      "oista", "oille", "oilla", "oilta", "oihin", "ojen", "oiden", "s",    "st",   "sse",  "l",
      "lt",    "le",    "ks",    "ni",    "ga",    "i",    "is",    "ist",  "isse", "il",   "ilt",
      "ile",   "iga",   "ain",   "äin"},
     {"a", "ä", "i", "at", "ät"},
     {},
     4,
     false,
     {{"kk", "k"},
      {"pp", "p"},
      {"tt", "t"},
      {"nt", "nn"},
      {"nk", "ng"},
      {"lt", "ll"},
      {"rt", "rr"},
      {"mp", "mm"},
      {"ht", "hd"},
      {"usi", "ude"},  // Uusi → Uuden
      {"nyt", "nee"},  // Yhdistynyt → Yhdistyneen
      {"nut", "nee"}}},
    // Hungarian: Irán → Iránban, Iránt, Iránnal (the -val of "with" takes
    // the final consonant); Kína → Kínában.
    {{"hu"},
     {"ban", "ben", "ba",  "be",  "bol", "bõl", "ból", "ből",  "rol",  "ról", "ről",
      "tol", "tól", "től", "nak", "nek", "val", "vel", "nal",  "nel",  "ra",  "re",
      "ra",  "on",  "en",  "ön",  "n",   "t",   "ot",  "et",   "at",   "hoz", "hez",
      "höz", "ig",  "ert", "ért", "ul",  "ül",  "nal", "kent", "ként", "ot",  "ba"},
     {},
     {},
     4,
     true},
    // Turkic without apostrophes (Uzbek, Kazakh, Azerbaijani…): Rossiyada,
    // Rossiyaning. Turkish writes them after an apostrophe, a word break.
    {{"uz", "kk", "ky", "az", "tk", "tr", "tt", "ba"},
     {"da",   "de",   "ta",   "te",   "dan",  "den",  "tan", "ten", "ga",  "ge",  "ka",  "ke",
      "qa",   "ni",   "nı",   "nin",  "nın",  "ning", "ya",  "ye",  "na",  "ne",  "nda", "nde",
      "ndan", "nden", "dagi", "daki", "deki", "ı",    "i",   "ın",  "in",  "un",  "ün",  "a",
      "e",    "ның",  "нің",  "да",   "де",   "та",   "те",  "дан", "ден", "тан", "тен", "ға",
      "ге",   "қа",   "ке",   "ны",   "ні",   "ға",   "на",  "не",  "ни",  "га",  "нинг"},
     {},
     {},
     4,
     false},
    // Greek: Ρωσία → Ρωσίας; Ελλάδα → Ελλάδας; Ηνωμένες Πολιτείες → Ηνωμένων Πολιτειών.
    {{"el"},
     {"ς", "ας", "ης", "ου", "ων", "α", "η", "ο", "ες", "ος", "ι", "ιας", "ιου"},
     {"ες", "ος", "ς", "α", "η", "ο", "ι"},
     {},
     4,
     false},
    // German, Dutch and the Scandinavian languages: the genitive -s
    // (Deutschlands, Irans, Rysslands).
    {{"de", "nl", "sv", "da", "nb", "nn", "no", "lb", "af", "fy"},
     {"s", "es", "'s"},
     {},
     {},
     4,
     false},
    // Georgian: ინდოეთი → ინდოეთის, ინდოეთში; რუსეთი → რუსეთის.
    {{"ka"},
     {"ს", "ის", "ში", "მა", "ით", "ად", "ზე", "თან", "დან", "ისთვის", "ისა", "იდან", "ის", "ში"},
     {"ი", "ა"},
     {},
     3,
     false},
    // Korean: particles written on the name: 러시아의, 미국은, 중국에서.
    {{"ko"},
     {"의",     "은",   "는",   "이",     "가",   "을",   "를",   "에",   "에서", "와",
      "과",     "로",   "으로", "도",     "만",   "에게", "까지", "부터", "과의", "와의",
      "에서의", "에는", "에도", "으로의", "이나", "나",   "측",   "쪽"},
     {},
     {},
     2,
     false},
    // Urdu writes a final long a as ا or ہ: امریکا and امریکہ, پاناما and
    // پانامہ (its case markers are words of their own: ایران میں).
    {{"ur"}, {"ہ", "ا"}, {"ا", "ہ"}, {}, 3, false},
    // Tamil: case suffixes on the name, after its final consonant's virama
    // (ஈரான் → ஈரானில், ஈரானின்), after v on a final vowel (இந்தியா →
    // இந்தியாவில்), after tt on a final -am (இராச்சியம் → இராச்சியத்தின்).
    {{"ta"},
     {"ில்",  "ின்",   "ை",    "ுக்கு", "ிலிருந்து", "ுடன்",        "ும்",
      "ிடம்", "வில்",  "வின்",  "வை",   "வுக்கு",    "விலிருந்து",  "வுடன்",
      "வும்", "த்தில்", "த்தின்", "த்தை",  "த்துக்கு",   "த்திலிருந்து", "த்துடன்"},
     {"்", "ம்"},
     {},
     3,
     false},
    // Arabic: the conjunctions و ف, the prepositions ب ل ك, the article ال,
    // and ل + ال written لل (للعراق: for Iraq).
    {{"ar"},
     {},
     {},
     {{"و", ""},     {"ف", ""},    {"ب", ""},   {"ل", ""},   {"ك", ""},    {"ال", ""},
      {"وال", ""},   {"بال", ""},  {"فال", ""}, {"كال", ""}, {"لل", "ال"}, {"ولل", "ال"},
      {"فلل", "ال"}, {"وب", ""},   {"ول", ""},  {"فب", ""},  {"فل", ""},   {"وبال", ""},
      {"وك", ""},    {"وكال", ""}, {"لل", ""}},
     3,
     false},
    // Hebrew: ו ה ב ל מ ש כ before a word, up to three of them: ברוסיה, מרוסיה, ולישראל.
    {{"he", "iw", "yi"},
     {},
     {},
     {{"ו", ""},   {"ה", ""},   {"ב", ""},   {"ל", ""},  {"מ", ""},   {"ש", ""},  {"כ", ""},
      {"וב", ""},  {"ול", ""},  {"ומ", ""},  {"וש", ""}, {"וה", ""},  {"שב", ""}, {"של", ""},
      {"שמ", ""},  {"מה", ""},  {"לה", ""},  {"בה", ""}, {"כש", ""},  {"וכ", ""}, {"ושב", ""},
      {"ושל", ""}, {"ושמ", ""}, {"וכש", ""}, {"שה", ""}, {"וכשה", ""}},
     3,
     false},
};

// The first n letters of s (all of it when shorter).
std::string_view head(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return s.substr(0, i);
}

size_t letters(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> folded(std::initializer_list<const char*> words) {
  std::vector<std::string> out;
  for (const char* w : words) {
    std::string f = intl::fold_for_match(w);
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

WordForms::WordForms(std::string_view language) {
  for (const Family& f : kFamilies) {
    for (const char* l : f.languages) {
      if (language != l) continue;
      endings_ = folded(f.endings);
      // Shortest first: "нигерии" is Нигерия less "и" before it is Нигер less "ии".
      std::stable_sort(
          endings_.begin(), endings_.end(),
          [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
      truncations_ = folded(f.truncations);
      for (const auto& [strip, insert] : f.prefixes) {
        prefixes_.emplace_back(intl::fold_for_match(strip), intl::fold_for_match(insert));
      }
      for (const auto& [strong, weak] : f.gradation) {
        gradation_.emplace_back(intl::fold_for_match(strong), intl::fold_for_match(weak));
      }
      for (const Declension& d : f.declensions) {
        declensions_.push_back({folded(d.truncations), folded(d.endings), d.shorter, {}});
      }
      min_base_ = f.min_base;
      doubled_consonant_ = f.doubled_consonant;
      active_ = true;
      return;
    }
  }
}

void WordForms::add_name_word(const std::string& word, bool last) {
  if (!active_) return;
  const size_t min_base = last || min_base_ <= 2 ? min_base_ : min_base_ - 1;
  names_.insert(word);
  if (last) finals_.insert(word);
  if (letters(word) >= min_base) {
    bases_.insert_or_assign(word, word);  // the word itself first
    heads_.emplace(head(word, head_letters()));
  }
  // The word and its other grade ("turkki", "turki"), each with its
  // truncations.
  std::vector<std::string> stems{word};
  for (const auto& [strong, weak] : gradation_) {
    // The last consonants: only vowels (or the plural's t) after them.
    for (const auto& [from, to] : {std::pair(&strong, &weak), std::pair(&weak, &strong)}) {
      const size_t at = word.rfind(*from);
      if (at == std::string::npos || at == 0) continue;
      std::string_view after = std::string_view(word).substr(at + from->size());
      if (after.ends_with('t')) after.remove_suffix(1);
      if (!std::all_of(after.begin(), after.end(), [](char c) {
            return std::string_view("aeiouy").find(c) != std::string_view::npos;
          }))
        continue;
      std::string other = word.substr(0, at) + *to + word.substr(at + from->size());
      if (letters(other) < min_base || names_.count(other)) continue;
      heads_.emplace(head(other, head_letters()));
      graded_.try_emplace(other, word);
      stems.push_back(std::move(other));
    }
  }
  for (OwnDeclension& d : declensions_) {
    if (d.shorter && !(last && letters(word) == min_base)) continue;
    for (const std::string& t : d.truncations) {
      if (word.size() <= t.size() || !word.ends_with(t)) continue;
      std::string base = word.substr(0, word.size() - t.size());
      if ((!d.shorter && letters(base) < min_base) || names_.count(base)) continue;
      heads_.emplace(head(base, head_letters()));
      d.bases.try_emplace(std::move(base), word);
    }
  }
  for (size_t i = 0; i < stems.size(); ++i) {
    for (const std::string& t : truncations_) {
      if (stems[i].size() <= t.size() || !stems[i].ends_with(t)) continue;
      std::string base = stems[i].substr(0, stems[i].size() - t.size());
      if (letters(base) < min_base || names_.count(base)) continue;
      heads_.emplace(head(base, head_letters()));
      (i == 0 ? bases_ : graded_).try_emplace(std::move(base), word);
    }
  }
}

const std::string* WordForms::base_form(std::string_view rest) const {
  // Most words begin like no base: one look-up instead of one per ending.
  if (!heads_.count(head(rest, head_letters()))) return nullptr;
  for (const std::string& e : endings_) {
    if (rest.size() <= e.size() || !rest.ends_with(e)) continue;
    std::string_view base = rest.substr(0, rest.size() - e.size());
    if (auto it = bases_.find(base); it != bases_.end()) return &it->second;
  }
  for (const OwnDeclension& d : declensions_) {
    for (const std::string& e : d.endings) {
      if (rest.size() <= e.size() || !rest.ends_with(e)) continue;
      auto it = d.bases.find(rest.substr(0, rest.size() - e.size()));
      if (it != d.bases.end()) return &it->second;
    }
  }
  // The other grade only before the endings that take it (a closed
  // syllable): "turkin" is Turkki, "turkis" (fur) is not.
  if (!graded_.empty()) {
    for (std::string_view e : {"n", "ssa", "sta", "lla", "lta", "lle", "ksi", "ain", "t"}) {
      if (rest.size() <= e.size() || !rest.ends_with(e)) continue;
      auto it = graded_.find(rest.substr(0, rest.size() - e.size()));
      if (it != graded_.end()) return &it->second;
    }
  }
  // Hungarian -val/-vel after a consonant doubles it: Iránnal, Izraellel.
  if (doubled_consonant_) {
    for (std::string_view e : {"al", "el"}) {
      if (rest.size() <= e.size() + 2 || !rest.ends_with(e)) continue;
      std::string_view base = rest.substr(0, rest.size() - e.size());
      if (base[base.size() - 1] != base[base.size() - 2]) continue;
      if (auto it = bases_.find(base.substr(0, base.size() - 1)); it != bases_.end())
        return &it->second;
    }
  }
  return nullptr;
}

const std::string* WordForms::find(std::string_view word) const {
  // A name's last word is itself ("нигерия" is not Нигер + "ия"); a word
  // that is only inside names ("великобритании" of the UN's "Соединенное
  // Королевство Великобритании…") is still a form of a name of its own.
  if (!active_ || finals_.count(word)) return nullptr;
  if (const std::string* w = base_form(word)) return *w == word ? nullptr : w;
  if (names_.count(word)) return nullptr;
  for (const auto& [strip, insert] : prefixes_) {
    if (word.size() <= strip.size() || !word.starts_with(strip)) continue;
    std::string rest = insert;
    rest += word.substr(strip.size());
    if (letters(rest) < min_base_) continue;
    if (auto it = names_.find(rest); it != names_.end()) return &*it;
    if (const std::string* w = base_form(rest)) return w;
  }
  return nullptr;
}

}  // namespace gz::geo::detail
