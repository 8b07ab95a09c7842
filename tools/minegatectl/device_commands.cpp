#include "tools/minegatectl/device_commands.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <system_error>

#include "base/clock.hpp"
#include "base/file.hpp"
#include "server/admin/device_registry.hpp"
#include "server/admin/enrolment_file.hpp"
#include "server/admin/server_keys.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

constexpr std::int64_t kMaxValidHours = 24 * 30;

/// Refuses, before the database changes, an enrolment whose file could not be created: an
/// existing file (another kiosk's, never replaced) or a folder that is not there. The write
/// itself (WriteMode::create_new) still refuses a file that appears in between.
std::optional<std::string> CannotCreate(const std::filesystem::path& path) {
  std::error_code ec;
  // symlink_status: a dangling link is there too, and link(2) would not replace it.
  if (std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found) {
    return "un fichier existant n'est jamais remplacé / an existing file is never replaced";
  }
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder, ec)) {
    return "dossier introuvable / no such folder: " + folder.string();
  }
  return std::nullopt;
}

}  // namespace

int RunDeviceEnroll(const CtlContext& context) {
  bool bad = false;
  const std::optional<std::int64_t> site_id = IntegerOption(context, "site", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  if (!site_id) return UsageError(context, "option obligatoire / required option: --site");
  const std::optional<std::int64_t> gate_id = IntegerOption(context, "gate", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  const std::optional<std::int64_t> valid_hours =
      IntegerOption(context, "valid-hours", 1, kMaxValidHours, bad);
  if (bad) return kExitUsage;
  const std::string description = context.args.Get("description").value_or("");
  const std::optional<std::string> out_path = context.args.Get("out");

  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  std::optional<admin::ServerKeys> keys;
  std::optional<std::string> certificate_sha256;
  if (out_path) {
    auto loaded = admin::ServerKeys::Load(context.data_dir);
    if (!loaded) return Refused(context, loaded.error());
    keys.emplace(std::move(loaded).value());
    std::string error;
    auto fingerprint = admin::ServerCertificateFingerprint(context.data_dir, error);
    if (!fingerprint) return Refused(context, error);
    certificate_sha256 = fingerprint.value();
    if (const auto why = CannotCreate(*out_path)) {
      return Refused(context,
                     "--out " + *out_path + ": impossible de créer / cannot create: " + *why);
    }
  }

  const std::chrono::milliseconds validity =
      valid_hours ? std::chrono::hours(*valid_hours) : admin::kDefaultEnrolmentValidity;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  auto enrolment = admin::DeviceRegistry(*connection)
                       .CreateDeviceEnrolment(*site_id, gate_id, description, validity);
  if (!enrolment) return change->Refuse(enrolment.error());
  // The device and where it goes; never the code, which is shown once and stored hashed.
  change->AddTarget("device:" + enrolment.value().device_id);
  change->AddTarget("site:" + std::to_string(*site_id));
  if (gate_id) change->AddTarget("gate:" + std::to_string(*gate_id));
  if (!change->Commit()) return kExitRefused;

  context.out << "appareil créé / device created: " << enrolment.value().device_id << " (site "
              << *site_id;
  if (gate_id) context.out << ", porte / gate " << *gate_id;
  context.out << ")\n"
              << "code d'inscription (usage unique) / enrolment code (one-time): "
              << enrolment.value().code << '\n'
              << "valable jusqu'au / valid until: " << FormatTime(enrolment.value().expires_at_ms)
              << '\n';
  if (out_path) {
    const std::optional<std::string> text =
        admin::EnrolmentFileText(enrolment.value(), *site_id, gate_id, *keys, certificate_sha256);
    // 0600 and create_new: it holds a live code, and another kiosk's file is never replaced.
    base::Result<void> written = make_error_code(boost::system::errc::io_error);
    if (text) {
      written = base::WriteFileAtomically(*out_path, *text, 0600, base::WriteMode::create_new);
    }
    if (!written) {
      // The device exists and the code above is valid: say so rather than pretend nothing
      // happened.
      return Refused(context, "--out " + *out_path +
                                  ": écriture échouée, utilisez le code affiché / "
                                  "write failed, use the code printed above (" +
                                  written.error().message() + ")");
    }
    context.out << "fichier d'inscription / enrolment file: " << *out_path << " (0600)\n";
  }
  return kExitOk;
}

int RunDeviceRevoke(const CtlContext& context) {
  const std::optional<std::string> device_id = RequiredOption(context, "id");
  if (!device_id) return kExitUsage;
  bool bad = false;
  const std::optional<std::int64_t> at =
      IntegerOption(context, "at", 1, std::numeric_limits<std::int64_t>::max(), bad);
  if (bad) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  const std::int64_t at_ms = at.value_or(base::NowMs());
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("device:" + *device_id);
  auto revoked = admin::DeviceRegistry(*connection).RevokeDevice(*device_id, at_ms);
  if (!revoked) return change->Refuse(revoked.error());
  // The agents whose PIN and card it compromised were changed too.
  for (const std::string& agent : revoked.value().compromised_agents) {
    change->AddTarget("user:" + agent);
  }
  if (!change->Commit()) return kExitRefused;
  const admin::DeviceRevocation& done = revoked.value();
  context.out << "appareil révoqué / device revoked: " << *device_id << " (depuis / from "
              << FormatTime(at_ms) << ", liste de confiance / trust list v" << done.trust_version
              << ")\n"
              << "bracelets de cet appareil qui restent valides (reçus avant la révocation) / "
                 "bracelets of this device that stay valid (received before the revocation): "
              << done.bracelets_kept << '\n'
              << "dernier événement reçu / last event received: n° / seq "
              << done.highest_seq_received
              << (done.last_event_received_at_ms
                      ? " (" + FormatTime(*done.last_event_received_at_ms) + ")"
                      : std::string(" (aucun / none)"))
              << '\n'
              << "  Tout bracelet émis par cette borne après cet événement (resté dans sa file "
                 "d'envoi) ou après la révocation est refusé partout : la personne doit recevoir "
                 "un bracelet de remplacement.\n"
              << "  Any bracelet this kiosk issued after that event (left in its outbox) or after "
                 "the revocation is refused everywhere: the person must be given a replacement.\n";
  if (done.compromised_agents.empty()) {
    context.out << "aucun code PIN ni carte d'agent compromis / no agent PIN or staff card "
                   "compromised\n";
  } else {
    context.out
        << "codes PIN et cartes d'agent compromis (la borne les détenait ; ils ne sont "
           "plus envoyés aux bornes) — fixez-en de nouveaux avec `minegatectl user set-pin` "
           "et `user set-card` /\n"
           "agent PINs and staff cards compromised (the kiosk held them; no longer sent to "
           "kiosks) — set new ones with `minegatectl user set-pin` and `user set-card`:\n";
    for (const std::string& agent : done.compromised_agents) context.out << "  " << agent << '\n';
  }
  return kExitOk;
}

int RunDeviceList(const CtlContext& context) {
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto devices = admin::DeviceRegistry(*connection).ListDevices();
  if (!devices) return Refused(context, devices.error());
  Table table(
      {"ID", "SITE", "PORTE / GATE", "INSCRIT / ENROLLED", "RÉVOQUÉ / REVOKED", "DESCRIPTION"});
  for (const admin::DeviceInfo& device : devices.value()) {
    std::string enrolled = "non/no";
    if (device.enrolled_at_ms) {
      enrolled = FormatTime(*device.enrolled_at_ms);
    } else if (device.enrolment_expires_at_ms) {
      enrolled =
          "en attente jusqu'au / pending until " + FormatTime(*device.enrolment_expires_at_ms);
    }
    table.AddRow({device.device_id, std::to_string(device.site_id),
                  device.gate_id ? std::to_string(*device.gate_id) : "", enrolled,
                  device.revoked_at_ms ? FormatTime(*device.revoked_at_ms) : "non/no",
                  device.description});
  }
  table.Print(context.out);
  return kExitOk;
}

}  // namespace minegate::ctl
