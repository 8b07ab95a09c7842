// What a thief who copies a directory can read: every byte of every file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::test {

/// The files under `dir` (recursively, whatever their names: database, -wal, -shm, keys,
/// leftovers) whose raw bytes contain `needle`, as paths relative to `dir`. An empty needle
/// matches nothing.
std::vector<std::string> FilesContaining(const std::filesystem::path& dir, std::string_view needle);

/// Every regular file under `dir`, relative to it (to show what was scanned).
std::vector<std::string> FilesUnder(const std::filesystem::path& dir);

/// Lower-case hex of raw bytes ("" for "").
std::string HexOf(std::string_view bytes);
/// The raw bytes `hex` spells (as base::FromHex reads it: "04a1b2", "04:A1:B2"); "" when it is
/// not hex.
std::string BytesOfHex(std::string_view hex);

}  // namespace minegate::test
