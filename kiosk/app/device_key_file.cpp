#include "kiosk/app/device_key_file.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>

#include "base/file.hpp"

namespace minegate::kiosk::app {
std::filesystem::path DeviceKeyPath(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "device.key";
}

std::optional<credential::SigningKey> LoadDeviceKey(const std::filesystem::path& data_dir,
                                                    std::string& error) {
  const std::filesystem::path path = DeviceKeyPath(data_dir);
  credential::Seed seed{};
  // One byte more than a seed may be read, to notice a file longer than it should be.
  auto bytes = base::ReadFileBounded(path, seed.size() + 1, base::FileAccess::private_only);
  if (!bytes) {
    error = bytes.error() == base::FileErrc::readable_by_others
                ? "clé de l'appareil lisible par d'autres (chmod 600) / device key readable by "
                  "others (chmod 600): " +
                      path.string()
                : "clé de l'appareil illisible / device key unreadable (" + path.string() +
                      "): " + bytes.error().message();
    return std::nullopt;
  }
  std::string& text = bytes.value();
  const bool whole = text.size() == seed.size();
  if (whole) std::copy_n(text.begin(), seed.size(), seed.begin());
  sodium_memzero(text.data(), text.size());
  if (!whole) {
    error = "clé de l'appareil corrompue / device key corrupt: " + path.string();
    return std::nullopt;
  }
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
  // Written beside, synced, then linked: a crash leaves either no key or a whole one, and a
  // second `enroll` racing this one never swaps the key the first enrolled with.
  credential::Seed seed = key.value().seed();
  const auto written = base::WriteFileAtomically(path, std::span<const std::uint8_t>(seed), 0600,
                                                 base::WriteMode::create_new);
  sodium_memzero(seed.data(), seed.size());
  if (!written && written.error() == boost::system::errc::file_exists) {
    return LoadDeviceKey(data_dir, error);
  }
  if (!written) {
    error = "écriture de la clé impossible / cannot write the key (" + path.string() +
            "): " + written.error().message();
    return std::nullopt;
  }
  return std::move(key).value();
}

}  // namespace minegate::kiosk::app
