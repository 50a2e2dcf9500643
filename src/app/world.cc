#include "app/world.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace gz {

int64_t RealWorld::now_unix() const { return int64_t(std::time(nullptr)); }

std::optional<std::string> RealWorld::env(const std::string& name) const {
  const char* v = std::getenv(name.c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

std::string RealWorld::font_dir() const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return GAZETTE_SOURCE_FONT_DIR;
  fs::path installed = exe.parent_path().parent_path() / "share" / "gazette" / "fonts";
  if (fs::exists(installed / "NotoSans-Regular.ttf", ec)) return installed.string();
  // The source tree's fonts only for a binary still in its build tree: a
  // copied or installed binary must not depend on the clone it came from
  // (it would stop working when the clone is deleted).
  const std::string build_dir = fs::weakly_canonical(GAZETTE_BUILD_DIR, ec).string();
  const std::string exe_dir = exe.parent_path().string() + "/";
  if (exe_dir.starts_with(build_dir + "/")) return GAZETTE_SOURCE_FONT_DIR;
  return installed.lexically_normal().string();
}

}  // namespace gz
