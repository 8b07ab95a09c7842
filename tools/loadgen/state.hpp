// What minegate-loadgen remembers between runs, in one text file in its state directory
// (state.txt): the seed the device keys come from, how many runs were played, and each kiosk's
// place, ids and last acknowledged sequence. A second run on the same state uses the same
// enrolled devices (their keys derived from the seed again) and continues their sequences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace minegate::loadgen {

struct KioskRecord {
  std::size_t region = 0;
  std::size_t site = 0;
  std::uint32_t site_id = 0;
  std::uint32_t gate_id = 0;
  std::string device_id;
  std::string agent_id;
  /// The last sequence the server acknowledged, as of the end of the last run.
  std::uint64_t acked_seq = 0;
};

struct LoadState {
  std::uint64_t seed = 0;
  std::size_t runs = 0;
  std::vector<KioskRecord> kiosks;
};

/// The state in `dir`, nullopt when there is none yet; `error` set when it cannot be read.
std::optional<LoadState> ReadState(const std::filesystem::path& dir, std::string& error);
/// Writes it atomically (the old state or the whole new one after a crash).
bool WriteState(const std::filesystem::path& dir, const LoadState& state, std::string& error);

}  // namespace minegate::loadgen
