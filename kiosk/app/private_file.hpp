#pragma once
/// The one way the kiosk writes a file only its user may read (the device key,
/// the page's address with its token): beside the target, mode 0600 before any
/// byte, synced, renamed over the target, the directory synced. A crash leaves
/// the old file or the whole new one, never a part.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace minegate::kiosk::app {

/// False with `error` ("<what> (<path>): <system error>") when any step fails;
/// the temporary file is then removed.
bool WritePrivateFile(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                      const std::string& what, std::string& error);

}  // namespace minegate::kiosk::app
