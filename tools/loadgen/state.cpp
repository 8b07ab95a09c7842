#include "tools/loadgen/state.hpp"

#include <sstream>

#include "base/file.hpp"

namespace minegate::loadgen {
namespace {

constexpr char kFile[] = "state.txt";
constexpr std::size_t kMaxBytes = 16 * 1024 * 1024;

}  // namespace

std::optional<LoadState> ReadState(const std::filesystem::path& dir, std::string& error) {
  error.clear();
  auto content = base::ReadFileBounded(dir / kFile, kMaxBytes);
  if (!content) {
    if (content.error() != boost::system::errc::no_such_file_or_directory) {
      error = (dir / kFile).string() + " : " + content.error().message();
    }
    return std::nullopt;
  }
  LoadState state;
  std::istringstream lines(content.value());
  std::string line;
  int number = 0;
  bool seen_seed = false;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    std::istringstream words(line);
    std::string key;
    words >> key;
    bool ok = true;
    if (key == "seed") {
      ok = static_cast<bool>(words >> state.seed);
      seen_seed = ok;
    } else if (key == "runs") {
      ok = static_cast<bool>(words >> state.runs);
    } else if (key == "kiosk") {
      KioskRecord kiosk;
      ok = static_cast<bool>(words >> kiosk.region >> kiosk.site >> kiosk.site_id >>
                             kiosk.gate_id >> kiosk.device_id >> kiosk.agent_id >> kiosk.acked_seq);
      state.kiosks.push_back(std::move(kiosk));
    } else {
      ok = false;
    }
    if (!ok) {
      error = (dir / kFile).string() + ":" + std::to_string(number) +
              " : ligne illisible / unreadable line";
      return std::nullopt;
    }
  }
  if (!seen_seed || state.kiosks.empty()) {
    error = (dir / kFile).string() + " : graine ou bornes absentes / seed or kiosks missing";
    return std::nullopt;
  }
  return state;
}

bool WriteState(const std::filesystem::path& dir, const LoadState& state, std::string& error) {
  std::ostringstream out;
  out << "# état de minegate-loadgen / minegate-loadgen state\n"
      << "# kiosk RÉGION SITE SITE_ID GATE_ID DEVICE AGENT ACKED_SEQ\n"
      << "seed " << state.seed << "\nruns " << state.runs << '\n';
  for (const KioskRecord& kiosk : state.kiosks) {
    out << "kiosk " << kiosk.region << ' ' << kiosk.site << ' ' << kiosk.site_id << ' '
        << kiosk.gate_id << ' ' << kiosk.device_id << ' ' << kiosk.agent_id << ' '
        << kiosk.acked_seq << '\n';
  }
  if (auto written = base::WriteFileAtomically(dir / kFile, out.str(), 0600); !written) {
    error = (dir / kFile).string() + " : " + written.error().message();
    return false;
  }
  return true;
}

}  // namespace minegate::loadgen
