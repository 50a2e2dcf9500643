#include "base/library.h"

#include <dlfcn.h>

#include "base/diag.h"

namespace gz {

Library::Library(const char* name, const char* purpose) : name_(name) {
  handle_ = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = dlerror();
    fail(
        Location{},
        "cannot load " + name_ + " (" + purpose + "): " + (why != nullptr ? why : "unknown reason"),
        {}, kExitRuntime);
  }
}

bool Library::loaded(const char* name) { return dlopen(name, RTLD_NOW | RTLD_NOLOAD) != nullptr; }

void* Library::find(const char* symbol, const char* needs) const {
  // A handle's look-up also searches the libraries it loaded (GMime's
  // GObject).
  void* sym = dlsym(handle_, symbol);
  if (sym == nullptr)
    fail(Location{}, name_ + " has no " + symbol + ": Gazette needs " + needs, {}, kExitRuntime);
  return sym;
}

}  // namespace gz
