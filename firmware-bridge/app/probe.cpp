#include "firmware-bridge/app/probe.hpp"

#include <iostream>
#include <thread>

#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_access.hpp"
#include "firmware-bridge/service/tag_report.hpp"
#include "minegate/v1/reader.pb.h"
#include "proto/credential/codec.hpp"
#include "proto/credential/describe.hpp"
#include "proto/credential/hex.hpp"

namespace minegate::bridge {
namespace {

constexpr int kExitFailed = 1;

int Fail(const std::string& what, const boost::system::error_code& ec) {
  std::cout << "ÉCHEC / FAILED: " << what << ": " << ec.message() << '\n';
  return kExitFailed;
}

std::span<const std::uint8_t> Bytes(const std::string& bytes) {
  return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}

}  // namespace

int RunProbe(const Options& options) {
  auto opened = reader::NfcReader::Open(options.device);
  if (!opened)
    return Fail("ouverture du lecteur / opening the reader " + options.device, opened.error());
  reader::NfcReader& nfc = *opened.value();
  std::cout << "lecteur / reader: " << nfc.name() << '\n'
            << "connexion / connection: " << nfc.connstring() << '\n'
            << "micrologiciel / firmware: " << nfc.firmware() << '\n'
            << "présentez une puce / present a tag (" << options.probe_wait.count() << " s)...\n"
            << std::flush;

  const auto deadline = std::chrono::steady_clock::now() + options.probe_wait;
  std::optional<reader::Target> target;
  while (!target && std::chrono::steady_clock::now() < deadline) {
    auto selected = nfc.SelectIso14443a();
    if (!selected) return Fail("recherche de puce / polling", selected.error());
    target = selected.value();
    if (!target) std::this_thread::sleep_for(options.poll_interval);
  }
  if (!target) {
    std::cout << "ÉCHEC / FAILED: aucune puce présentée / no tag presented\n";
    return kExitFailed;
  }

  std::cout << "UID: " << credential::ToHex(target->uid) << '\n';
  auto info = reader::IdentifyTag(nfc, *target);
  if (!info) return Fail("identification de la puce / identifying the tag", info.error());
  v1::TagPresented tag;
  auto message = reader::ReadNdefMessage(nfc, info.value());
  DescribeTag(*target, info.value(), message, tag);
  std::cout << "type: " << v1::TagType_Name(tag.tag_type()) << '\n'
            << "mémoire / memory: " << tag.memory_bytes() << " octets / bytes\n";
  if (!message) return Fail("lecture NDEF / reading NDEF", message.error());

  switch (tag.credential_read()) {
    case v1::CREDENTIAL_READ_OK: {
      auto decoded = credential::Decode(Bytes(tag.credential()));
      std::cout << credential::Describe(decoded.value())
                << "signature non vérifiée ici (le kiosque la vérifie) / "
                   "signature not verified here (the kiosk verifies it)\n";
      return 0;
    }
    case v1::CREDENTIAL_READ_ABSENT:
      std::cout << "ÉCHEC / FAILED: puce vierge ou sans identifiant minegate / "
                   "blank tag or no minegate credential\n";
      return kExitFailed;
    default: {
      auto decoded = credential::Decode(Bytes(tag.credential()));
      std::cout << "ÉCHEC / FAILED: identifiant illisible / unreadable credential"
                << (decoded ? std::string() : ": " + decoded.error().message()) << '\n';
      return kExitFailed;
    }
  }
}

}  // namespace minegate::bridge
