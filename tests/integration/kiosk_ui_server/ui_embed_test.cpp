// kiosk/ui's embedded page against kiosk/ui/static on disk: every file there (hidden files
// aside) is served byte for byte under its own path with the type of its extension, and
// nothing else is. Run on a fresh build, this shows the embedding picks up whatever the
// folder held at build time.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "kiosk/ui/static_files.hpp"

namespace minegate::kiosk::ui {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string TypeOf(const std::string& path) {
  const std::map<std::string, std::string> types = {{".html", "text/html; charset=utf-8"},
                                                    {".css", "text/css; charset=utf-8"},
                                                    {".js", "text/javascript; charset=utf-8"},
                                                    {".json", "application/json; charset=utf-8"},
                                                    {".svg", "image/svg+xml"},
                                                    {".png", "image/png"},
                                                    {".woff2", "font/woff2"},
                                                    {".ico", "image/x-icon"}};
  const auto it = types.find(fs::path(path).extension().string());
  return it == types.end() ? "" : it->second;
}

TEST(UiEmbedTest, ThePageIsEmbeddedByteForByte) {
  const fs::path root(KIOSK_UI_STATIC_DIR);
  std::map<std::string, std::string> on_disk;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    if (entry.path().filename().string().front() == '.' || relative.back() == '~') continue;
    on_disk["/" + relative] = ReadFile(entry.path());
  }
  std::map<std::string, std::string> embedded;
  std::string previous;
  for (const StaticFile& file : StaticFiles()) {
    EXPECT_LT(previous, file.path) << "sorted, no duplicate";
    previous = std::string(file.path);
    EXPECT_EQ(file.content_type, TypeOf(previous)) << previous;
    embedded[previous] = std::string(file.bytes);
    EXPECT_EQ(FindStaticFile(StaticFiles(), file.path), &file);
  }
  EXPECT_EQ(embedded, on_disk);
  EXPECT_EQ(FindStaticFile(StaticFiles(), "/no-such-file.js"), nullptr);
}

}  // namespace
}  // namespace minegate::kiosk::ui
