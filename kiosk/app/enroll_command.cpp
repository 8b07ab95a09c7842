#include "kiosk/app/enroll_command.hpp"

#include <charconv>
#include <iostream>

#include "base/clock.hpp"
#include "kiosk/app/device_key_file.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/sync/enrolment.hpp"
#include "kiosk/sync/enrolment_file.hpp"

namespace minegate::kiosk::app {
namespace {

int Refused(const std::string& why) {
  std::cerr << "minegate-kiosk enroll: " << why << '\n';
  return 1;
}

}  // namespace

bool SplitHostPort(const std::string& text, std::string& host, std::uint16_t& port) {
  std::string port_text;
  if (!text.empty() && text[0] == '[') {
    const auto close = text.find("]:");
    if (close == std::string::npos) return false;
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || value == 0 ||
      value > 65535) {
    return false;
  }
  port = static_cast<std::uint16_t>(value);
  return !host.empty();
}

int RunEnroll(const Options& options) {
  std::string code = options.code;
  std::string fingerprint = options.server_fingerprint;
  std::uint32_t gate_id = options.gate_id;
  if (!options.enrolment_file.empty()) {
    auto file = sync::ReadEnrolmentFile(options.enrolment_file);
    if (!file) {
      return Refused(
          "fichier d'inscription illisible ou incomplet / enrolment file unreadable "
          "or incomplete: " +
          options.enrolment_file + ": " + file.error().detail);
    }
    code = file.value().enrolment_code();
    if (fingerprint.empty()) fingerprint = file.value().server_certificate_sha256();
    if (gate_id == 0) gate_id = file.value().gate_id();
  }
  if (fingerprint.empty()) {
    return Refused(
        "empreinte du certificat du serveur inconnue : --server-fingerprint / "
        "server certificate fingerprint unknown: --server-fingerprint");
  }
  sync::ServerAddress server;
  if (!SplitHostPort(options.server, server.host, server.port)) {
    return Refused("--server attend HOTE:PORT / --server expects HOST:PORT");
  }
  server.fingerprint = fingerprint;

  const std::filesystem::path data_dir = options.data_dir;
  auto connection = store::OpenKioskDataDir(data_dir);
  if (!connection) {
    return Refused("base de la borne / kiosk database: " + connection.error().message());
  }
  store::IdentityStore identities(connection.value());
  auto existing = identities.Load();
  if (!existing) return Refused(existing.error().message());
  if (existing.value()) {
    return Refused("borne déjà inscrite comme / kiosk already enrolled as " +
                   existing.value()->device_id);
  }
  std::string error;
  auto key = LoadOrCreateDeviceKey(data_dir, error);
  if (!key) return Refused(error);

  auto answer = sync::Enrol(server, code, key->public_key());
  if (!answer)
    return Refused(answer.error().message.empty() ? answer.error().code.message()
                                                  : answer.error().message);
  const v1::EnrolmentResponse& response = answer.value();
  if (response.gate_id() != 0) gate_id = response.gate_id();

  store::Identity identity;
  identity.device_id = response.device_id();
  identity.site_id = response.site_id();
  identity.gate_id = gate_id;
  identity.server_host = server.host;
  identity.server_port = server.port;
  identity.server_fingerprint = fingerprint;
  identity.sealing_public_key = response.sealing_public_key();
  identity.sealing_key_id = response.sealing_key_id();
  identity.enrolled_at_ms = base::NowMs();
  if (auto saved = identities.Save(identity); !saved) {
    return Refused(
        "inscription acceptée mais non enregistrée / enrolment accepted but not "
        "stored: " +
        saved.error().message());
  }
  std::cout << "borne inscrite / kiosk enrolled: " << identity.device_id << " (site "
            << identity.site_id << ", porte / gate " << identity.gate_id << ")\n";
  if (gate_id == 0) {
    std::cout << "aucune porte : lancez avec --gate N / no gate: run with --gate N\n";
  }
  return 0;
}

}  // namespace minegate::kiosk::app
