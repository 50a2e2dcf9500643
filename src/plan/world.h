// The outside world as planning and running see it: the clock, the
// environment and where fonts live. Abstract so tests can pin "today" and
// the environment (app/world.h has the real one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gz {

class World {
 public:
  virtual ~World() = default;
  virtual int64_t now_unix() const = 0;
  virtual std::optional<std::string> env(const std::string& name) const = 0;
  // The folder with the bundled fonts.
  virtual std::string font_dir() const = 0;
};

}  // namespace gz
