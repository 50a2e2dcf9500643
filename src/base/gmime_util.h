// GMime 3 (the MIME library of mail clients) for what Gazette reads and
// writes of Internet messages: address parsing (base/mailbox.cc) and
// message composition (deliver/message.cc).
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>

namespace gz {

// Initialises GMime once per process (thread-safe); call before any use.
void init_gmime();

// Whether GMime is loaded in this process (for tests): the binary does not
// link it, the first GMime call opens it (gmime_library.cc).
bool gmime_library_loaded();

// Owns one reference to a GObject.
struct GUnref {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};
template <class T>
using GRef = std::unique_ptr<T, GUnref>;

// The object as it would be sent: CRLF line ends (RFC 5322).
std::string write_crlf(GMimeObject* object);

}  // namespace gz
