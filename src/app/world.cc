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
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "gazette" / "fonts";
    if (fs::exists(installed / "NotoSans-Regular.ttf", ec)) return installed.string();
  }
  return GAZETTE_SOURCE_FONT_DIR;
}

}  // namespace gz
