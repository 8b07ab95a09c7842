// A private temporary directory per test, removed with everything in it.
#pragma once

#include <filesystem>
#include <string>

namespace minegate::test {

/// Created under $TMPDIR (or /tmp) with a short unique name: Unix socket paths must stay
/// under 108 bytes. Check ok() after construction; the destructor removes the tree.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "minegate");
  ~TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  /// path() / name, as a string, for argv and environment values.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  void Remove();

  std::filesystem::path path_;
};

}  // namespace minegate::test
