// libcurl, loaded on first use. Gazette calls libcurl only to send email
// (deliver/smtp.cc) and to fetch `url` and `reliefweb` sources (fetch/), but
// linking it made every run load it and the libraries it needs (GnuTLS,
// Kerberos, LDAP, SSH, RTMP, ...: 36 of the binary's 61) before main, a
// third of the start-up of a run that only builds a PDF (README
// "Performance"). So the binary does not link libcurl: the libcurl
// functions Gazette calls are defined here, and the first call opens
// libcurl.so.4 with dlopen and forwards each call to it. They are hidden:
// nothing outside the binary sees them, and libcurl's own calls stay
// libcurl's.
//
// A libcurl that cannot be loaded is a Failure (exit 1) at the first call,
// naming the library and the loader's reason.
#define CURL_DISABLE_TYPECHECK  // the real signatures, not the checking macros
#include <curl/curl.h>

#include <cstdarg>
#include <string>

#include "base/diag.h"
#include "base/library.h"
#include "deliver/curl_library.h"

namespace gz {
namespace {

constexpr const char* kLibrary = "libcurl.so.4";

struct Api {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_free) free;
  decltype(&::curl_getdate) getdate;
  decltype(&::curl_url) url;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_url_cleanup) url_cleanup;
};

Api load() {
  const Library library(kLibrary, "libcurl, for email and fetched sources");
  constexpr const char* kNeeds = "libcurl 7.88 or later";
  Api a;
  library.bind("curl_global_init", a.global_init, kNeeds);
  library.bind("curl_easy_init", a.easy_init, kNeeds);
  library.bind("curl_easy_setopt", a.easy_setopt, kNeeds);
  library.bind("curl_easy_getinfo", a.easy_getinfo, kNeeds);
  library.bind("curl_easy_perform", a.easy_perform, kNeeds);
  library.bind("curl_easy_reset", a.easy_reset, kNeeds);
  library.bind("curl_easy_cleanup", a.easy_cleanup, kNeeds);
  library.bind("curl_easy_strerror", a.easy_strerror, kNeeds);
  library.bind("curl_slist_append", a.slist_append, kNeeds);
  library.bind("curl_slist_free_all", a.slist_free_all, kNeeds);
  library.bind("curl_free", a.free, kNeeds);
  library.bind("curl_getdate", a.getdate, kNeeds);
  library.bind("curl_url", a.url, kNeeds);
  library.bind("curl_url_set", a.url_set, kNeeds);
  library.bind("curl_url_get", a.url_get, kNeeds);
  library.bind("curl_url_cleanup", a.url_cleanup, kNeeds);
  return a;  // the library stays open for the rest of the process
}

// Loaded once, by the first caller (thread-safe); a failed load throws to
// that caller, and the next call tries again.
const Api& api() {
  static const Api a = load();
  return a;
}

}  // namespace

bool curl_library_loaded() { return Library::loaded(kLibrary); }

}  // namespace gz

// The functions' names are in parentheses so that no macro of curl.h
// applies to them.
//
// curl_easy_setopt and curl_easy_getinfo must keep curl.h's signatures,
// whose last named parameter is an enum: Clang warns that va_start after a
// parameter that undergoes promotion is undefined. These enums are int-sized
// (checked below), promoted to themselves, as in libcurl's own definitions.
static_assert(sizeof(CURLoption) == sizeof(int) && sizeof(CURLINFO) == sizeof(int));
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wvarargs"
#endif
#pragma GCC visibility push(hidden)
extern "C" {

CURLcode(curl_global_init)(long flags) { return gz::api().global_init(flags); }

CURL*(curl_easy_init)(void) { return gz::api().easy_init(); }

// The one argument after the option has the type libcurl's option number
// says (curl.h: CURLOPTTYPE_*), as libcurl itself reads it.
CURLcode(curl_easy_setopt)(CURL* curl, CURLoption option, ...) {
  const gz::Api& a = gz::api();
  va_list ap;
  va_start(ap, option);
  CURLcode rc;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    rc = a.easy_setopt(curl, option, va_arg(ap, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    rc = a.easy_setopt(curl, option, va_arg(ap, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    using Function = void (*)();
    rc = a.easy_setopt(curl, option, va_arg(ap, Function));
  } else if (option < CURLOPTTYPE_BLOB) {
    rc = a.easy_setopt(curl, option, va_arg(ap, curl_off_t));
  } else {
    rc = a.easy_setopt(curl, option, va_arg(ap, void*));
  }
  va_end(ap);
  return rc;
}

// Every CURLINFO_* takes a pointer to where the value goes.
CURLcode(curl_easy_getinfo)(CURL* curl, CURLINFO info, ...) {
  const gz::Api& a = gz::api();
  va_list ap;
  va_start(ap, info);
  const CURLcode rc = a.easy_getinfo(curl, info, va_arg(ap, void*));
  va_end(ap);
  return rc;
}

CURLcode(curl_easy_perform)(CURL* curl) { return gz::api().easy_perform(curl); }

void(curl_easy_reset)(CURL* curl) { gz::api().easy_reset(curl); }

void(curl_easy_cleanup)(CURL* curl) { gz::api().easy_cleanup(curl); }

const char*(curl_easy_strerror)(CURLcode code) { return gz::api().easy_strerror(code); }

curl_slist*(curl_slist_append)(curl_slist* list, const char* text) {
  return gz::api().slist_append(list, text);
}

void(curl_slist_free_all)(curl_slist* list) { gz::api().slist_free_all(list); }

void(curl_free)(void* p) { gz::api().free(p); }

time_t(curl_getdate)(const char* text, const time_t* unused) {
  return gz::api().getdate(text, unused);
}

CURLU*(curl_url)(void) { return gz::api().url(); }

CURLUcode(curl_url_set)(CURLU* u, CURLUPart part, const char* content, unsigned int flags) {
  return gz::api().url_set(u, part, content, flags);
}

CURLUcode(curl_url_get)(CURLU* u, CURLUPart part, char** content, unsigned int flags) {
  return gz::api().url_get(u, part, content, flags);
}

void(curl_url_cleanup)(CURLU* u) { gz::api().url_cleanup(u); }

}  // extern "C"
#pragma GCC visibility pop
