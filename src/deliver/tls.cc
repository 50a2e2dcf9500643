#include "deliver/tls.h"

namespace gz {

void set_tls_trust(CURL* curl, const std::string& ca_file, const std::string& pinned_key) {
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) {
    // Only these CAs: not also the system's folder of certificates.
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  }
  if (!pinned_key.empty()) curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pinned_key.c_str());
}

std::string tls_failure(CURLcode rc, const std::string& what, const std::string& ca_file) {
  switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
      return "TLS: the server's certificate is not trusted (checked " +
             (ca_file.empty() ? std::string("against the system's CAs")
                              : "against ca_file " + ca_file) +
             "): " + what;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return "TLS: the server's public key does not match pinned_key";
    case CURLE_SSL_CACERT_BADFILE:
      return "TLS: cannot use ca_file " + ca_file + ": " + what;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
      return "TLS: " + what;
    default:
      return "";
  }
}

}  // namespace gz
