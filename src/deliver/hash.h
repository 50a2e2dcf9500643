// SHA-256, for content hashes: whether a variant changed since the last run
// (--if-changed), journal keys, and Message-IDs. Computed by OpenSSL's
// libcrypto (EVP digest API), opened with dlopen at the first Sha256
// (hash.cc): a run that hashes nothing never loads it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace gz {

// Whether libcrypto is loaded in this process (for tests).
bool crypto_library_loaded();

class Sha256 {
 public:
  Sha256();
  Sha256& add(std::string_view bytes);
  // Adds the length first, so ("ab","c") and ("a","bc") differ.
  Sha256& field(std::string_view bytes);
  // Lower-case hex of the digest; the object must not be used after.
  std::string hex();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

}  // namespace gz
