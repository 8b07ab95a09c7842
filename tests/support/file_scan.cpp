#include "tests/support/file_scan.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "base/hex.hpp"

namespace minegate::test {

std::vector<std::string> FilesUnder(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      files.push_back(std::filesystem::relative(it->path(), dir, ec).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> FilesContaining(const std::filesystem::path& dir,
                                         std::string_view needle) {
  std::vector<std::string> found;
  if (needle.empty()) return found;
  for (const std::string& relative : FilesUnder(dir)) {
    std::ifstream in(dir / relative, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.find(needle) != std::string::npos) found.push_back(relative);
  }
  return found;
}

std::string HexOf(std::string_view bytes) { return base::ToHex(bytes); }

std::string BytesOfHex(std::string_view hex) {
  const auto bytes = base::FromHex(hex);
  return bytes ? std::string(bytes->begin(), bytes->end()) : std::string();
}

}  // namespace minegate::test
