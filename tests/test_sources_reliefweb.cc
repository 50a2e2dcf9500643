// ReliefWeb API exports.
#include <boost/test/unit_test.hpp>

#include "corpus/reliefweb.h"
#include "support.h"

using namespace gz;
using namespace gz::corpus_detail;

namespace {

const std::string kFixture = GAZETTE_TEST_DATA "/sources/reliefweb-2021-07.json";

std::vector<Bulletin> parse(std::string_view text, Diagnostics* warnings = nullptr) {
  ReadContext ctx{"", warnings ? OnBadBulletin::Skip : OnBadBulletin::Fail, warnings};
  return parse_reliefweb(text, "r.json", ctx);
}

std::string failure_of(std::string_view text) {
  return gz::test::bad_input_of([&] { parse(text); });
}

// One report with fields, as a document.
std::string report(const std::string& fields) {
  return "{\"data\": [\n  {\"id\": 1, \"fields\": {" + fields + "}}\n]}";
}

const std::string kGood =
    "\"title\": \"T\", \"date\": {\"original\": \"2021-07-20T00:00:00+00:00\"}, "
    "\"language\": [{\"code\": \"en\"}]";

}  // namespace

BOOST_AUTO_TEST_SUITE(reliefweb)

BOOST_AUTO_TEST_CASE(reads_the_fixture) {
  ReadContext ctx{"", OnBadBulletin::Fail, nullptr};
  std::vector<Bulletin> bs = parse_reliefweb(gz::test::read_file(kFixture), kFixture, ctx);
  BOOST_REQUIRE(bs.size() == 4u);
  const Bulletin& b = bs[0];
  BOOST_TEST(b.title == "Costa Rica: la OIM apoya a personas migrantes en Upala");
  BOOST_TEST(b.date.iso() == "2021-07-21");  // date.original, not created
  BOOST_TEST(b.lang == "es");
  BOOST_TEST(b.countries == (std::vector<std::string>{"CR"}), boost::test_tools::per_element());
  BOOST_TEST(b.publisher == "IOM");
  BOOST_TEST(b.tags == (std::vector<std::string>{"Protection and Human Rights"}),
             boost::test_tools::per_element());
  BOOST_TEST(b.url == "https://reliefweb.int/report/costa-rica/oim-upala");
  // HTML: entities decoded, the script dropped, <br> and <p> split.
  BOOST_TEST(
      b.paragraphs == (std::vector<std::string>{"La OIM entregó kits de higiene en Upala.",
                                                "Más información: \u201cPrograma Mesoamérica\u201d",
                                                "en el sitio."}),
      boost::test_tools::per_element());
  BOOST_REQUIRE(b.marks.size() == 3u);
  BOOST_TEST((b.marks[0] == std::vector<TextMark>{{35, 40, TextMark::Strong, ""}}));
  BOOST_TEST((b.marks[2] ==
              std::vector<TextMark>{{3, 11, TextMark::Link, "https://example.org/es/upala"}}));
  BOOST_TEST(b.origin.file == kFixture);
  BOOST_TEST(b.origin.line == 5);
  BOOST_TEST(b.origin.col == 5);

  // "body" is Markdown; French; Haiti.
  BOOST_TEST(bs[1].lang == "fr");
  BOOST_TEST(bs[1].countries == (std::vector<std::string>{"HT"}), boost::test_tools::per_element());
  BOOST_TEST(bs[1].paragraphs ==
                 (std::vector<std::string>{"Les familles déplacées reçoivent une aide d'urgence."}),
             boost::test_tools::per_element());
  BOOST_TEST(bs[1].marks.size() == 1u);
  // date.created when there is no original; "World" is not a country.
  BOOST_TEST(bs[3].date.iso() == "2021-06-30");
  BOOST_TEST(bs[3].countries == (std::vector<std::string>{"MX"}), boost::test_tools::per_element());
  BOOST_TEST(bs[3].paragraphs.empty());
}

BOOST_AUTO_TEST_CASE(primary_country_when_there_is_no_country_list) {
  auto bs = parse(report(kGood + ", \"primary_country\": {\"iso3\": \"GTM\"}"));
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].countries == (std::vector<std::string>{"GT"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_json_syntax_errors_at_their_position) {
  BOOST_TEST(failure_of("{\"data\": [\n  {\"id\": 1,}\n]}") ==
             "r.json:2:12: error: not valid JSON: Missing '}' or object member name");
  BOOST_TEST(failure_of("") ==
             "r.json:1:1: error: not valid JSON: Syntax error: value, object or array expected.");
  BOOST_TEST(failure_of("{\"data\": []} x") ==
             "r.json:1:14: error: not valid JSON: text after the end of the document");
  BOOST_TEST(failure_of("{\"data\": [\"caf\xC3\"]}") ==
             "r.json:1:15: error: invalid UTF-8 at byte offset 14");
}

BOOST_AUTO_TEST_CASE(reports_the_wrong_shape_with_path_and_position) {
  BOOST_TEST(failure_of("[1, 2]") ==
             "r.json:1:1: error: (root): expected an object with a 'data' array, found an array");
  BOOST_TEST(failure_of("{\"reports\": []}") ==
             "r.json:1:1: error: (root): missing 'data'; expected a ReliefWeb API response");
  BOOST_TEST(failure_of("{\"data\": {}}") ==
             "r.json:1:10: error: data: expected an array, found an object");
  BOOST_TEST(failure_of("{\"data\": [\n  3\n]}") ==
             "r.json:2:3: error: data[0]: expected an object, found a number");
  BOOST_TEST(failure_of("{\"data\": [\n  {\"id\": 1}\n]}") ==
             "r.json:2:3: error: data[0]: missing 'fields'");
  BOOST_TEST(failure_of(report("\"date\": {\"original\": \"2021-07-20\"}")) ==
             "r.json:2:23: error: data[0].fields: missing 'title'");
  BOOST_TEST(failure_of(report("\"title\": \"T\", \"date\": \"2021-07-20\"")) ==
             "r.json:2:46: error: data[0].fields.date: expected an object, found a string");
  BOOST_TEST(failure_of(report("\"title\": \"T\"")) ==
             "r.json:2:23: error: data[0].fields: missing 'date'");
  BOOST_TEST(failure_of(report("\"title\": \"T\", \"date\": {\"original\": \"20 July 2021\"}")) ==
             "r.json:2:59: error: data[0].fields.date.original: cannot read '20 July 2021' as an "
             "RFC 3339 date; expected a date like '2021-08-02T10:00:00+00:00'");
  BOOST_TEST(failure_of(report(kGood + ", \"country\": [{\"iso3\": \"pan\"}, \"gtm\"]")) ==
             "r.json:2:148: error: data[0].fields.country[1]: expected an object, found a string");
  BOOST_TEST(failure_of(report(kGood + ", \"country\": [{\"iso3\": \"xyz\"}]")) ==
             "r.json:2:140: error: unknown ISO 3166 alpha-3 country code 'xyz'");
  BOOST_TEST(failure_of(report(kGood + ", \"body-html\": 3")) ==
             "r.json:2:132: error: data[0].fields.body-html: expected a string, found a number");
}

BOOST_AUTO_TEST_CASE(skip_leaves_out_bad_reports_with_a_warning_each) {
  Diagnostics warnings;
  auto bs = parse(
      "{\"data\": [\n"
      "  {\"fields\": {\"title\": \"Bad\", \"date\": {\"original\": \"x\"}}},\n"
      "  {\"fields\": {" +
          kGood +
          "}},\n"
          "  7\n"
          "]}",
      &warnings);
  BOOST_REQUIRE(bs.size() == 1u);
  BOOST_TEST(bs[0].title == "T");
  BOOST_REQUIRE(warnings.items().size() == 2u);
  BOOST_TEST(format_diagnostic(warnings.items()[0]) ==
             "r.json:2:52: warning: data[0].fields.date.original: cannot read 'x' as an RFC 3339 "
             "date; expected a date like '2021-08-02T10:00:00+00:00'; bulletin skipped");
  BOOST_TEST(format_diagnostic(warnings.items()[1]) ==
             "r.json:4:3: warning: data[2]: expected an object, found a number; bulletin skipped");
  // The document itself is not a bulletin: skipping does not cover it.
  BOOST_CHECK_THROW(parse("{\"data\": 1}", &warnings), Failure);
}

BOOST_AUTO_TEST_SUITE_END()
