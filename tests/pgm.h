// Gray images as `pdftoppm -gray` writes them (binary PGM, P5), for tests
// that compare rendered pages with references.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support.h"

namespace gz::test {

struct Gray {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // row by row
  // White outside the image.
  uint8_t at(int x, int y) const {
    return x >= 0 && x < width && y >= 0 && y < height ? pixels[size_t(y) * width + x] : 255;
  }
};

inline Gray read_pgm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int maxval = 0;
  Gray g;
  in >> magic >> g.width >> g.height >> maxval;
  in.get();
  BOOST_TEST_REQUIRE(magic == "P5", path);
  g.pixels.assign(std::istreambuf_iterator<char>(in), {});
  BOOST_TEST_REQUIRE(g.pixels.size() == size_t(g.width) * size_t(g.height), path);
  return g;
}

// Page `page` of pdf, rendered by pdftoppm at 72 dpi in gray, against the
// reference image at reference (checked by eye once): fewer than 1 pixel in
// 500 may differ by more than a quarter of the gray scale (font hinting and
// anti-aliasing may move a few edges, not a line). With GAZETTE_KEEP_IMAGES=DIR,
// a differing image is copied there.
inline void check_page_image(const std::string& pdf, int page, const std::string& reference) {
  TempDir dir;
  const std::string got = dir / "page";
  BOOST_TEST_REQUIRE(run("pdftoppm -r 72 -gray -f " + std::to_string(page) + " -l " +
                         std::to_string(page) + " -singlefile " + shell_quote(pdf) + " " +
                         shell_quote(got))
                         .code == 0);
  const Gray a = read_pgm(got + ".pgm");
  const Gray b = read_pgm(reference);
  BOOST_TEST_REQUIRE(a.width == b.width, reference);
  BOOST_TEST_REQUIRE(a.height == b.height, reference);
  size_t differ = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) differ += std::abs(a.pixels[i] - b.pixels[i]) > 64;
  BOOST_TEST(differ < a.pixels.size() / 500, differ << " pixels differ from " << reference);
  if (differ >= a.pixels.size() / 500 && std::getenv("GAZETTE_KEEP_IMAGES")) {
    run("cp " + shell_quote(got + ".pgm") + " " + shell_quote(std::getenv("GAZETTE_KEEP_IMAGES")));
  }
}

}  // namespace gz::test
