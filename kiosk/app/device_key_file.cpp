#include "kiosk/app/device_key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <tuple>

#include "kiosk/app/private_file.hpp"

namespace minegate::kiosk::app {
namespace {

std::string SystemError(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

std::filesystem::path DeviceKeyPath(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "device.key";
}

std::optional<credential::SigningKey> LoadDeviceKey(const std::filesystem::path& data_dir,
                                                    std::string& error) {
  const std::filesystem::path path = DeviceKeyPath(data_dir);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    error =
        SystemError("clé de l'appareil illisible / device key unreadable (" + path.string() + ")");
    return std::nullopt;
  }
  struct stat info {};
  // One byte more than a seed, to notice a file that is longer than it should be.
  std::array<std::uint8_t, std::tuple_size_v<credential::Seed> + 1> bytes{};
  ssize_t got = -1;
  if (::fstat(fd, &info) == 0) got = ::read(fd, bytes.data(), bytes.size());
  ::close(fd);
  credential::Seed seed{};
  if ((info.st_mode & 077) != 0) {
    error =
        "clé de l'appareil lisible par d'autres (chmod 600) / device key readable by "
        "others (chmod 600): " +
        path.string();
    return std::nullopt;
  }
  if (got != static_cast<ssize_t>(seed.size())) {
    sodium_memzero(bytes.data(), bytes.size());
    error = "clé de l'appareil corrompue / device key corrupt: " + path.string();
    return std::nullopt;
  }
  std::copy_n(bytes.begin(), seed.size(), seed.begin());
  sodium_memzero(bytes.data(), bytes.size());
  auto key = credential::SigningKey::FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  if (!key) {
    error = key.error().message();
    return std::nullopt;
  }
  return std::move(key).value();
}

std::optional<credential::SigningKey> LoadOrCreateDeviceKey(const std::filesystem::path& data_dir,
                                                            std::string& error) {
  const std::filesystem::path path = DeviceKeyPath(data_dir);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return LoadDeviceKey(data_dir, error);
  std::filesystem::create_directories(path.parent_path(), ec);
  ::chmod(path.parent_path().c_str(), 0700);
  auto key = credential::SigningKey::Generate();
  if (!key) {
    error = key.error().message();
    return std::nullopt;
  }
  // Written beside, synced, then renamed: a crash leaves either no key or a whole one.
  credential::Seed seed = key.value().seed();
  const bool written =
      WritePrivateFile(path, seed, "écriture de la clé impossible / cannot write the key", error);
  sodium_memzero(seed.data(), seed.size());
  if (!written) return std::nullopt;
  return std::move(key).value();
}

}  // namespace minegate::kiosk::app
