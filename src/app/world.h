// The real outside world (plan/world.h): system clock, getenv, fonts next
// to the binary.
#pragma once

#include "plan/world.h"

namespace gz {

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
