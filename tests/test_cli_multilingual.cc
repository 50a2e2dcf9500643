// End to end in many languages and scripts: listings written for the tests
// (tests/data/multilingual/), digests in several report locales, read back
// with poppler.
#include <boost/test/unit_test.hpp>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "support.h"

using namespace gz::test;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kData = std::string(GAZETTE_TEST_DATA) + "/multilingual";
// Every listing.
const std::vector<std::string> kLanguages = {"en", "es", "fr", "pt", "ar", "ru",
                                             "zh", "th", "he", "ko", "hi"};

Result gazette(const std::string& args) {
  return run("env -u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 " + kGazette + " " + args);
}

// NFKC (Arabic presentation forms become letters again), without the bidi
// marks pdftotext adds around right-to-left text, and without white space:
// layout may break a line anywhere in Thai or Chinese.
std::string comparable(const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(s), st);
  BOOST_REQUIRE(U_SUCCESS(st));
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (u_isUWhiteSpace(c) || (c >= 0x202A && c <= 0x202E) || c == 0x200E || c == 0x200F) {
      continue;
    }
    out.append(c);
  }
  std::string utf8;
  return out.toUTF8String(utf8);
}

std::string pdftotext(const std::string& pdf, int page = 0) {
  std::string pages = page ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  Result r = run("pdftotext -enc UTF-8" + pages + " " + shell_quote(pdf) + " -");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return r.out;
}

int page_count(const std::string& pdf) {
  Result r = run("pdfinfo " + shell_quote(pdf));
  size_t at = r.out.find("Pages:");
  BOOST_REQUIRE(at != std::string::npos);
  return std::stoi(r.out.substr(at + 6));
}

// True when every word of expected is in text, as a reader would find it:
// each word's letters in reading order, whatever the order pdftotext puts
// the words of a mixed-direction line in.
bool has_words(const std::string& text, const std::string& expected, std::string& missing) {
  const std::string hay = comparable(text);
  std::istringstream words(expected);
  for (std::string w; words >> w;) {
    while (!w.empty() && std::string(":,.()").find(w.back()) != std::string::npos) w.pop_back();
    if (!w.empty() && hay.find(comparable(w)) == std::string::npos) {
      missing = w;
      return false;
    }
  }
  return true;
}

std::string title_of(const std::string& lang) {
  std::istringstream in(read_file(kData + "/" + lang + ".txt"));
  std::string line;
  for (int i = 0; i < 3; ++i) std::getline(in, line);  // date, blank, title
  return line;
}

std::string spec(const std::string& locale, const std::vector<std::string>& langs,
                 const std::string& extra = "") {
  std::string s = "title = \"Migration News\"\nlocale = \"" + locale + "\"\n";
  for (const std::string& l : langs) {
    s += "[[sources]]\npath = \"" + kData + "/" + l + ".txt\"\nlang = \"" + l + "\"\n";
  }
  return s + "[select]\nperiod = \"2021-08\"\n" + extra +
         "[output]\npath = \"digest-{locale}.pdf\"\n";
}

// "3" in Arabic-Indic digits, as ICU writes numbers in Arabic.
std::string arabic_digits(int n) {
  std::string digits;
  for (char c : std::to_string(n)) {
    const char32_t d = U'\u0660' + (c - '0');
    digits += static_cast<char>(0xD9);
    digits += static_cast<char>(0x80 | (d & 0x3F));
  }
  return digits;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(multilingual)

BOOST_AUTO_TEST_CASE(every_title_in_every_report_locale, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::vector<std::string> locales = {"en", "es", "fr", "pt", "ar", "ru", "zh", "th"};
  std::string specs;
  for (const std::string& loc : locales) {
    write_file(dir / (loc + ".toml"), spec(loc, kLanguages));
    specs += " " + shell_quote(dir / (loc + ".toml"));
  }
  Result r = gazette("build" + specs + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");  // no missing-glyph warning for any of these scripts
  for (const std::string& loc : locales) {
    const std::string pdf = dir / ("out/digest-" + loc + ".pdf");
    BOOST_TEST(run("qpdf --check " + shell_quote(pdf)).code == 0);
    const std::string text = pdftotext(pdf);
    for (const std::string& lang : kLanguages) {
      std::string missing;
      BOOST_TEST(has_words(text, title_of(lang), missing),
                 loc << " digest lacks '" << missing << "' of the " << lang << " title");
    }
    if (loc == "ar") {  // table-of-contents page numbers in the locale's digits
      const std::string toc = pdftotext(pdf, 1);  // on the cover
      BOOST_TEST(toc.find("\u0662") != std::string::npos, toc);
      BOOST_TEST(toc.find_first_of("0123456789") == std::string::npos, toc);
    }
    const std::string fonts = run("pdffonts " + shell_quote(pdf)).out;
    for (const char* font :
         {"NotoSans-Bold", "NotoSansArabic-Bold", "NotoSansArabic-Regular", "NotoSansHebrew-Bold",
          "NotoSansThai-Bold", "NotoSansThai-Regular", "NotoSansDevanagari-Bold",
          "NotoSansCJKsc-Bold", "NotoSansCJKsc-Regular", "NotoSansCJKkr-Bold"}) {
      BOOST_TEST(fonts.find(font) != std::string::npos, loc << " digest lacks " << font);
    }
  }
}

BOOST_AUTO_TEST_CASE(cover_and_footer_words_with_their_plurals, *boost::unit_test::label("slow")) {
  struct Words {
    std::string locale, lang;
    std::vector<std::string> counts;  // for 0, 1, 2, 3, 11, 100 bulletins
    std::string page, of;             // "Página {p} de {n}"
    std::string as_of;                // the issue date's line: "Situación al 31 de julio de 2021"
  };
  const std::vector<Words> cases = {
      {"es",
       "es",
       {"0 boletines", "1 bolet\u00edn", "2 boletines", "3 boletines", "11 boletines",
        "100 boletines"},
       "P\u00e1gina",
       "de",
       "Situaci\u00f3n al 31 de julio de 2021"},
      {"fr",
       "fr",
       {"0 bulletin", "1 bulletin", "2 bulletins", "3 bulletins", "11 bulletins", "100 bulletins"},
       "Page",
       "sur",
       "Situation au 31 juillet 2021"},
      {"pt",
       "pt",
       {"0 boletim", "1 boletim", "2 boletins", "3 boletins", "11 boletins", "100 boletins"},
       "P\u00e1gina",
       "de",
       "Situa\u00e7\u00e3o em 31 de julho de 2021"},
      {"ar",
       "ar",
       {"لا توجد نشرات", "نشرة واحدة", "نشرتان", "٣ نشرات", "١١ نشرة", "١٠٠ نشرة"},
       "الصفحة",
       "من",
       "حتى"},
  };
  const int counts[] = {0, 1, 2, 3, 11, 100};
  TempDir dir;
  for (const Words& c : cases) {
    std::string specs;
    for (int n : counts) {
      std::string listing;
      for (int i = 0; i < n; ++i) {
        listing += "2021-07-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) +
                   "\n\nPanam\u00e1 " + std::to_string(i + 1) + "\n\nTexto.\n\n";
      }
      if (n == 0) listing = "2021-06-30\n\nPanam\u00e1\n\nTexto.\n";  // outside the period
      const std::string name = c.locale + "-" + std::to_string(n);
      write_file(dir / (name + ".txt"), listing);
      write_file(dir / (name + ".toml"),
                 "title = \"T\"\nlocale = \"" + c.locale + "\"\n[[sources]]\npath = \"" + name +
                     ".txt\"\nlang = \"" + c.lang + "\"\n[select]\nperiod = \"2021-07\"\n" +
                     "[output]\npath = \"" + name + ".pdf\"\n");
      specs += " " + shell_quote(dir / (name + ".toml"));
    }
    Result r = gazette("build" + specs + " --output-dir " + shell_quote(dir / "out"));
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    for (size_t k = 0; k < std::size(counts); ++k) {
      const std::string pdf = dir / ("out/" + c.locale + "-" + std::to_string(counts[k]) + ".pdf");
      const int pages = page_count(pdf);
      auto number = [&](int n) { return c.locale == "ar" ? arabic_digits(n) : std::to_string(n); };
      std::string missing;
      const std::string cover = pdftotext(pdf, 1);
      BOOST_TEST(has_words(cover, c.counts[k], missing),
                 c.locale << " " << counts[k] << ": cover lacks '" << missing << "'");
      // The count is the whole line: "1 boletín" is not "11 boletines".
      if (c.locale != "ar") {
        BOOST_TEST(squash(cover).find(c.counts[k] + " " + c.as_of) != std::string::npos,
                   squash(cover));
      }
      for (int page : {1, pages}) {
        const std::string footer = c.page + " " + number(page) + " " + c.of + " " + number(pages);
        BOOST_TEST(has_words(pdftotext(pdf, page), footer, missing),
                   c.locale << " " << counts[k] << ": page " << page << " lacks '" << missing
                            << "' of '" << footer << "'");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(devanagari_is_shaped_without_warning, *boost::unit_test::label("slow")) {
  TempDir dir;
  write_file(dir / "s.toml", spec("en", {"en", "hi"}));
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  // The text layer gives the title back as written.
  BOOST_TEST(pdftotext(dir / "out/digest-en.pdf").find(title_of("hi")) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_character_no_font_has_is_named_once_per_bulletin,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  // Cherokee: no font of the default chain has it.
  write_file(dir / "chr.txt", "2021-08-02\n\nᏣᎳᎩ ᎠᎠ\n\nᎠ Ꭰ\n");
  write_file(dir / "s.toml",
             "title = \"T\"\n[[sources]]\npath = \"chr.txt\"\nlang = \"chr\"\n"
             "[select]\nperiod = \"2021-08\"\n[output]\npath = \"x.pdf\"\n");
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string where = dir / "chr.txt";
  BOOST_TEST(first_line(r.err) == where +
                                      ":1:1: warning: no bundled font has U+13E3 CHEROKEE "
                                      "LETTER TSA (in bulletin 'ᏣᎳᎩ ᎠᎠ')");
  size_t ha = 0;
  for (size_t at = 0; (at = r.err.find("U+13A0 CHEROKEE LETTER A ", at)) != std::string::npos;
       ++at) {
    ++ha;
  }
  BOOST_TEST(ha == 1u);
}

BOOST_AUTO_TEST_CASE(fonts_can_be_chosen_in_the_spec, *boost::unit_test::label("slow")) {
  TempDir dir;
  // A path relative to the spec, after a bundled name.
  write_file(dir / "my/hebrew.ttf",
             read_file("/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf"));
  write_file(dir / "s.toml",
             spec("en", {"en", "he"}, "[layout]\nfonts = [\"NotoSans\", \"my/hebrew.ttf\"]\n"));
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.err == "");
  const std::string fonts = run("pdffonts " + shell_quote(dir / "out/digest-en.pdf")).out;
  BOOST_TEST(fonts.find("NotoSansHebrew-Bold") != std::string::npos, fonts);
  BOOST_TEST(fonts.find("NotoSansHebrew-Regular") == std::string::npos, fonts);

  // Without Arabic fonts, Arabic text is reported, letter by letter.
  write_file(dir / "t.toml", spec("en", {"ar"}, "[layout]\nfonts = [\"NotoSans\"]\n"));
  r = gazette("build " + shell_quote(dir / "t.toml") + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err.find("warning: no font in [layout] fonts has U+0627 ARABIC LETTER ALEF") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_font_is_reported_at_its_position) {
  TempDir dir;
  write_file(dir / "s.toml",
             spec("en", {"en"}, "[layout]\nfonts = [\"NotoSans\", \"NotoSansArabik\"]\n"));
  Result r =
      gazette("build " + shell_quote(dir / "s.toml") + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST(r.code == 2);
  const int line = 9;  // title, locale, [[sources]] path lang, [select] period, [layout], fonts
  BOOST_TEST(first_line(r.err) == dir / "s.toml" + ":" + std::to_string(line) +
                                      ":22: error: unknown font 'NotoSansArabik'; did you mean "
                                      "'NotoSansArabic'?");
  BOOST_TEST(!std::filesystem::exists(dir / "out/digest-en.pdf"));
  write_file(dir / "t.toml", spec("en", {"en"}, "[layout]\nfonts = [\"missing/x.ttf\"]\n"));
  r = gazette("check " + shell_quote(dir / "t.toml"));
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find(":9:10: error: font file 'missing/x.ttf' not found") != std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_SUITE_END()

// The real ITN corpus (../shared/corpora/itn/: Wikipedia "In the news"
// blurbs in 55 languages), when it is there. Its text is converted to
// listings in a temporary folder, never committed.
#include <unicode/uscript.h>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <ctime>

#include "intl/locale.h"

#include <unicode/normalizer2.h>
#include <iostream>
#include <map>

namespace {

const std::string kItn = std::string(GAZETTE_SOURCE_DIR) + "/../shared/corpora/itn/corpus.json";

// The blurb's text: tags dropped, the few entities Wikipedia uses decoded,
// white space folded (the listing reader folds it too, but a newline would
// end the paragraph).
std::string plain(const std::string& html) {
  std::string out;
  bool tag = false;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') tag = true;
    if (tag) {
      tag = c != '>';
      continue;
    }
    if (c == '&') {
      size_t end = html.find(';', i);
      std::string entity = end == std::string::npos ? "" : html.substr(i, end - i + 1);
      if (entity == "&amp;" || entity == "&nbsp;" || entity == "&quot;" || entity == "&#39;") {
        out += entity == "&amp;" ? "&" : entity == "&quot;" ? "\"" : entity == "&#39;" ? "'" : " ";
        i = end;
        continue;
      }
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out;
}

// Wikipedia's language codes as BCP 47 tags.
std::string bcp47(const std::string& wiki) {
  if (wiki == "zh-classical") return "lzh";
  if (wiki == "zh-yue") return "yue";
  return wiki;
}

// NFC, white space folded, without the bidi controls pdftotext adds around
// runs of the other direction and the marks Gazette gives it (README, "Text
// layer").
std::string folded(const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  icu::UnicodeString u = nfc->normalize(icu::UnicodeString::fromUTF8(s), st);
  BOOST_REQUIRE(U_SUCCESS(st));
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
        c == 0x200F || c == 0x061C) {
      continue;
    }
    if (u_isUWhiteSpace(c)) {
      if (!out.isEmpty() && out.char32At(out.length() - 1) != ' ') out.append(UChar32(' '));
      continue;
    }
    out.append(c);
  }
  std::string utf8;
  return out.toUTF8String(utf8);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(multilingual)

// Scale (label slow: ctest -C slow, about 30 s). Every language of the corpus builds, in a digest
// of its own, and the PDF's text layer gives at least 99 % of its titles back exactly,
// right-to-left titles with digits, Latin and brackets included (README, "Text layer").
BOOST_AUTO_TEST_CASE(itn_corpus_titles_read_back_in_every_language,
                     *boost::unit_test::label("slow")) {
  if (!std::filesystem::exists(kItn)) {
    BOOST_TEST_MESSAGE("SKIPPED LOUDLY: no ITN corpus at " << kItn);
    std::cerr << "test_cli: SKIPPED itn_corpus_titles_read_back_in_every_language: no " << kItn
              << "\n";
    return;
  }
  boost::property_tree::ptree corpus;
  boost::property_tree::read_json(kItn, corpus);
  std::map<std::string, std::vector<std::pair<std::string, std::string>>>
      titles;  // lang -> (listing, title)
  std::map<std::string, std::string> listings;
  for (const auto& [event, blurbs] : corpus) {
    for (const auto& [timestamp, b] : blurbs) {
      const std::time_t t = static_cast<std::time_t>(std::stod(timestamp));
      char date[16];
      std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&t));
      std::string title = squash(plain(b.get<std::string>("keyword")));
      std::string body = squash(plain(b.get<std::string>("blurb")));
      if (title.empty() || body.empty()) continue;
      const std::string lang = b.get<std::string>("lang");
      listings[lang] += std::string(date) + "\n\n" + title + "\n\n" + body + "\n\n";
      titles[lang].emplace_back(lang, title);
    }
  }
  TempDir dir;
  std::string specs;
  for (const auto& [lang, text] : listings) {
    write_file(dir / ("itn-" + lang + ".txt"), text);
    write_file(dir / (lang + ".toml"), "title = \"In the news\"\n[[sources]]\npath = \"itn-" +
                                           lang + ".txt\"\nlang = \"" + bcp47(lang) +
                                           "\"\n[select]\nperiod = \"2018-01-01..2023-12-31\"\n"
                                           "[output]\npath = \"" +
                                           lang + ".pdf\"\n");
    specs += " " + shell_quote(dir / (lang + ".toml"));
  }
  Result r = gazette("build" + specs + " --output-dir " + shell_quote(dir / "out"));
  BOOST_TEST_REQUIRE(r.code == 0, r.err.substr(0, 2000));

  std::ostringstream table;
  for (const auto& [lang, list] : titles) {
    const std::string pdf = dir / ("out/" + lang + ".pdf");
    const std::string text = folded(pdftotext(pdf));
    size_t found = 0;
    std::string example;
    for (const auto& [l, title] : list) {
      if (text.find(folded(title)) != std::string::npos) {
        ++found;
      } else if (example.empty()) {
        example = title;
      }
    }
    const double share = double(found) / double(list.size());
    table << lang << " " << found << "/" << list.size() << "\n";
    BOOST_TEST(share >= 0.99,
               lang << ": " << found << " of " << list.size() << " titles, e.g. " << example);
  }
  BOOST_TEST_MESSAGE("titles read back by pdftotext, per language:\n" << table.str());
}

BOOST_AUTO_TEST_SUITE_END()
