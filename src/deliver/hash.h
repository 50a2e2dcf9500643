// SHA-256, for content hashes: whether a variant changed since the last run
// (--if-changed), journal keys, and Message-IDs. Written here rather than
// taken from OpenSSL to keep the phase free of a crypto dependency.
#pragma once

#include <string>
#include <string_view>

namespace gz {

class Sha256 {
 public:
  Sha256();
  Sha256& add(std::string_view bytes);
  // Adds the length first, so ("ab","c") and ("a","bc") differ.
  Sha256& field(std::string_view bytes);
  // Lower-case hex of the digest; the object must not be used after.
  std::string hex();

 private:
  void block(const unsigned char* p);
  unsigned h_[8];
  unsigned char buf_[64];
  size_t used_ = 0;
  unsigned long long total_ = 0;
};

}  // namespace gz
