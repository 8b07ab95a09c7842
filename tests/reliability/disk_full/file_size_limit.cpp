#include "tests/reliability/disk_full/file_size_limit.hpp"

#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace minegate::test {

std::optional<std::uint64_t> LargestOpenFile(pid_t pid) {
  std::error_code ec;
  const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
  std::filesystem::directory_iterator it(fds, ec);
  if (ec) return std::nullopt;
  std::uint64_t largest = 0;
  for (const auto& entry : it) {
    struct stat info {};
    // stat() follows the /proc link to the open file itself (even if renamed or deleted).
    if (::stat(entry.path().c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
    largest = std::max(largest, static_cast<std::uint64_t>(info.st_size));
  }
  return largest;
}

namespace {

std::string Prlimit(pid_t pid, std::optional<std::uint64_t> soft) {
  struct rlimit current {};
  if (::prlimit(pid, RLIMIT_FSIZE, nullptr, &current) != 0) {
    return std::string("prlimit (lecture / read): ") + std::strerror(errno);
  }
  struct rlimit wanted = current;
  wanted.rlim_cur = soft ? static_cast<rlim_t>(*soft) : current.rlim_max;
  if (::prlimit(pid, RLIMIT_FSIZE, &wanted, nullptr) != 0) {
    return std::string("prlimit: ") + std::strerror(errno);
  }
  return "";
}

}  // namespace

std::string SetFileSizeLimit(pid_t pid, std::uint64_t bytes) { return Prlimit(pid, bytes); }

std::string LiftFileSizeLimit(pid_t pid) { return Prlimit(pid, std::nullopt); }

}  // namespace minegate::test
