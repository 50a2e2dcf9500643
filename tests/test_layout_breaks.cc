// The line breaker's fast path (LineBreaker::simple_opportunities) against
// ICU's line BreakIterator: wherever the fast path answers, it must give
// exactly ICU's break opportunities. Checked on the seed, on text shaped like
// the benchmark corpora (bench/gen_listing.py), on every short string over
// an alphabet of fast-path and boundary characters, and on many pseudo-random
// longer ones.
#include <boost/test/unit_test.hpp>

#include <unicode/uchar.h>

#include <cctype>
#include <cstdint>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/url.h"
#include "base/utf8.h"
#include "fonts.h"
#include "layout/line_breaker.h"

using namespace gz;

namespace {

using Breaks = std::vector<BreakOpportunity>;

// The lines of text, "|" between them.
std::string show_lines(const std::string& text, const std::vector<LineSpan>& spans) {
  std::string s;
  for (const LineSpan& l : spans)
    s += (s.empty() ? "" : "|") + text.substr(l.begin, l.end - l.begin);
  return s;
}

std::string show(const Breaks& b) {
  std::string s;
  for (const BreakOpportunity& o : b) s += " " + std::to_string(o.pos) + (o.hard ? "!" : "");
  return s;
}

// Whether the fast path takes text; when it does, its answer must be ICU's.
bool checked(LineBreaker& breaker, const std::string& text) {
  Breaks fast, icu;
  if (!LineBreaker::simple_opportunities(text, fast)) return false;
  breaker.icu_opportunities(text, icu);
  if (fast != icu) {
    BOOST_ERROR("fast path differs from ICU on \"" << text << "\": fast" << show(fast) << ", ICU"
                                                   << show(icu));
  }
  return true;
}

std::string utf8(char32_t c) {
  std::string s;
  utf8_append(s, c);
  return s;
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  BOOST_REQUIRE(in);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> words_of(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// Characters the fast path takes (one or more of each of its classes) and
// characters next to them that it must leave to ICU: hyphens, slashes,
// brackets, typographic quotes, other white space, combining marks,
// ignorables, symbols (among them the two Latin-1 signs of class AI like
// the middle dot), the first code points past its Latin range, other
// scripts.
const std::vector<std::string> kFast = {"a",      "Z", "7",  "\u00e9", "\u00ff", "\u0101",
                                        "\u017f", "'", "\"", " ",      "\u00a0", "\u00b7",
                                        ",",      ".", ":",  ";",      "!",      "?"};
const std::vector<std::string> kBoundary = {
    "-",      "/",      "(",      ")",      "[",      "]",      "{",      "}",
    "\t",     "\n",     "\r",     "\u00d7", "\u00f7", "\u2019", "\u201c", "\u00ab",
    "\u00bb", "\u00bf", "\u00a1", "\u0180", "\u0301", "\u00ad", "%",      "$",
    "&",      "#",      "*",      "+",      "\u2014", "\u2013", "\u3000", "\u4e2d",
    "\u0e01", "\u05d0", "\u200b", "\u2060", "\u00b4", "\u00b0", "\u20ac", "@",
    "_",      "\\",     "~",      "\u2026", "\u2028", "\u00c2", "\u0300"};

}  // namespace

BOOST_AUTO_TEST_SUITE(line_break_fast_path)

BOOST_AUTO_TEST_CASE(takes_only_characters_of_known_class) {
  // Every code point the fast path takes alone has one of the line-break
  // classes its rules are written for, and in a few contexts it gives ICU's
  // opportunities.
  LineBreaker breaker;
  int taken = 0;
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    const std::string s = utf8(c);
    Breaks b;
    if (!LineBreaker::simple_opportunities(s, b)) continue;
    ++taken;
    const auto lb = static_cast<ULineBreak>(u_getIntPropertyValue(int32_t(c), UCHAR_LINE_BREAK));
    BOOST_TEST((lb == U_LB_ALPHABETIC || lb == U_LB_NUMERIC || lb == U_LB_QUOTATION ||
                lb == U_LB_GLUE || lb == U_LB_SPACE || lb == U_LB_INFIX_NUMERIC ||
                lb == U_LB_EXCLAMATION || (c == 0xB7 && lb == U_LB_AMBIGUOUS)),
               "U+" << std::hex << uint32_t(c) << " has line-break class " << std::dec << lb);
    for (const char* left : {"", "a", "1", " ", "a ", ".", "!", "'", "\u00a0"}) {
      for (const char* right : {"", "a", "1", " ", " a", ".", "!", "'", "\u00a0"}) {
        checked(breaker, left + s + right);
      }
    }
  }
  // ASCII letters and digits, 8 quotation and punctuation marks, the space,
  // NBSP, the middle dot, U+00C0..U+017F but two signs.
  BOOST_TEST(taken == 52 + 10 + 8 + 1 + 1 + 1 + (0x180 - 0xC0 - 2));
}

BOOST_AUTO_TEST_CASE(same_as_icu_on_the_seed) {
  LineBreaker breaker;
  const auto lines = lines_of(std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt");
  int paragraphs = 0, taken = 0, windows = 0;
  std::string whole;
  for (const std::string& line : lines) {
    whole += line + "\n";
    if (line.empty()) continue;
    ++paragraphs;
    taken += checked(breaker, line);
    // What the breaker uses, fast or not, is ICU's answer.
    Breaks used, icu;
    breaker.opportunities(line, used);
    breaker.icu_opportunities(line, icu);
    BOOST_TEST(show(used) == show(icu));
    // Every run of up to 6 words, with the spaces around it: real text
    // around each character the fast path declines.
    const auto words = words_of(line);
    for (size_t i = 0; i < words.size(); ++i) {
      std::string s = " ";
      for (size_t k = i; k < words.size() && k < i + 6; ++k) {
        s += words[k];
        windows += checked(breaker, s);
        windows += checked(breaker, s.substr(1));
        s += " ";
        windows += checked(breaker, s);
      }
    }
  }
  Breaks used, icu;
  breaker.opportunities(whole, used);
  breaker.icu_opportunities(whole, icu);
  BOOST_TEST(show(used) == show(icu));
  // The fast path is not idle on real text.
  BOOST_TEST(paragraphs > 20);
  BOOST_TEST(taken * 4 > paragraphs);
  BOOST_TEST(windows > 1000);
}

BOOST_AUTO_TEST_CASE(same_as_icu_on_generated_bulletins) {
  // Text as bench/gen_listing.py writes it (the benchmark corpora): titles
  // and paragraphs of words of each language, capitalised, with a full
  // stop. The fast path takes all of it.
  const std::vector<std::string> words = {
      // en
      "the", "migrants", "of", "IOM", "organization", "government", "authorities", "workshop",
      "training", "protection", "border", "management", "health", "assistance", "regional",
      "network", "support", "communities", "vulnerable", "populations", "international",
      // es
      "los", "de", "la", "OIM", "organización", "autoridades", "capacitación", "protección",
      "gestión", "fronteriza", "información", "cooperación", "estrategia", "respuesta",
      // fr
      "les", "l'OIM", "autorités", "gouvernementales", "frontières", "santé", "réseau", "régional",
      "communautés", "stratégie", "réponse", "vulnérables", "partenaires",
      // pt
      "os", "da", "organização", "proteção", "gestão", "saúde", "assistência", "funcionários",
      "cooperação", "estratégia", "populações", "vulneráveis", "instituições",
      // countries
      "Panamá", "Costa Rica", "México", "Haïti", "Jamaïque", "Équateur", "Pérou", "Brésil",
      "Colômbia", "Nicarágua", "República Dominicana", "Canadá", "Belice", "Guyana"};
  const std::vector<std::string> titles = {"IOM {} {} in {}", "La OIM {} {} en {}",
                                           "L'OIM {} {} au {}", "A OIM {} {} em {}"};
  std::mt19937 rng(20210701);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  LineBreaker breaker;
  int taken = 0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    std::string title = pick(titles);
    for (int k = 0; k < 3; ++k) title.replace(title.find("{}"), 2, pick(words));
    std::string body;
    for (int k = 0, len = 30 + int(rng() % 50); k < len; ++k) body += (k ? " " : "") + pick(words);
    body[0] = char(std::toupper(static_cast<unsigned char>(body[0])));
    body += ".";
    taken += checked(breaker, title);
    taken += checked(breaker, body);
  }
  BOOST_TEST(taken == 2 * n);
}

BOOST_AUTO_TEST_CASE(same_as_icu_on_all_short_strings) {
  // Every string of up to 4 characters over a small alphabet: one or two
  // of each fast class and the boundary characters most likely to interact
  // with them.
  const std::vector<std::string> alphabet = {"a",      "1",  "\u00e9", "'", " ", "\u00a0", ".",
                                             ",",      "!",  "?",      "-", "/", "(",      ")",
                                             "\u2019", "\n", "\u0301", "%", "$", "\u00ab"};
  LineBreaker breaker;
  int taken = 0;
  std::vector<size_t> idx;
  for (size_t len = 1; len <= 4; ++len) {
    idx.assign(len, 0);
    for (;;) {
      std::string s;
      for (size_t k : idx) s += alphabet[k];
      taken += checked(breaker, s);
      size_t k = 0;
      while (k < len && ++idx[k] == alphabet.size()) idx[k++] = 0;
      if (k == len) break;
    }
  }
  BOOST_TEST(taken > 5000);
}

BOOST_AUTO_TEST_CASE(same_as_icu_on_random_strings) {
  // Longer strings, mostly of fast-path characters with a boundary
  // character now and then.
  LineBreaker breaker;
  std::mt19937 rng(14);
  int taken = 0;
  for (int i = 0; i < 40000; ++i) {
    const int len = 1 + int(rng() % 40);
    const unsigned boundary_odds = 1 + rng() % 4;  // per 64 characters
    std::string s;
    for (int k = 0; k < len; ++k) {
      s += rng() % 64 < boundary_odds ? kBoundary[rng() % kBoundary.size()]
                                      : kFast[rng() % kFast.size()];
    }
    taken += checked(breaker, s);
  }
  BOOST_TEST(taken > 5000);
}

BOOST_AUTO_TEST_CASE(long_word_in_fast_text_splits_after_icu_text) {
  // A paragraph ICU breaks, then one the fast path breaks with a word
  // wider than the line: the word is split at graphemes of its own text.
  const Face& m = test::noto_sans()[0];
  // Each character measured with its nominal glyph, at its first byte.
  auto advance_at = [&](const std::string& text) {
    std::vector<int32_t> at(text.size());
    for (size_t i = 0; i < text.size();) {
      char32_t c;
      const size_t n = utf8_decode(std::string_view(text).substr(i), &c);
      at[i] = m.advance(m.glyph(c));
      i += n;
    }
    return at;
  };
  LineBreaker breaker;
  std::vector<LineSpan> spans;
  const std::string icu_text = "well-known (text) \u2014 for ICU";
  breaker.break_lines(icu_text, advance_at(icu_text), 100000, spans);
  BOOST_TEST(spans.size() == 1u);
  const std::string word(300, 'x');
  const std::string text = "ab " + word + " cd";
  Breaks b;
  BOOST_REQUIRE(LineBreaker::simple_opportunities(text, b));
  const int64_t max = test::nominal_units(m, "xxxxxxxxxxxxxxxxxxxx");
  spans.clear();
  breaker.break_lines(text, advance_at(text), max, spans);
  BOOST_REQUIRE(spans.size() == 17u);  // ab, 15 lines of 20 x, cd
  std::string joined;
  for (const LineSpan& s : spans) {
    const std::string line = text.substr(s.begin, s.end - s.begin);
    BOOST_TEST(s.units == test::nominal_units(m, line));
    BOOST_TEST(s.units <= max);
    joined += line;
  }
  BOOST_TEST(joined == "ab" + word + "cd");
}

// A bare URL breaks after "/", "?", "&" and before ".", never inside its
// scheme; ICU alone would break right after "https://" and after "-".
BOOST_AUTO_TEST_CASE(urls_break_only_after_slash_query_amp_and_before_dot) {
  const Face& m = test::noto_sans()[0];
  const std::string url =
      "https://www.example-agency.org/news/2021/07/border-management/local-networks?lang=es&"
      "country=hn&page=2.html";
  const std::string text = "See " + url + ". Thanks";
  std::vector<int32_t> at(text.size());
  for (size_t i = 0; i < text.size(); ++i) at[i] = m.advance(m.glyph(char32_t(text[i])));
  LineBreaker breaker;
  // At every width from its longest unbreakable stretch up: each line
  // inside the URL ends at an allowed place.
  const std::vector<UrlSpan> urls = [&] {
    std::vector<UrlSpan> u;
    find_urls(text, u);
    return u;
  }();
  BOOST_REQUIRE(urls.size() == 1u);
  BOOST_TEST(text.substr(urls[0].begin, urls[0].end - urls[0].begin) == url);
  std::set<uint32_t> ends_seen;
  for (int64_t max = test::nominal_units(m, "border-management/"); max < 40000; max += 250) {
    std::vector<LineSpan> spans;
    breaker.break_lines(text, at, max, spans);
    for (size_t i = 0; i + 1 < spans.size(); ++i) {
      const uint32_t end = spans[i].end;
      if (end <= urls[0].begin || end >= urls[0].end) continue;
      ends_seen.insert(end);
      const char before = text[end - 1], after = text[end];
      BOOST_TEST((before == '/' || before == '?' || before == '&' || after == '.'),
                 "line ends inside the URL at '" << text.substr(urls[0].begin, end - urls[0].begin)
                                                 << "' (width " << max << ")");
      BOOST_TEST(end > urls[0].host, "a break inside the scheme at width " << max);
    }
  }
  BOOST_TEST(ends_seen.size() > 5u);  // the widths did break the URL in many places
  std::vector<LineSpan> lines;
  const std::string small = "https://a.b/c/d?e&f";
  breaker.break_lines(small, std::vector<int32_t>(small.size(), 500), 9 * 500, lines);
  BOOST_TEST(show_lines(small, lines) == "https://a|.b/c/d?e&|f");
}

// Only http and https URLs, without the sentence's closing punctuation.
BOOST_AUTO_TEST_CASE(bare_urls_are_found_without_trailing_punctuation) {
  auto found = [](const std::string& text) {
    std::vector<UrlSpan> u;
    find_urls(text, u);
    std::string out;
    for (const UrlSpan& s : u) out += "[" + text.substr(s.begin, s.end - s.begin) + "]";
    return out;
  };
  BOOST_TEST(found("see https://a.org/x. Or (http://b.org/y), ftp://c.org") ==
             "[https://a.org/x][http://b.org/y]");
  BOOST_TEST(found("xhttps://a.org HTTPS://A.ORG/P?q=1&r=2;") == "[HTTPS://A.ORG/P?q=1&r=2]");
  BOOST_TEST(found("https:// alone, https://wiki/A_(b)") == "[https://wiki/A_(b)]");
  BOOST_TEST(is_web_url("https://reliefweb.int/report/x"));
  BOOST_TEST(!is_web_url("javascript:alert(1)"));
  BOOST_TEST(!is_web_url("https://"));
  BOOST_TEST(!is_web_url("https://a b"));
}

BOOST_AUTO_TEST_SUITE_END()
