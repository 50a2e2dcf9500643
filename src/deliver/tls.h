// The certificate checks of libcurl's TLS, shared by [email] (smtp.h) and
// fetched sources (fetch/http.h): the peer and its host name verified,
// against the system's CAs or only a ca_file's, and pinned public keys.
#pragma once

#include <curl/curl.h>

#include <string>

namespace gz {

// ca_file "": the system's CAs; pinned_key "": none, else
// "sha256//base64[;sha256//...]" as CURLOPT_PINNEDPUBLICKEY takes it.
void set_tls_trust(CURL* curl, const std::string& ca_file, const std::string& pinned_key);

// What a failed transfer's TLS error means ("TLS: the server's certificate
// is not trusted (checked against ca_file ca.pem): <what>"), or "" when rc
// is not a TLS error. what: libcurl's error text.
std::string tls_failure(CURLcode rc, const std::string& what, const std::string& ca_file);

}  // namespace gz
