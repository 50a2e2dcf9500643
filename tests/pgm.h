// Gray images as `pdftoppm -gray` writes them (binary PGM, P5), for tests
// that compare rendered pages with references.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

}  // namespace gz::test
