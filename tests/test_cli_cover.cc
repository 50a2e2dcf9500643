// End to end: the cover's [cover] parts (issue date, logo, introduction,
// contact, disclaimer, accent) in English and Spanish, the contents on the
// cover with dot leaders, grouped by region, and a pixel reference of the
// cover.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "pgm.h"
#include "support.h"

using namespace gz::test;
namespace fs = std::filesystem;

namespace {

const std::string kGazette = GAZETTE_BINARY;
const std::string kListing = std::string(GAZETTE_SOURCE_DIR) + "/examples/rosanjose-2021-07.txt";
const std::string kLogo = std::string(GAZETTE_TEST_DATA) + "/cover/logo.png";

std::string spec(const std::string& locale, const std::string& select, const std::string& cover) {
  return "title = \"Central America — Monthly Digest\"\n"
         "locale = \"" +
         locale +
         "\"\n"
         "[[sources]]\n"
         "path = \"" +
         kListing +
         "\"\n"
         "lang = \"en\"\n"
         "[select]\n"
         "period = \"2021-07\"\n" +
         select + "[layout]\nglance = false\n[output]\npath = \"out.pdf\"\n" + cover;
}

const std::string kCover =
    "[cover]\n"
    "logo = \"logo.png\"\n"
    "logo_alt = \"Gazette badge\"\n"
    "intro = \"\"\"\nThe **July** bulletins of the *San José* office.\n\n"
    "Read them all on [the web](https://example.org/digest).\"\"\"\n"
    "contact = \"Regional Office, Panama City\\nsanjose@example.org\"\n"
    "disclaimer = \"Names shown do not imply endorsement.\"\n"
    "accent = \"#0a5b9c\"\n";

// Builds spec text in a fresh folder (with the logo); the PDF's path.
std::string build(const TempDir& dir, const std::string& text) {
  fs::copy_file(kLogo, dir / "logo.png", fs::copy_options::overwrite_existing);
  write_file(dir / "s.toml", text);
  Result r = run("cd " + shell_quote(dir.path().string()) + " && env -u SOURCE_DATE_EPOCH " +
                 kGazette + " build s.toml -o out");
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  return dir / "out/out.pdf";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_cover)

BOOST_AUTO_TEST_CASE(the_cover_says_its_parts_in_english, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en", "regions = [\"013\"]\n", kCover));
  const std::string cover = squash(pdf_page_text(pdf, 1));
  for (const char* want :
       {"As of July 31, 2021", "The July bulletins of the San José office.",
        "Read them all on the web.", "Regional Office, Panama City sanjose@example.org",
        "Names shown do not imply endorsement.", "Contents"}) {
    BOOST_TEST(cover.find(want) != std::string::npos, want << " in: " << cover);
  }
  // The contents fits on the cover: dot leaders, then the page number.
  BOOST_TEST(cover.find("Costa Rica ....") != std::string::npos, cover);
  BOOST_TEST(cover.find("Page 1 of 3") != std::string::npos, cover);
  // The logo: embedded once, 120 x 60 pixels in a box 48 points high (90 ppi).
  Result images = run("pdfimages -list " + shell_quote(pdf));
  BOOST_TEST(images.out.find("   1     0 image     120    60  rgb     3   8  image  no ") !=
                 std::string::npos,
             images.out);
  BOOST_TEST(images.out.find(" 90    90 ") != std::string::npos, images.out);
  // A Figure with its /Alt; the whole PDF still passes the checks.
  Result alt =
      run("/usr/bin/python3 -c 'import pikepdf, sys\n"
          "pdf = pikepdf.open(sys.argv[1])\n"
          "def walk(e):\n"
          "  if isinstance(e, pikepdf.Dictionary):\n"
          "    if e.get(\"/S\") == \"/Figure\": print(str(e.Alt))\n"
          "    k = e.get(\"/K\")\n"
          "    for c in (k if isinstance(k, pikepdf.Array) else [k]): walk(c)\n"
          "walk(pdf.Root.StructTreeRoot)' " +
          shell_quote(pdf));
  BOOST_TEST(alt.out == "Gazette badge\n", alt.err);
  BOOST_TEST(run("qpdf --check " + shell_quote(pdf)).code == 0);
}

BOOST_AUTO_TEST_CASE(the_cover_says_its_parts_in_spanish, *boost::unit_test::label("slow")) {
  TempDir dir;
  std::string cover_spec = kCover;
  cover_spec.replace(cover_spec.find("[cover]\n") + 8, 0, "as_of = \"2021-08-02\"\n");
  const std::string pdf = build(dir, spec("es", "regions = [\"013\"]\n", cover_spec));
  const std::string cover = squash(pdf_page_text(pdf, 1));
  for (const char* want : {"Situación al 2 de agosto de 2021", "Regional Office, Panama City",
                           "Names shown do not imply endorsement.", "Índice"}) {
    BOOST_TEST(cover.find(want) != std::string::npos, want << " in: " << cover);
  }
}

BOOST_AUTO_TEST_CASE(the_contents_is_grouped_by_region_when_several_are_selected,
                     *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en",
                                          "regions = [\"North\", \"South\"]\n"
                                          "[regions]\n"
                                          "North = [\"SV\", \"GT\", \"HN\"]\n"
                                          "South = [\"CR\", \"PA\"]\n",
                                          ""));
  const std::string cover = squash(pdf_page_text(pdf, 1));
  const size_t north = cover.find("North El Salvador");
  const size_t south = cover.find("South Costa Rica");
  BOOST_TEST(north != std::string::npos, cover);
  BOOST_TEST(south != std::string::npos, cover);
  BOOST_TEST(north < south);
  BOOST_TEST(cover.find("Guatemala", north) < south);
  BOOST_TEST(cover.find("Honduras", north) < south);
  BOOST_TEST(cover.find("Panama", south) != std::string::npos);
  // The body comes region by region, as the contents lists it.
  const std::string body = squash(pdf_page_text(pdf, 2)) + squash(pdf_page_text(pdf, 3));
  BOOST_TEST(body.find("Honduras") < body.find("Costa Rica"), body);
}

BOOST_AUTO_TEST_CASE(the_cover_matches_its_reference_image, *boost::unit_test::label("slow")) {
  TempDir dir;
  const std::string pdf = build(dir, spec("en", "regions = [\"013\"]\n", kCover));
  check_page_image(pdf, 1, std::string(GAZETTE_TEST_DATA) + "/cover/cover-en.pgm");
}

BOOST_AUTO_TEST_SUITE_END()
