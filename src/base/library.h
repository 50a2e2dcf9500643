// A shared library opened with dlopen at its first use, so that a run that
// does not need it never loads it (libcurl, GMime, libcrypto: README
// "Performance", start-up). The library stays open for the rest of the
// process.
#pragma once

#include <string>

namespace gz {

class Library {
 public:
  // Opens name. Failure (exit 1) when it cannot be loaded: "cannot load
  // NAME (PURPOSE): the loader's reason".
  Library(const char* name, const char* purpose);

  // Whether the process has loaded name, by this class or otherwise.
  static bool loaded(const char* name);

  // Binds f to the function symbol. Failure (exit 1) when the library has
  // no such symbol: "NAME has no SYMBOL: Gazette needs NEEDS".
  template <typename F>
  void bind(const char* symbol, F& f, const char* needs) const {
    f = reinterpret_cast<F>(find(symbol, needs));
  }

 private:
  void* find(const char* symbol, const char* needs) const;
  std::string name_;
  void* handle_;
};

}  // namespace gz
