// Where a writer puts bytes it produces in order: a file being written
// (deliver's AtomicFile), a string (tests), a hash beside either. A writer
// that streams into a sink holds only what it has not written yet.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gz {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Appends bytes. Throws Failure when they cannot be written.
  virtual void write(std::string_view bytes) = 0;
};

class StringSink final : public ByteSink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  void write(std::string_view bytes) override { out_.append(bytes); }

 private:
  std::string& out_;
};

}  // namespace gz
