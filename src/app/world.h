// The outside world as the driver sees it: the clock, the environment and
// where fonts live. Abstract so tests can pin "today" and the environment.
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

// The real one: system clock, getenv, fonts next to the binary
// (../share/gazette/fonts), else, for a binary in its build tree, the
// source tree's fonts/.
class RealWorld : public World {
 public:
  int64_t now_unix() const override;
  std::optional<std::string> env(const std::string& name) const override;
  std::string font_dir() const override;
};

}  // namespace gz
