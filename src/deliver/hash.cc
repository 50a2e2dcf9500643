// SHA-256 by OpenSSL's libcrypto, loaded on first use: linking it made
// every run load libcrypto and resolve its 4,000 symbol relocations before
// main (2.5M instructions, README "Performance"), though only --if-changed,
// the delivery journal, Message-IDs and the fetch cache hash anything. The
// EVP functions are looked up in libcrypto.so.3 at the first Sha256, as
// curl_library.cc does for libcurl (which needs the same libcrypto: a run
// that loads both has one copy).
#include "deliver/hash.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "base/diag.h"
#include "base/library.h"

namespace gz {
namespace {

constexpr const char* kLibrary = "libcrypto.so.3";

struct Api {
  decltype(&::EVP_MD_CTX_new) ctx_new;
  decltype(&::EVP_MD_CTX_free) ctx_free;
  decltype(&::EVP_sha256) sha256;
  decltype(&::EVP_DigestInit_ex) init;
  decltype(&::EVP_DigestUpdate) update;
  decltype(&::EVP_DigestFinal_ex) final;
};

Api load() {
  const Library library(kLibrary, "OpenSSL, for SHA-256");
  Api a;
  library.bind("EVP_MD_CTX_new", a.ctx_new, "OpenSSL 3");
  library.bind("EVP_MD_CTX_free", a.ctx_free, "OpenSSL 3");
  library.bind("EVP_sha256", a.sha256, "OpenSSL 3");
  library.bind("EVP_DigestInit_ex", a.init, "OpenSSL 3");
  library.bind("EVP_DigestUpdate", a.update, "OpenSSL 3");
  library.bind("EVP_DigestFinal_ex", a.final, "OpenSSL 3");
  return a;  // the library stays open for the rest of the process
}

// Loaded once, by the first caller (thread-safe); a failed load throws to
// that caller, and the next call tries again.
const Api& api() {
  static const Api a = load();
  return a;
}

// Only allocation failure makes these fail: SHA-256 is always available in
// OpenSSL's default provider.
void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL SHA-256: ") + what + " failed");
}

}  // namespace

bool crypto_library_loaded() { return Library::loaded(kLibrary); }

void Sha256::Free::operator()(evp_md_ctx_st* ctx) const { api().ctx_free(ctx); }

Sha256::Sha256() : ctx_(api().ctx_new()) {
  if (!ctx_) throw std::bad_alloc();
  check(api().init(ctx_.get(), api().sha256(), nullptr), "EVP_DigestInit_ex");
}

Sha256& Sha256::add(std::string_view bytes) {
  check(api().update(ctx_.get(), bytes.data(), bytes.size()), "EVP_DigestUpdate");
  return *this;
}

Sha256& Sha256::field(std::string_view bytes) {
  add(std::to_string(bytes.size()) + ":");
  return add(bytes);
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  check(api().final(ctx_.get(), digest, &size), "EVP_DigestFinal_ex");
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned i = 0; i < size; ++i) {
    out += digits[digest[i] >> 4];
    out += digits[digest[i] & 0xF];
  }
  return out;
}

}  // namespace gz
