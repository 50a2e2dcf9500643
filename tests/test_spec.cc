#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "spec/spec.h"
#include "support.h"

using namespace gz;

namespace {

// Every diagnostic of parsing text as "t.toml", formatted.
std::vector<std::string> errors_of(std::string_view text) {
  Diagnostics diags;
  parse_spec(text, "t.toml", diags);
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(format_diagnostic(d));
  return out;
}

// The diagnostic of the Failure that parsing throws, or "" if none.
std::string failure_of(std::string_view text) {
  Diagnostics diags;
  return gz::test::bad_input_of([&] { parse_spec(text, "t.toml", diags); });
}

using Lines = std::vector<std::string>;

// Appended to fragments under test so they fail only for their own reason.
constexpr std::string_view kMinimal = R"(
[[sources]]
path = "a.txt"
lang = "en"

[select]
period = "2021-07"
)";
// kMinimal with a title on its first line: a whole spec, and the start of
// one (the line numbers of what follows are the same).
const std::string kTitled = "title = \"T\"" + std::string(kMinimal);

}  // namespace

BOOST_AUTO_TEST_SUITE(spec)

BOOST_AUTO_TEST_CASE(reads_every_field_with_positions) {
  constexpr std::string_view text = R"(title = "Central America — Monthly Digest"
locale = "es"
time_zone = "America/Costa_Rica"

[[sources]]
path = "../examples/rosanjose-2021-07.txt"
lang = "en"

[[sources]]
path = "/abs/fr.txt"
lang = "fr"

[select]
period = "2021-07"
regions = ["Central America"]
countries = ["GY", "PA"]
languages = []

[regions]
"IOM San José" = ["013", "029", "021", "GY"]
Andes = ["BO", "PE"]

[layout]
paper = "Letter"

[output]
path = "out/{region}-{period}.pdf"
)";
  Diagnostics diags;
  Spec s = parse_spec(text, "specs/t.toml", diags);
  BOOST_TEST(diags.items().empty());
  BOOST_TEST(s.file == "specs/t.toml");
  BOOST_TEST(s.title == "Central America — Monthly Digest");
  BOOST_TEST(s.locale.text == "es");
  BOOST_TEST(s.locale.loc.line == 2);
  BOOST_TEST(s.locale.loc.col == 10);
  BOOST_TEST(s.time_zone.text == "America/Costa_Rica");

  BOOST_REQUIRE(s.sources.size() == 2u);
  BOOST_TEST(s.sources[0].path == "specs/../examples/rosanjose-2021-07.txt");
  BOOST_TEST(s.sources[0].path_as_written.text == "../examples/rosanjose-2021-07.txt");
  BOOST_TEST(s.sources[0].path_as_written.loc.file == "specs/t.toml");
  BOOST_TEST(s.sources[0].path_as_written.loc.line == 6);
  BOOST_TEST(s.sources[0].path_as_written.loc.col == 8);
  BOOST_TEST(s.sources[0].lang == "en");
  BOOST_TEST(s.sources[0].loc.line == 5);
  BOOST_TEST(s.sources[0].loc.col == 1);
  BOOST_TEST(s.sources[1].path == "/abs/fr.txt");  // absolute paths stay as written
  BOOST_TEST(s.sources[1].lang == "fr");

  BOOST_TEST(s.period.text == "2021-07");
  BOOST_TEST(s.period.loc.line == 14);
  BOOST_TEST(s.period.loc.col == 10);
  BOOST_REQUIRE(s.regions.size() == 1u);
  BOOST_TEST(s.regions[0].text == "Central America");
  BOOST_TEST(s.regions[0].loc.col == 12);
  BOOST_REQUIRE(s.countries.size() == 2u);
  BOOST_TEST(s.countries[1].text == "PA");
  BOOST_TEST(s.countries[1].loc.line == 16);
  BOOST_TEST(s.countries[1].loc.col == 20);
  BOOST_TEST(s.languages.empty());

  // File order, not toml++'s key order ("Andes" < "IOM San José").
  BOOST_REQUIRE(s.custom_regions.size() == 2u);
  BOOST_TEST(s.custom_regions[0].first.text == "IOM San José");
  BOOST_TEST(s.custom_regions[0].first.loc.line == 20);
  BOOST_TEST(s.custom_regions[0].first.loc.col == 1);
  BOOST_TEST(s.custom_regions[0].second.size() == 4u);
  BOOST_TEST(s.custom_regions[0].second[3].text == "GY");
  // Columns count code points: "é" is one column.
  BOOST_TEST(s.custom_regions[0].second[3].loc.col == 40);
  BOOST_TEST(s.custom_regions[1].first.text == "Andes");

  BOOST_TEST((s.paper == Paper::Letter));
  BOOST_TEST(s.output_path.text == "out/{region}-{period}.pdf");
  BOOST_TEST(s.output_path.loc.line == 27);
}

BOOST_AUTO_TEST_CASE(fills_defaults) {
  Diagnostics diags;
  Spec s = parse_spec(kTitled, "t.toml", diags);
  BOOST_TEST(diags.items().empty());
  BOOST_TEST(s.title == "T");
  BOOST_TEST(s.locale.text == "en");
  BOOST_TEST(s.time_zone.text == "UTC");
  BOOST_TEST((s.paper == Paper::A4));
  BOOST_TEST(s.output_path.text == "{region}-{period}.pdf");
  BOOST_TEST(s.regions.empty());
  BOOST_TEST(s.custom_regions.empty());
  BOOST_REQUIRE(s.sources.size() == 1u);
  BOOST_TEST(s.sources[0].path == "a.txt");  // the spec's folder is the working one
}

BOOST_AUTO_TEST_CASE(reports_unknown_keys_with_suggestions) {
  std::string text = R"(titel = "x"
[[sources]]
path = "a.txt"
lang = "en"
langg = "en"

[select]
period = "2021-07"
perod = "2021-08"
shoes = 1

[layout]
papr = "A4"

[output]
pth = "x.pdf"
)";
  BOOST_TEST(errors_of(text) ==
                 (Lines{
                     "t.toml:1:1: error: unknown key 'titel'; did you mean 'title'?",
                     "t.toml:1:1: error: missing required key 'title'",
                     "t.toml:5:1: error: unknown key 'langg' in [[sources]]; did you mean 'lang'?",
                     "t.toml:9:1: error: unknown key 'perod' in [select]; did you mean 'period'?",
                     "t.toml:10:1: error: unknown key 'shoes' in [select]",
                     "t.toml:13:1: error: unknown key 'papr' in [layout]; did you mean 'paper'?",
                     "t.toml:16:1: error: unknown key 'pth' in [output]; did you mean 'path'?",
                 }),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_wrong_types_at_the_value) {
  std::string text = R"(title = 12
locale = true
time_zone = 1.5
layout = "A4"
output = 2021-07-01
regions = [1]
)" + std::string(kMinimal);
  BOOST_TEST(errors_of(text) == (Lines{
                                    "t.toml:1:9: error: 'title' must be a string, not an integer",
                                    "t.toml:2:10: error: 'locale' must be a string, not a boolean",
                                    "t.toml:3:13: error: 'time_zone' must be a string, not a float",
                                    "t.toml:4:10: error: 'layout' must be a table, not a string",
                                    "t.toml:5:10: error: 'output' must be a table, not a date",
                                    "t.toml:6:11: error: 'regions' must be a table, not an array",
                                }),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_bad_array_elements_at_the_element) {
  std::string text = R"([[sources]]
path = "a.txt"
lang = "en"
[select]
period = 202107
regions = ["Central America", 2, "", 07:30:00]
countries = "GY"
languages = [["en"]]
[regions]
"IOM San José" = "GY"
Andes = []
Caribbean = ["CU", 1979-05-27T07:32:00Z]
)";
  BOOST_TEST(
      errors_of(text) ==
          (Lines{
              "t.toml:1:1: error: missing required key 'title'",
              "t.toml:5:10: error: 'period' must be a string, not an integer",
              "t.toml:6:31: error: 'regions' must be an array of strings; element 2 is an integer",
              "t.toml:6:34: error: 'regions' element 3 must not be empty",
              "t.toml:6:38: error: 'regions' must be an array of strings; element 4 is a time",
              "t.toml:7:13: error: 'countries' must be an array of strings, not a string",
              "t.toml:8:14: error: 'languages' must be an array of strings; element 1 is an array",
              "t.toml:10:18: error: 'IOM San José' must be an array of strings, not a string",
              "t.toml:11:9: error: region 'Andes' has no members",
              "t.toml:12:20: error: 'Caribbean' must be an array of strings; element 2 is a "
              "date-time",
          }),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_missing_required_keys) {
  BOOST_TEST(errors_of("title = \"x\"\n") ==
                 (Lines{
                     "t.toml:1:1: error: at least one [[sources]] entry is required",
                     "t.toml:1:1: error: missing required table [select]",
                 }),
             boost::test_tools::per_element());
  std::string text = R"(title = "x"

[[sources]]
path = "a.txt"

[[sources]]
lang = "en"

[select]
regions = ["Central America"]
)";
  BOOST_TEST(errors_of(text) == (Lines{
                                    "t.toml:3:1: error: missing required key 'lang' in [[sources]]",
                                    "t.toml:6:1: error: missing required key 'path' in [[sources]]",
                                    "t.toml:9:1: error: missing required key 'period' in [select]",
                                }),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(requires_sources_as_an_array_of_tables) {
  BOOST_TEST(errors_of("title = \"T\"\nsources = []\n[select]\nperiod = \"2021\"\n") ==
                 (Lines{"t.toml:2:11: error: at least one [[sources]] entry is required"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      errors_of("title = \"T\"\n[sources]\npath = \"a.txt\"\nlang = \"en\"\n[select]\nperiod = "
                "\"2021\"\n") ==
          (Lines{"t.toml:2:1: error: 'sources' must be an array of tables, not a table; write "
                 "[[sources]], with double brackets, once per listing"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      errors_of("title = \"T\"\nsources = [{path = \"a\", lang = \"en\"}, "
                "\"b.txt\"]\n[select]\nperiod = \"x\"\n") ==
          (Lines{
              "t.toml:2:39: error: 'sources' must be an array of tables; element 2 is a string"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rejects_empty_names) {
  std::string text = R"(title = ""
[[sources]]
path = ""
lang = "en"
[select]
period = ""
[regions]
"" = ["GY"]
)";
  BOOST_TEST(errors_of(text) == (Lines{
                                    "t.toml:1:9: error: 'title' must not be empty",
                                    "t.toml:3:8: error: 'path' must not be empty",
                                    "t.toml:6:10: error: 'period' must not be empty",
                                    "t.toml:8:1: error: region name must not be empty",
                                }),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_the_font_chain_with_positions) {
  Diagnostics diags;
  Spec s =
      parse_spec(kTitled + "[layout]\nfonts = [\"NotoSans\", \"x/My.ttf\"]\n", "t.toml", diags);
  BOOST_TEST(diags.items().empty());
  BOOST_REQUIRE(s.fonts.size() == 2u);
  BOOST_TEST(s.fonts[1].text == "x/My.ttf");
  BOOST_TEST(s.fonts[1].loc.line == 9);
  BOOST_TEST(s.fonts[1].loc.col == 22);
  // Names are checked against the font folder later (app/fonts.cc).
  BOOST_TEST(parse_spec(kTitled, "t.toml", diags).fonts.empty());
  BOOST_TEST(errors_of(kTitled + "[layout]\nfonts = []\n") ==
                 (Lines{"t.toml:9:9: error: 'fonts' must name at least one font; leave it out "
                        "for the bundled fonts"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kTitled + "[layout]\nfonts = \"NotoSans\"\n") ==
                 (Lines{"t.toml:9:9: error: 'fonts' must be an array of strings, not a string"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(accepts_exact_paper_names_and_suggests_near_misses) {
  auto paper = [](std::string_view name) {
    return errors_of(kTitled + "[layout]\npaper = \"" + std::string(name) + "\"\n");
  };
  BOOST_TEST(paper("A4").empty());
  BOOST_TEST(paper("Letter").empty());
  BOOST_TEST(
      paper("a4") == (Lines{"t.toml:9:9: error: unknown paper size 'a4'; did you mean 'A4'?"}),
      boost::test_tools::per_element());
  BOOST_TEST(paper("letter") ==
                 (Lines{"t.toml:9:9: error: unknown paper size 'letter'; did you mean 'Letter'?"}),
             boost::test_tools::per_element());
  BOOST_TEST(paper("Tabloid") == (Lines{"t.toml:9:9: error: unknown paper size 'Tabloid'; "
                                        "expected 'A4' or 'Letter'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(throws_toml_syntax_errors_with_toml_positions) {
  BOOST_TEST(failure_of("title = \n") ==
             "t.toml:1:9: error: Error while parsing key-value pair: expected value, saw '\\n'");
  BOOST_TEST(failure_of("title = \"x\"\n[select\nperiod = \"x\"\n") ==
             "t.toml:2:8: error: Error while parsing table header: expected ']', saw '\\n'");
  BOOST_TEST(failure_of("title = \"a\"\ntitle = \"b\"\n") ==
             "t.toml:2:9: error: Error while parsing key-value pair: cannot redefine existing "
             "string 'title'");
  // Checked before toml++, which points one column before the bad byte.
  BOOST_TEST(failure_of("title = \"x\"\n\ntitle = \"Panam\xC3\"\n") ==
             "t.toml:3:15: error: invalid UTF-8 at byte offset 27");
  // Spec problems are not reported when the TOML itself is broken.
  BOOST_TEST(failure_of("titel = 'x\n") ==
             "t.toml:1:11: error: Error while parsing literal string: control characters other "
             "than TAB (U+0009) are explicitly prohibited");
}

// Issue 13: toml++ recurses on nested tables; 50,000 dotted key parts or
// table header parts overflowed the stack. Refused first, where the
// nesting passes the limit; what is not deep is left to toml++.
BOOST_AUTO_TEST_CASE(tables_nested_past_the_limit_are_refused_before_toml_parses_them) {
  std::string dotted = "a";
  for (int i = 0; i < 50'000; ++i) dotted += ".a";
  BOOST_TEST(failure_of(dotted + " = 1\n") ==
             "t.toml:1:128: error: tables and values nest more than 64 deep");
  BOOST_TEST(failure_of("title = \"x\"\n[" + dotted + "]\n") ==
             "t.toml:2:129: error: tables and values nest more than 64 deep");
  BOOST_TEST(failure_of("[[" + dotted + "]]\n") ==
             "t.toml:1:130: error: tables and values nest more than 64 deep");
  // A header's depth and its keys' add up; so do inline tables and arrays.
  std::string header = "[a", key = "b";
  for (int i = 0; i < 40; ++i) header += ".a", key += ".b";
  BOOST_TEST(failure_of(header + "]\n" + key + " = 1\n") ==
             "t.toml:2:1: error: tables and values nest more than 64 deep");
  std::string inl = "x = ";
  for (int i = 0; i < 70; ++i) inl += "{ y = ";
  BOOST_TEST(failure_of(inl + "1\n") ==
             "t.toml:1:193: error: tables and values nest more than 64 deep");
  std::string arrays = "x = [\n";
  for (int i = 0; i < 70; ++i) arrays += "[\n";
  BOOST_TEST(failure_of(arrays) == "t.toml:64:1: error: tables and values nest more than 64 deep");
  // Dots in strings, quoted keys, floats and dates are not levels.
  std::string flat =
      "title = \"" + dotted.substr(0, 400) + "\"\n'" + dotted.substr(0, 400) + "' = 1\nf = [";
  for (int i = 0; i < 100; ++i) flat += "1.5, ";
  flat += "2.5]\nd = 2021-07-01T10:00:00.5Z\ns = \"\"\"\n" + dotted.substr(0, 400) + "\n\"\"\"\n";
  BOOST_TEST(failure_of(flat).find("nest more than") == std::string::npos);
  // Many tables side by side are not deep.
  std::string many;
  for (int i = 0; i < 50'000; ++i) many += "[t" + std::to_string(i) + "]\n";
  BOOST_TEST(failure_of(many).find("nest more than") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(loads_a_spec_file) {
  const std::string path = GAZETTE_TEST_DATA "/spec/central-america.toml";
  Diagnostics diags;
  Spec s = load_spec(path, diags);
  BOOST_TEST(diags.items().empty());
  BOOST_TEST(s.file == path);
  BOOST_TEST(s.title == "Central America — Monthly Digest");
  BOOST_REQUIRE(s.sources.size() == 1u);
  BOOST_TEST(s.sources[0].path == GAZETTE_TEST_DATA
             "/spec/../../../examples/rosanjose-2021-07.txt");
  BOOST_TEST(s.sources[0].path_as_written.loc.file == path);
  BOOST_TEST(s.sources[0].path_as_written.loc.line == 7);
  BOOST_TEST(s.regions.size() == 2u);
  BOOST_TEST((s.paper == Paper::Letter));
}

BOOST_AUTO_TEST_CASE(load_reports_syntax_errors_with_the_path_as_given) {
  const std::string path = GAZETTE_TEST_DATA "/spec/broken.toml";
  Diagnostics diags;
  try {
    load_spec(path, diags);
    BOOST_FAIL("no Failure");
  } catch (const Failure& f) {
    BOOST_TEST(f.code() == int(kExitBadInput));
    BOOST_TEST(format_diagnostic(f.diag()) ==
               path + ":2:8: error: Error while parsing table header: expected ']', saw '\\n'");
  }
}

BOOST_AUTO_TEST_CASE(load_fails_with_exit_1_when_unreadable) {
  for (std::string path : {std::string(GAZETTE_TEST_DATA "/spec/missing.toml"),
                           std::string(GAZETTE_TEST_DATA "/spec")}) {
    Diagnostics diags;
    try {
      load_spec(path, diags);
      BOOST_FAIL("no Failure for " + path);
    } catch (const Failure& f) {
      BOOST_TEST(f.code() == int(kExitRuntime));
      BOOST_TEST(f.diag().loc.file == path);
      const char* why = path.ends_with(".toml") ? "No such file or directory" : "Is a directory";
      BOOST_TEST(format_diagnostic(f.diag()) == path + ": error: cannot read spec: " + why);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// [cover]: files read against the spec's folder, image headers, colours.
BOOST_AUTO_TEST_SUITE(spec_cover)

BOOST_AUTO_TEST_CASE(a_cover_is_read_with_its_logo_and_intro_file) {
  gz::test::TempDir dir;
  std::filesystem::copy_file(std::string(GAZETTE_TEST_DATA) + "/cover/logo.png", dir / "logo.png");
  gz::test::write_file(dir / "intro.md", "**Highlights** of the month.\n");
  Diagnostics diags;
  Spec s = parse_spec(
      "title = \"T\"\n[[sources]]\npath = \"x.txt\"\nlang = \"en\"\n[select]\nperiod = \"2021-07\"\n"
      "[cover]\nlogo = \"logo.png\"\n"
      "logo_height = 36.5\nintro_file = \"intro.md\"\ncontact = \"Desk\"\n"
      "disclaimer = \"None\"\naccent = \"#0A5b9c\"\nas_of = \"2021-08-02\"\n",
      dir / "t.toml", diags);
  for (const Diagnostic& item : diags.items()) BOOST_TEST_MESSAGE(item.message);
  BOOST_TEST(diags.items().empty());
  BOOST_REQUIRE(s.cover.logo);
  BOOST_TEST(s.cover.logo_png);
  BOOST_TEST(s.cover.logo_width_px == 120);
  BOOST_TEST(s.cover.logo_height_px == 60);
  BOOST_TEST(s.cover.logo_height == 36.5);
  BOOST_TEST(s.cover.intro == "**Highlights** of the month.\n");
  BOOST_TEST(s.cover.contact == "Desk");
  BOOST_TEST(s.cover.disclaimer == "None");
  BOOST_TEST(*s.cover.accent == 0x0a5b9cu);
  BOOST_TEST(s.cover.as_of->days() == Date::from_ymd(2021, 8, 2)->days());
}

BOOST_AUTO_TEST_CASE(image_headers_give_kind_and_size_or_say_what_is_wrong) {
  bool png = false;
  int w = 0, h = 0;
  std::string error;
  const std::string logo = gz::test::read_file(std::string(GAZETTE_TEST_DATA) + "/cover/logo.png");
  BOOST_TEST(image_header(logo, png, w, h, error));
  BOOST_TEST((png && w == 120 && h == 60));
  BOOST_TEST(!image_header(logo.substr(0, 20), png, w, h, error));
  BOOST_TEST(error == "a PNG file without its header (IHDR)");
  // A baseline JPEG's start: SOI, APP0 (16 bytes), SOF0 of 3 x 2 pixels, 3 components.
  std::string jpeg(
      "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
      "\xFF\xC0\x00\x11\x08\x00\x02\x00\x03\x03",
      30);
  BOOST_TEST(image_header(jpeg, png, w, h, error), error);
  BOOST_TEST((!png && w == 3 && h == 2));
  BOOST_TEST(!image_header(jpeg.substr(0, 22), png, w, h, error));
  BOOST_TEST(error == "a JPEG file without a frame header");
  BOOST_TEST(!image_header("GIF89a", png, w, h, error));
  BOOST_TEST(error == "neither PNG nor JPEG");
  BOOST_TEST(!image_header("", png, w, h, error));
}

BOOST_AUTO_TEST_CASE(colours_are_hash_and_six_hex_digits) {
  BOOST_TEST(*parse_colour("#0a5b9c") == 0x0a5b9cu);
  BOOST_TEST(*parse_colour("#FFFFFF") == 0xffffffu);
  for (const char* bad : {"", "#fff", "0a5b9c", "#0a5b9g", "#0a5b9c0", "blue"}) {
    BOOST_TEST(!parse_colour(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()
