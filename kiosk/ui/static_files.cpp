#include "kiosk/ui/static_files.hpp"

namespace minegate::kiosk::ui {

const StaticFile* FindStaticFile(std::span<const StaticFile> files, std::string_view path) {
  // A few dozen files at most: a linear scan is as fast as anything and needs no ordering.
  for (const StaticFile& file : files) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

}  // namespace minegate::kiosk::ui
