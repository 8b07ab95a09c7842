#include "tools/loadgen/provision.hpp"

#include <google/protobuf/text_format.h>
#include <sodium.h>
#include <unistd.h>

#include <ostream>
#include <regex>

#include "base/file.hpp"
#include "base/hex.hpp"
#include "minegate/v1/enrolment.pb.h"
#include "tests/support/population/fleet.hpp"
#include "tests/support/process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tools/loadgen/layout.hpp"

namespace minegate::loadgen {
namespace {

/// minegatectl beside this program (the build tree and the packages install them together),
/// else the one on PATH.
std::string Minegatectl(const LoadOptions& options) {
  if (!options.minegatectl.empty()) return options.minegatectl;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const auto& candidate :
         {self.parent_path() / "minegatectl", self.parent_path() / "../minegatectl/minegatectl"}) {
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal().string();
    }
  }
  return "minegatectl";
}

class Ctl {
 public:
  Ctl(std::string binary, std::string data_dir)
      : binary_(std::move(binary)), data_dir_(std::move(data_dir)) {}

  /// Runs one command; its standard output, or nullopt and `error`.
  std::optional<std::string> Run(const std::vector<std::string>& args, std::string& error) const {
    std::vector<std::string> argv = {binary_, "--data-dir", data_dir_};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto result = test::RunToCompletion(argv, {}, std::chrono::seconds(60));
    if (!result.spawn_error.empty() || !result.status.Succeeded()) {
      error = "minegatectl";
      for (const auto& word : args) error += " " + word;
      error += " : " + result.spawn_error + result.out + result.err;
      return std::nullopt;
    }
    return result.out;
  }

  /// Runs a command that prints "… created: N (…)"; N.
  std::optional<std::uint32_t> RunForId(const std::vector<std::string>& args,
                                        std::string& error) const {
    const auto out = Run(args, error);
    if (!out) return std::nullopt;
    static const std::regex kCreated(R"(created: ([0-9]+))");
    std::smatch match;
    if (!std::regex_search(*out, match, kCreated)) {
      error = "minegatectl " + args.front() + " : identifiant absent / no id in: " + *out;
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(std::stoul(match[1].str()));
  }

 private:
  std::string binary_;
  std::string data_dir_;
};

}  // namespace

credential::SigningKey KioskKey(std::uint64_t seed, std::size_t index) {
  // A seed of 32 bytes always makes a key: FromSeed fails only if libsodium is not initialised.
  return credential::SigningKey::FromSeed(test::population::KioskKeySeed(seed, index)).value();
}

bool ProvisionFleet(const LoadOptions& options, const test::ClientOptions& client, LoadState& state,
                    std::ostream& log, std::string& error) {
  const std::vector<KioskPlace> places = PlaceKiosks(options.kiosks);
  if (places.empty()) {
    error = "au moins 6 bornes / at least 6 kiosks";
    return false;
  }
  const std::filesystem::path dir = options.state_dir;
  // The agents never sign in: a random password nobody knows, kept beside the state.
  std::string password(24, '\0');
  randombytes_buf(password.data(), password.size());
  const std::filesystem::path password_file = dir / "agents.pw";
  if (auto written = base::WriteFileAtomically(password_file, base::ToHex(password) + "\n", 0600);
      !written) {
    error = password_file.string() + " : " + written.error().message();
    return false;
  }
  const Ctl ctl(Minegatectl(options), options.data_dir);
  const auto layout = test::population::KedougouSites();
  state = LoadState{};
  state.seed = options.seed;
  std::uint32_t site_id = 0;
  for (std::size_t index = 0; index < places.size(); ++index) {
    const KioskPlace& place = places[index];
    const bool new_site = index == 0 || places[index - 1].region != place.region ||
                          places[index - 1].site != place.site;
    if (new_site) {
      const auto& site = layout[place.site];
      const std::string name = SiteName(place.region, place.site);
      const auto id =
          ctl.RunForId({"site", "add", "--name", name, "--department", site.department}, error);
      if (!id) return false;
      site_id = *id;
      if (!ctl.Run({"site", "locate", "--site", std::to_string(site_id), "--lat",
                    std::to_string(site.latitude), "--lon", std::to_string(site.longitude)},
                   error)) {
        return false;
      }
      if (!ctl.Run({"user", "add", "--id", AgentId(place.region, place.site), "--name",
                    "Agent de " + name, "--role", "gate_agent", "--password-file",
                    password_file.string(), "--sites", std::to_string(site_id)},
                   error)) {
        return false;
      }
      log << "site " << site_id << " " << name << '\n';
    }
    const auto gate_id = ctl.RunForId(
        {"gate", "add", "--site", std::to_string(site_id), "--name", place.gate_name}, error);
    if (!gate_id) return false;
    const std::filesystem::path enrol_file = dir / ("enrol-" + std::to_string(index) + ".txt");
    std::filesystem::remove(enrol_file);
    if (!ctl.Run({"device", "enroll", "--site", std::to_string(site_id), "--gate",
                  std::to_string(*gate_id), "--description",
                  "Borne simulée / simulated kiosk " + std::to_string(index), "--out",
                  enrol_file.string()},
                 error)) {
      return false;
    }
    auto text = base::ReadFileBounded(enrol_file, 64 * 1024);
    std::filesystem::remove(enrol_file);  // a one-time code: destroyed once read
    v1::EnrolmentFile enrolment;
    google::protobuf::TextFormat::Parser parser;
    parser.AllowUnknownField(true);
    if (!text || !parser.ParseFromString(text.value(), &enrolment)) {
      error =
          enrol_file.string() + " : fichier d'inscription illisible / unreadable enrolment file";
      return false;
    }
    test::SimulatedKiosk kiosk(client, KioskKey(options.seed, index));
    if (auto enrolled = kiosk.Enrol(enrolment.enrolment_code()); !enrolled) {
      error =
          "inscription / enrolment " + enrolment.device_id() + " : " + enrolled.error().message();
      return false;
    }
    KioskRecord record;
    record.region = place.region;
    record.site = place.site;
    record.site_id = site_id;
    record.gate_id = *gate_id;
    record.device_id = enrolment.device_id();
    record.agent_id = AgentId(place.region, place.site);
    state.kiosks.push_back(std::move(record));
    log << "  borne inscrite / kiosk enrolled: " << enrolment.device_id() << " (porte / gate "
        << *gate_id << ")\n";
  }
  return true;
}

}  // namespace minegate::loadgen
