#include <boost/test/unit_test.hpp>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "intl/catalog.h"
#include "intl/dates.h"
#include "intl/format.h"
#include "intl/locale.h"
#include "intl/text.h"

using namespace gz;
using namespace gz::intl;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// "none" when text is not a date, so a failure prints what was parsed.
std::string parsed(const DateParser& p, const std::string& text) {
  auto d = p.parse(text);
  return d ? d->iso() : "none";
}

std::vector<std::string> bulletins(const Formatter& f) {
  std::vector<std::string> out;
  for (int64_t n : {0, 1, 2, 3, 11, 100}) out.push_back(f.message("bulletins", {{"count", n}}));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(normalises_to_nfc_and_folds_white_space) {
  BOOST_TEST(normalize_text("Panama\u0301") == "Panam\u00e1");
  BOOST_TEST(normalize_text("a \t\u00A0 b ") == "a b");
  BOOST_TEST(normalize_text("\u2028 Costa\u202FRica\u3000\n") == "Costa Rica");
  BOOST_TEST(normalize_text("  plain  ascii ") == "plain ascii");
  BOOST_TEST(normalize_text(" \t ") == "");
}

// normalize_text takes text whose code points are all below U+0300 as NFC
// without asking ICU. That holds because each of them is NFC_Quick_Check=Yes
// with canonical combining class 0 (UAX #15's quick check then says Yes).
BOOST_AUTO_TEST_CASE(text_below_u0300_is_nfc_by_the_quick_check) {
  for (UChar32 c = 0; c < 0x300; ++c) {
    BOOST_TEST_REQUIRE(u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES, c);
    BOOST_TEST_REQUIRE(u_getCombiningClass(c) == 0, c);
  }
  // And U+0300 is where it stops: a grave accent composes with the letter.
  BOOST_TEST(u_getIntPropertyValue(0x300, UCHAR_NFC_QUICK_CHECK) != UNORM_YES);
  BOOST_TEST(normalize_text("\u02FF\u01FFe\u0300") == "\u02FF\u01FF\u00e8");
  BOOST_TEST(normalize_text("Ca\u0308\u00ef") == "C\u00e4\u00ef");
}

// normalize_text folds white space word by word on ASCII; on NFC text it
// must give exactly what folding code point by code point gives.
BOOST_AUTO_TEST_CASE(white_space_folding_agrees_with_code_point_folding) {
  auto reference = [](const std::string& s) {
    std::string out;
    bool pending = false;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t len = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < len;) {
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, len, c);
      if (u_isUWhiteSpace(c)) {
        pending = true;
        continue;
      }
      if (pending && !out.empty()) out += ' ';
      pending = false;
      out.append(s, size_t(start), size_t(i - start));
    }
    return out;
  };
  const std::vector<std::string> pieces{
      "a", "Zz", "0", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\x01", "\x1c", "\x1f", "\x7f",
      "!", "~", ".", "\u00A0", "\u0085", "\u2028", "\u202F", "\u3000", "\u00e9", "\u00c9", "\u4e2d",
      "\u0627", "\U0001F600",
      // Stretches of eight and more, which are copied eight bytes at a time.
      "Panama City", "a b c d e f g h", "x.y,z;w:v!u?", "abcdefg ", " bcdefgh", "abcdefg  "};
  std::mt19937 random(20211128);
  for (int n = 0; n < 40000; ++n) {
    std::string s;
    const size_t length = random() % 32;
    for (size_t i = 0; i < length; ++i) s += pieces[random() % pieces.size()];
    BOOST_TEST_REQUIRE(normalize_text(s) == reference(s), s);
  }
  // Every code point of two UTF-8 bytes that NFC leaves as it is, alone,
  // after a word, between spaces and inside an ASCII stretch.
  for (UChar32 c = 0x80; c < 0x800; ++c) {
    if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES || u_getCombiningClass(c) != 0)
      continue;
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    const std::string ch(buf, size_t(n));
    for (const std::string& s : {ch, "word" + ch, "a " + ch + " b", "abcdefgh " + ch + "abcdefgh",
                                 ch + ch + " " + ch, "x" + ch + "  " + ch + "y"}) {
      BOOST_TEST_REQUIRE(normalize_text(s) == reference(s), s);
    }
  }
}

// fold_for_match reads ASCII and U+0080..U+07FF without ICU: on every pair
// of ASCII and U+00C0..U+00FF, and on random text mixing them with others (marks,
// signs, other scripts), it must give what ICU alone gives.
BOOST_AUTO_TEST_CASE(latin_folding_agrees_with_icu) {
  std::vector<std::string> chars;
  for (char c = ' '; c <= '~'; ++c) chars.emplace_back(1, c);
  for (int i = 0; i < 64; ++i) chars.push_back(std::string{'\xC3', static_cast<char>(0x80 + i)});
  for (const std::string& a : chars) {
    BOOST_TEST_REQUIRE(fold_for_match(a) == fold_for_match_icu(a), a);
    for (const std::string& b : chars) {
      BOOST_TEST_REQUIRE(fold_for_match(a + b) == fold_for_match_icu(a + b), a + b);
    }
  }
  std::vector<std::string> more = chars;
  for (const char* other : {"\u0301", "\u0327", "\u00A0", "\u00B4", "\u00B8", "\u0100", "\u1E9E",
                            "\u0130", "\u03A3", "\u4e2d", "\U0001F600", "\u00BF"})
    more.push_back(other);
  std::mt19937 random(1128);
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    const size_t length = random() % 12;
    for (size_t i = 0; i < length; ++i) s += more[random() % more.size()];
    BOOST_TEST_REQUIRE(fold_for_match(s) == fold_for_match_icu(s), s);
  }
  BOOST_TEST(fold_for_match("São Tomé, CÔTE D’IVOIRE, Straße") ==
             fold_for_match_icu("São Tomé, CÔTE D’IVOIRE, Straße"));
  BOOST_TEST(fold_for_match("PANAMÁ Ñandú") == "panama nandu");
}

// The same for every code point of two UTF-8 bytes (U+0080..U+07FF), alone,
// after an ASCII letter, every pair of Cyrillic letters and combining marks,
// and random text of Greek, Cyrillic, Hebrew, Arabic and marks.
BOOST_AUTO_TEST_CASE(two_byte_folding_agrees_with_icu) {
  auto utf8 = [](char32_t c) {
    return std::string{static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
  };
  for (char32_t c = 0x80; c < 0x800; ++c) {
    const std::string a = utf8(c);
    BOOST_TEST_REQUIRE(fold_for_match(a) == fold_for_match_icu(a), a);
    BOOST_TEST_REQUIRE(fold_for_match("A" + a + "b") == fold_for_match_icu("A" + a + "b"), a);
  }
  std::vector<std::string> chars;
  for (char32_t c = 0x300; c < 0x370; ++c) chars.push_back(utf8(c));
  for (char32_t c = 0x400; c < 0x530; ++c) chars.push_back(utf8(c));
  for (const std::string& a : chars) {
    for (const std::string& b : chars) {
      BOOST_TEST_REQUIRE(fold_for_match(a + b) == fold_for_match_icu(a + b), a + b);
    }
  }
  std::vector<std::string> more;
  for (char32_t c = 0x80; c < 0x800; c += 3) more.push_back(utf8(c));
  for (const char* other : {" ", "a", "Z", "\u1E9E", "\u4e2d", "\u0301", "\u0306", "\u0308"})
    more.push_back(other);
  std::mt19937 random(1201);
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    const size_t length = random() % 12;
    for (size_t i = 0; i < length; ++i) s += more[random() % more.size()];
    BOOST_TEST_REQUIRE(fold_for_match(s) == fold_for_match_icu(s), s);
  }
  BOOST_TEST(fold_for_match("ЁЛКА Йемен Ρωσία") == "елка иемен ρωσια");
}

BOOST_AUTO_TEST_CASE(folds_for_matching) {
  BOOST_TEST(fold_for_match("Panam\u00e1") == "panama");
  BOOST_TEST(fold_for_match("Panama\u0301") == "panama");
  BOOST_TEST(fold_for_match("\u00c9IRE") == "eire");
  BOOST_TEST(fold_for_match("Stra\u00dfe") == "strasse");
  BOOST_TEST(fold_for_match("S\u00e3o Tom\u00e9") == "sao tome");
  BOOST_TEST(fold_for_match("Costa Rica") == "costa rica");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(date_parsing)

BOOST_AUTO_TEST_CASE(english) {
  DateParser p("en");
  BOOST_TEST(parsed(p, "2 August, 2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "August 2, 2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "2 August 2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "  2 august, 2021 ") == "2021-08-02");
  BOOST_TEST(parsed(p, "2 AUGUST, 2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "2\u00A0August,\t2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "29 February, 2024") == "2024-02-29");
  BOOST_TEST(parsed(p, "31 February, 2021") == "none");
  BOOST_TEST(parsed(p, "2 Agust, 2021") == "none");
  BOOST_TEST(parsed(p, "2 Aug, 2021") == "none");
  BOOST_TEST(parsed(p, "2 August, 21") == "none");
  BOOST_TEST(parsed(p, "2 August, 2021 extra") == "none");
  BOOST_TEST(parsed(p, "45 August, 2021") == "none");
  BOOST_TEST(parsed(p, "") == "none");
  BOOST_TEST(p.example() == "2 August, 2021");
}

BOOST_AUTO_TEST_CASE(spanish_and_portuguese) {
  DateParser es("es");
  BOOST_TEST(parsed(es, "2 de agosto de 2021") == "2021-08-02");
  BOOST_TEST(parsed(es, "2 de Agosto de 2021") == "2021-08-02");
  BOOST_TEST(parsed(es, "30 de febrero de 2021") == "none");
  BOOST_TEST(parsed(es, "2 agosto 2021") == "none");
  BOOST_TEST(es.example() == "2 de agosto de 2021");
  DateParser pt("pt");
  BOOST_TEST(parsed(pt, "2 de agosto de 2021") == "2021-08-02");
  BOOST_TEST(parsed(pt, "31 de junho de 2021") == "none");
  BOOST_TEST(pt.example() == "2 de agosto de 2021");
  BOOST_TEST(parsed(DateParser("pt-BR"), "2 de agosto de 2021") == "2021-08-02");
}

BOOST_AUTO_TEST_CASE(french) {
  DateParser p("fr");
  BOOST_TEST(parsed(p, "2 ao\u00fbt 2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "2\u00A0ao\u00fbt 2021") == "2021-08-02");
  BOOST_TEST(parsed(p, "1er ao\u00fbt 2021") == "2021-08-01");
  BOOST_TEST(parsed(p, "2er ao\u00fbt 2021") == "none");
  BOOST_TEST(parsed(p, "2 aout 2021") == "none");
  BOOST_TEST(parsed(p, "31 f\u00e9vrier 2021") == "none");
  BOOST_TEST(p.example() == "2 ao\u00fbt 2021");
}

BOOST_AUTO_TEST_CASE(iso_in_every_language) {
  for (const char* lang : {"en", "es", "fr", "pt", "de", "ar"}) {
    DateParser p(lang);
    BOOST_TEST(parsed(p, "2021-08-02") == "2021-08-02", lang);
    BOOST_TEST(parsed(p, " 2021-08-02 ") == "2021-08-02", lang);
    BOOST_TEST(parsed(p, "2021-02-30") == "none", lang);
    BOOST_TEST(p.looks_like_date("2021-02-30"), lang);
  }
}

BOOST_AUTO_TEST_CASE(other_languages_use_locale_styles) {
  DateParser de("de");
  BOOST_TEST(parsed(de, "2. August 2021") == "2021-08-02");
  BOOST_TEST(parsed(de, "Montag, 2. August 2021") == "2021-08-02");
  BOOST_TEST(parsed(de, "02.08.2021") == "2021-08-02");
  BOOST_TEST(parsed(de, "31. Februar 2021") == "none");
  BOOST_TEST(de.example() == "2. August 2021");
  DateParser ru("ru");
  // CLDR writes U+202F before "г."; pages write a plain space, or either.
  BOOST_TEST(parsed(ru, "2 \u0430\u0432\u0433\u0443\u0441\u0442\u0430 2021 \u0433.") ==
             "2021-08-02");
  BOOST_TEST(parsed(ru, "2 \u0430\u0432\u0433\u0443\u0441\u0442\u0430 2021\u202F\u0433.") ==
             "2021-08-02");
  BOOST_TEST(parsed(ru, "2 \u0430\u0432\u0433. 2021 \u0433.") == "2021-08-02");
  DateParser ar("ar");  // Arabic-Indic or Latin digits
  BOOST_TEST(parsed(ar, "\u0662 \u0623\u063a\u0633\u0637\u0633 \u0662\u0660\u0662\u0661") ==
             "2021-08-02");
  BOOST_TEST(parsed(ar, "2 \u0623\u063a\u0633\u0637\u0633 2021") == "2021-08-02");
  // Thai defaults to the Buddhist calendar (2564); listings use Gregorian.
  BOOST_TEST(parsed(DateParser("th"), "2 \u0e2a\u0e34\u0e07\u0e2b\u0e32\u0e04\u0e21 2021") ==
             "2021-08-02");
  BOOST_TEST(parsed(DateParser("ja"), "2021\u5e748\u67082\u65e5") == "2021-08-02");
}

BOOST_AUTO_TEST_CASE(tells_no_such_day_from_not_a_date) {
  DateParser en("en"), es("es"), fr("fr");
  BOOST_TEST(en.looks_like_date("31 February, 2021"));
  BOOST_TEST(en.looks_like_date("2 August, 2021"));
  BOOST_TEST(es.looks_like_date("30 de febrero de 2021"));
  BOOST_TEST(fr.looks_like_date("31 f\u00e9vrier 2021"));
  BOOST_TEST(!en.looks_like_date("hello"));
  BOOST_TEST(!en.looks_like_date(""));
  BOOST_TEST(!en.looks_like_date("2 Agust, 2021"));
  BOOST_TEST(!en.looks_like_date("31 February, 21"));
  BOOST_TEST(!en.looks_like_date("2021-13-01"));
  // Years past 9999 are dates that do not exist, not text (they were read
  // as a paragraph of the bulletin before).
  for (const char* s : {"2 July, 10000", "31 February, 10000", "10000-07-02", "123456789-07-02"}) {
    BOOST_TEST(en.looks_like_date(s), s);
    BOOST_TEST(!en.parse(s).has_value(), s);
  }
  BOOST_TEST(!en.looks_like_date("2 July, 1234567890"));
}

// The fast path reads the usual forms without ICU: on every form a language
// writes, and on near misses of them, it must give what ICU alone gives.
BOOST_AUTO_TEST_CASE(the_fast_path_agrees_with_icu, *boost::unit_test::label("slow")) {
  std::vector<Date> dates;
  for (Date d = ymd(2024, 1, 1); d <= ymd(2024, 12, 31); d = d.plus_days(1)) dates.push_back(d);
  for (int y : {1000, 1582, 1999, 2000, 2023, 2100, 9999}) {
    for (int m = 1; m <= 12; ++m) {
      for (int d : {1, 9, 10, 28}) dates.push_back(ymd(y, m, d));
      dates.push_back(*Date::from_ymd(y, m, days_in_month(y, m)));
    }
  }
  auto replace = [](std::string s, const std::string& from, const std::string& to) {
    size_t at = s.find(from);
    return at == std::string::npos ? s : s.replace(at, from.size(), to);
  };
  auto upper = [](std::string s) {
    for (char& c : s) c = c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
    return s;
  };
  // German and Russian also read the full and medium forms ("Montag, 2.
  // August 2021", "02.08.2021"), which the fast path does not know: ICU only.
  const std::vector<std::string> fast{"en", "en-GB", "es", "es-PA", "es-MX", "fr", "pt", "pt-BR"};
  for (const char* lang : {"en", "en-GB", "es", "es-PA", "es-MX", "fr", "pt", "pt-BR", "de", "ru",
                           "ar", "th", "ja", "am"}) {
    DateParser p(lang);
    const bool expect_fast = std::find(fast.begin(), fast.end(), lang) != fast.end();
    BOOST_TEST(p.has_fast_path() == expect_fast, lang);
    for (size_t i = 0; i < dates.size(); ++i) {
      const Date date = dates[i];
      const Ymd parts = date.ymd();
      const std::vector<std::string> forms = p.written_forms(date);
      // ICU reads what it writes in the primary form ("1er" fits day 1 only).
      BOOST_TEST_REQUIRE((p.parse_with_icu(forms.front()) == date), lang << ": " << forms.front());
      for (const std::string& text : forms) {
        BOOST_TEST_REQUIRE((p.parse(text) == p.parse_with_icu(text)), lang << ": " << text);
        if (i % 11 != 0) continue;
        // Near misses: each must be read as ICU reads it, date or none.
        const std::string day = std::to_string(parts.day), year = std::to_string(parts.year);
        std::vector<std::string> misses{
            upper(text),
            " " + text + " ",
            text + " 1",
            text + ".",
            replace(text, " ", "  "),
            replace(text, " ", "\u00A0"),
            replace(text, " ", "\u200F "),
            replace(text, year, year.substr(2)),
            replace(text, year, "0" + year),
            replace(text, year, year + "0"),
            replace(text, year, "\u0662\u0660\u0662\u0664"),
            replace(text, day, "0" + day),
            replace(text, day, "00"),
            replace(text, day, "31"),
            replace(text, day, "30"),
            replace(text, day, "29"),
            replace(text, day, "32"),
            replace(text, day, day + day),
        };
        for (const std::string& miss : misses) {
          BOOST_TEST_REQUIRE((p.parse(miss) == p.parse_with_icu(miss)), lang << ": " << miss);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(moves) {
  DateParser a("es");
  DateParser b(std::move(a));
  BOOST_TEST(parsed(b, "2 de agosto de 2021") == "2021-08-02");
  a = DateParser("en");
  BOOST_TEST(parsed(a, "2 August, 2021") == "2021-08-02");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(locales_and_zones)

// The known languages come from ICU's ids directly: every locale ICU lists
// must be known, by its id and by its language.
BOOST_AUTO_TEST_CASE(every_available_locale_is_known) {
  const auto ids = known_locale_ids();
  BOOST_TEST(ids.size() > 500u);
  for (const std::string& id : ids) {
    BOOST_TEST_REQUIRE(is_known_locale(id), id);
    BOOST_TEST_REQUIRE(is_known_locale(id.substr(0, id.find('_'))), id);
  }
}

BOOST_AUTO_TEST_CASE(validates_locales) {
  for (const char* id : {"en", "pt-BR", "pt_BR", "es_MX", "ar", "zh-Hant", "EN-us", "he"}) {
    BOOST_TEST(is_known_locale(id), id);
  }
  for (const char* id : {"xx", "english", "", "en US", "und", "root"}) {
    BOOST_TEST(!is_known_locale(id), id);
  }
  BOOST_TEST(canonical_locale("pt-BR") == "pt_BR");
  BOOST_TEST(canonical_locale("es_MX") == "es_MX");
  BOOST_TEST(canonical_locale("zh-Hant") == "zh_Hant");
  BOOST_TEST(canonical_locale("iw") == "he");  // legacy code
  auto ids = known_locale_ids();
  BOOST_TEST(std::is_sorted(ids.begin(), ids.end()));
  for (const char* id : {"en", "es", "pt_BR", "ar"}) {
    BOOST_TEST(std::binary_search(ids.begin(), ids.end(), id), id);
  }
}

BOOST_AUTO_TEST_CASE(knows_right_to_left_locales) {
  BOOST_TEST(is_rtl_locale("ar"));
  BOOST_TEST(is_rtl_locale("he"));
  BOOST_TEST(is_rtl_locale("fa"));
  BOOST_TEST(is_rtl_locale("ur"));
  BOOST_TEST(!is_rtl_locale("en"));
  BOOST_TEST(!is_rtl_locale("es-MX"));
}

BOOST_AUTO_TEST_CASE(validates_time_zones) {
  BOOST_TEST(is_known_time_zone("America/Costa_Rica"));
  BOOST_TEST(is_known_time_zone("UTC"));
  BOOST_TEST(is_known_time_zone("Europe/Madrid"));
  BOOST_TEST(!is_known_time_zone("Mars/Olympus"));
  BOOST_TEST(!is_known_time_zone("utc"));
  BOOST_TEST(!is_known_time_zone(""));
  // ICU's own "unknown" zone id must not pass for a real one.
  BOOST_TEST(!is_known_time_zone("Etc/Unknown"));
  auto ids = known_time_zone_ids();
  BOOST_TEST((std::find(ids.begin(), ids.end(), "America/Costa_Rica") != ids.end()));
}

BOOST_AUTO_TEST_CASE(dates_in_zones_around_midnight) {
  const int64_t t = 1627786800;  // 2021-08-01T03:00:00Z
  BOOST_TEST(date_in_zone(t, "UTC").iso() == "2021-08-01");
  BOOST_TEST(date_in_zone(t, "America/Costa_Rica").iso() == "2021-07-31");  // 21:00, UTC-6
  BOOST_TEST(date_in_zone(t + 3 * 3600, "America/Costa_Rica").iso() == "2021-08-01");
  BOOST_TEST(date_in_zone(t - 3 * 3600 - 1, "UTC").iso() == "2021-07-31");
  BOOST_TEST(date_in_zone(t - 4 * 3600, "Asia/Tokyo").iso() == "2021-08-01");  // 08:00, UTC+9
  BOOST_CHECK_THROW(date_in_zone(t, "Mars/Olympus"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(formatting)

BOOST_AUTO_TEST_CASE(long_dates) {
  BOOST_TEST(Formatter("en").date(ymd(2021, 7, 9)) == "July 9, 2021");
  BOOST_TEST(Formatter("es").date(ymd(2021, 7, 9)) == "9 de julio de 2021");
  BOOST_TEST(Formatter("fr").date(ymd(2021, 7, 9)) == "9 juillet 2021");
  BOOST_TEST(Formatter("pt-BR").date(ymd(2021, 7, 9)) == "9 de julho de 2021");
  BOOST_TEST(Formatter("en").date(ymd(2021, 1, 1)) == "January 1, 2021");  // no zone shift
}

BOOST_AUTO_TEST_CASE(periods_in_english) {
  Formatter f("en");
  BOOST_TEST(f.period({ymd(2021, 7, 1), ymd(2021, 7, 31)}) == "July 2021");
  BOOST_TEST(f.period({ymd(2021, 7, 1), ymd(2021, 9, 30)}) ==
             "July\u2009\u2013\u2009September 2021");
  BOOST_TEST(f.period({ymd(2021, 1, 1), ymd(2021, 12, 31)}) == "2021");
  BOOST_TEST(f.period({ymd(2021, 7, 1), ymd(2021, 7, 15)}) == "July 1\u2009\u2013\u200915, 2021");
  BOOST_TEST(f.period({ymd(2021, 7, 20), ymd(2021, 8, 15)}) ==
             "July 20\u2009\u2013\u2009August 15, 2021");
  BOOST_TEST(f.period({ymd(2021, 11, 1), ymd(2022, 2, 28)}) ==
             "November 1, 2021\u2009\u2013\u2009February 28, 2022");
  BOOST_TEST(f.period({ymd(2021, 7, 9), ymd(2021, 7, 9)}) == "July 9, 2021");
  BOOST_CHECK_THROW(f.period({ymd(2021, 7, 9), ymd(2021, 7, 8)}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(periods_in_spanish) {
  Formatter f("es");
  BOOST_TEST(f.period({ymd(2021, 7, 1), ymd(2021, 7, 31)}) == "julio de 2021");
  // Spanish intervals have no thin spaces around the dash.
  BOOST_TEST(f.period({ymd(2021, 7, 1), ymd(2021, 9, 30)}) == "julio\u2013septiembre de 2021");
  BOOST_TEST(f.period({ymd(2021, 1, 1), ymd(2021, 12, 31)}) == "2021");
  BOOST_TEST(f.period({ymd(2021, 7, 1), ymd(2021, 7, 15)}) == "1\u201315 de julio de 2021");
  BOOST_TEST(f.period({ymd(2021, 7, 20), ymd(2021, 8, 15)}) ==
             "20 de julio\u2009\u2013\u200915 de agosto de 2021");
}

BOOST_AUTO_TEST_CASE(whole_months_in_other_languages) {
  BOOST_TEST(Formatter("fr").period({ymd(2021, 7, 1), ymd(2021, 7, 31)}) == "juillet 2021");
  BOOST_TEST(Formatter("pt").period({ymd(2021, 7, 1), ymd(2021, 7, 31)}) == "julho de 2021");
  BOOST_TEST(Formatter("en").period({ymd(2024, 2, 1), ymd(2024, 2, 29)}) == "February 2024");
}

BOOST_AUTO_TEST_CASE(numbers) {
  BOOST_TEST(Formatter("en").number(1234567) == "1,234,567");
  BOOST_TEST(Formatter("es").number(1234567) == "1.234.567");
  BOOST_TEST(Formatter("fr").number(1234567) == "1\u202F234\u202F567");
  BOOST_TEST(Formatter("ar").number(1234567) ==
             "\u0661\u066c\u0662\u0663\u0664\u066c\u0665\u0666\u0667");
}

BOOST_AUTO_TEST_CASE(bulletin_counts) {
  BOOST_TEST(
      bulletins(Formatter("en")) == (Strings{"0 bulletins", "1 bulletin", "2 bulletins",
                                             "3 bulletins", "11 bulletins", "100 bulletins"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      bulletins(Formatter("es")) == (Strings{"0 boletines", "1 bolet\u00edn", "2 boletines",
                                             "3 boletines", "11 boletines", "100 boletines"}),
      boost::test_tools::per_element());
  // French and Brazilian Portuguese put 0 in "one".
  BOOST_TEST(
      bulletins(Formatter("fr")) == (Strings{"0 bulletin", "1 bulletin", "2 bulletins",
                                             "3 bulletins", "11 bulletins", "100 bulletins"}),
      boost::test_tools::per_element());
  BOOST_TEST(bulletins(Formatter("pt")) == (Strings{"0 boletim", "1 boletim", "2 boletins",
                                                    "3 boletins", "11 boletins", "100 boletins"}),
             boost::test_tools::per_element());
  // Arabic: zero, one, two, few, many, other; Arabic-Indic digits.
  BOOST_TEST(bulletins(Formatter("ar")) == (Strings{"لا توجد نشرات", "نشرة واحدة", "نشرتان",
                                                    "٣ نشرات", "١١ نشرة", "١٠٠ نشرة"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fallback_uses_english_words_and_plurals) {
  // Russian rules would pick "one" for 21; the fallback words are English.
  Formatter ru("ru");
  BOOST_TEST(ru.message("bulletins", {{"count", 21}}) == "21 bulletins");
  BOOST_TEST(ru.message("bulletins", {{"count", 1}}) == "1 bulletin");
  BOOST_TEST(ru.message("bulletins", {{"count", 1000}}) == "1\u00A0000 bulletins");
  BOOST_TEST(Formatter("de").message("bulletins", {{"count", 1000}}) == "1.000 bulletins");
  BOOST_TEST(Formatter("de").message("contents") == "Contents");
}

BOOST_AUTO_TEST_CASE(page_numbers) {
  auto page_of = [](const char* loc) {
    return Formatter(loc).message("page_of", {{"page", 3}, {"pages", 12}});
  };
  BOOST_TEST(page_of("en") == "Page 3 of 12");
  BOOST_TEST(page_of("es") == "P\u00e1gina 3 de 12");
  BOOST_TEST(page_of("fr") == "Page 3 sur 12");
  BOOST_TEST(page_of("pt") == "P\u00e1gina 3 de 12");
  BOOST_TEST(page_of("ar") == "الصفحة ٣ من ١٢");
  BOOST_TEST(Formatter("en").message("page_of", {{"page", 1000}, {"pages", 1200}}) ==
             "Page 1,000 of 1,200");
}

// The locale's digits, as number() writes them; Western ones for a
// numbering system that is not decimal.
BOOST_AUTO_TEST_CASE(digits_of_the_locale) {
  for (const char* loc : {"en", "ar", "ar-EG", "ar-MA", "fa", "hi-u-nu-deva", "th-u-nu-thai",
                          "en-u-nu-arab", "ar-u-nu-latn", "zh"}) {
    const Formatter f(loc);
    const auto digits = f.digits();
    for (int i = 0; i < 10; ++i) BOOST_TEST(digits[static_cast<size_t>(i)] == f.number(i), loc);
  }
  BOOST_TEST(Formatter("ar").digits()[3] == "٣");
  BOOST_TEST(Formatter("fa").digits()[9] == "۹");
  BOOST_TEST(Formatter("en-u-nu-roman").digits()[3] == "3");
}

// A message cut at its arguments: literal text and plain names; a plural
// cannot be cut. A message without arguments is one piece, its text.
BOOST_AUTO_TEST_CASE(message_pieces) {
  using Pieces = std::vector<std::pair<std::string, std::string>>;
  auto pieces = [](const Formatter& f, const char* key) {
    Pieces out;
    for (const auto& p : f.message_pieces(key)) out.emplace_back(p.text, p.arg);
    return out;
  };
  BOOST_TEST((pieces(Formatter("en"), "page_of") ==
              Pieces{{"Page ", ""}, {"", "page"}, {" of ", ""}, {"", "pages"}}));
  BOOST_TEST((pieces(Formatter("ar"), "page_of") ==
              Pieces{{"الصفحة ", ""}, {"", "page"}, {" من ", ""}, {"", "pages"}}));
  BOOST_TEST((pieces(Formatter("en"), "contents") == Pieces{{"Contents", ""}}));
  BOOST_CHECK_THROW(Formatter("en").message_pieces("bulletins"), std::logic_error);  // a plural
  BOOST_CHECK_THROW(Formatter("en").message_pieces("no_such_key"), std::logic_error);
  for (const std::string& lang : detail::catalog_languages()) {
    const Formatter f(lang);
    for (const detail::Message& m : detail::catalog(lang)) {
      if (m.pattern.find('{') != std::string::npos) continue;
      const Pieces p = pieces(f, m.key.c_str());
      BOOST_TEST((p == Pieces{{f.message(m.key), ""}}), lang << " " << m.key);
    }
  }
}

BOOST_AUTO_TEST_CASE(fixed_messages) {
  struct Case {
    const char* locale;
    Strings words;  // no_bulletins, contents, regions_label, period_label
  };
  const Case cases[] = {
      {"en", {"No bulletins in this period.", "Contents", "Regions", "Period"}},
      {"es", {"No hay boletines en este periodo.", "\u00cdndice", "Regiones", "Periodo"}},
      {"fr",
       {"Aucun bulletin pour cette p\u00e9riode.", "Sommaire", "R\u00e9gions", "P\u00e9riode"}},
      {"pt", {"Nenhum boletim neste per\u00edodo.", "\u00cdndice", "Regi\u00f5es", "Per\u00edodo"}},
      {"ar", {"لا توجد نشرات في هذه الفترة.", "المحتويات", "المناطق", "الفترة"}},
  };
  for (const Case& c : cases) {
    Formatter f(c.locale);
    Strings got;
    for (const char* key : {"no_bulletins", "contents", "regions_label", "period_label"}) {
      got.push_back(f.message(key));
    }
    BOOST_TEST(got == c.words, boost::test_tools::per_element());
    BOOST_TEST(f.locale() == c.locale);
  }
  BOOST_CHECK_THROW(Formatter("en").message("no_such_key"), std::logic_error);
}

BOOST_AUTO_TEST_CASE(collation) {
  Collator es("es");
  BOOST_TEST(es.less("Ecuador", "\u00c9ire"));
  BOOST_TEST(!es.less("\u00c9ire", "Ecuador"));
  // Byte order puts "Éire" after "Estonia" (0xC3 > 'E'); the collator does not.
  BOOST_TEST(es.less("\u00c9ire", "Estonia"));
  // Extra parentheses: Boost.Test's own string comparison uses signed chars.
  BOOST_TEST((std::string("Estonia") < std::string("\u00c9ire")));
  Strings names{"Panam\u00e1", "\u00c9ire",  "Ecuador",  "Estonia",
                "Belice",      "\u00d1uble", "Nicaragua"};
  std::sort(names.begin(), names.end(),
            [&](const auto& a, const auto& b) { return es.less(a, b); });
  BOOST_TEST(names == (Strings{"Belice", "Ecuador", "\u00c9ire", "Estonia", "Nicaragua",
                               "\u00d1uble", "Panam\u00e1"}),
             boost::test_tools::per_element());
}

// A language's name, or the start of one, where a code is expected.
BOOST_AUTO_TEST_CASE(language_names_get_their_code_as_hint) {
  BOOST_TEST(suggest_language("spanish") == "did you mean 'es' (Spanish)?");
  BOOST_TEST(suggest_language("Español") == "did you mean 'es' (Spanish)?");
  BOOST_TEST(suggest_language("espanol") == "did you mean 'es' (Spanish)?");
  BOOST_TEST(suggest_language("sp") == "did you mean 'es' (Spanish)?");  // not Pashto ('ps')
  BOOST_TEST(suggest_language("portugese") == "did you mean 'pt' (Portuguese)?");
  BOOST_TEST(suggest_language("Deutsch") == "did you mean 'de' (German)?");
  BOOST_TEST(suggest_language("esp") == "did you mean 'es'?");  // español or esperanto: the code
  BOOST_TEST(suggest_language("qqqqqq") == "");
  // "sp" is no ISO 639-1 code; three-letter languages stay open.
  BOOST_TEST(!is_language_tag("sp"));
  BOOST_TEST(is_language_tag("es"));
  BOOST_TEST(is_language_tag("tl"));  // Tagalog: not in ICU's ISO list, but named
  BOOST_TEST(is_language_tag("sh"));
  BOOST_TEST(is_language_tag("pnb"));
  BOOST_TEST(is_language_tag("zh-Hant"));
  BOOST_TEST(is_language_tag("pt_BR"));
}

BOOST_AUTO_TEST_SUITE_END()
