#include "firmware-bridge/service/credential_writer.hpp"

#include "firmware-bridge/ndef/credential_record.hpp"
#include "firmware-bridge/reader/tag_access.hpp"
#include "firmware-bridge/service/tag_report.hpp"
#include "proto/credential/codec.hpp"

namespace minegate::bridge {
namespace {

v1::WriteResult Outcome(const v1::WriteCredential& request, v1::WriteOutcome outcome,
                        const char* fr, const char* en) {
  v1::WriteResult result;
  result.set_request_id(request.request_id());
  result.set_outcome(outcome);
  result.set_uid(request.expected_uid());
  result.mutable_detail()->set_fr(fr);
  result.mutable_detail()->set_en(en);
  return result;
}

v1::WriteResult FromError(const v1::WriteCredential& request, const boost::system::error_code& ec) {
  using reader::Errc;
  if (ec == reader::make_error_code(Errc::too_small)) {
    return Outcome(request, v1::WRITE_OUTCOME_TOO_SMALL, "mémoire de la puce trop petite",
                   "tag memory too small");
  }
  if (ec == reader::make_error_code(Errc::read_only)) {
    return Outcome(request, v1::WRITE_OUTCOME_READ_ONLY, "puce verrouillée", "tag is read-only");
  }
  return Outcome(request, v1::WRITE_OUTCOME_WRITE_FAILED,
                 "écriture interrompue : contenu de la puce incertain, la présenter à nouveau",
                 "write interrupted: tag content uncertain, present it again");
}

}  // namespace

v1::WriteResult WriteCredential(reader::NfcReader& reader, const reader::Target& target,
                                const reader::TagInfo& info, const v1::WriteCredential& request) {
  const std::string uid(target.uid.begin(), target.uid.end());
  if (request.expected_uid() != uid) {
    return Outcome(request, v1::WRITE_OUTCOME_WRONG_TAG, "ce n'est pas la puce attendue",
                   "this is not the expected tag");
  }
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(request.credential().data());
  const std::vector<std::uint8_t> wanted(bytes, bytes + request.credential().size());
  if (!credential::Decode(wanted)) {
    return Outcome(request, v1::WRITE_OUTCOME_INVALID_REQUEST, "identifiant à écrire invalide",
                   "credential to write is invalid");
  }

  // What is on the tag now decides whether we may write.
  std::vector<std::uint8_t> existing;
  const auto current = reader::ReadNdefMessage(reader, info);
  if (!current) return FromError(request, current.error());
  if (ClassifyCredential(current, existing) == v1::CREDENTIAL_READ_OK) {
    if (existing == wanted) {
      return Outcome(request, v1::WRITE_OUTCOME_OK, "identifiant déjà présent",
                     "credential already present");
    }
    if (!request.overwrite()) {
      return Outcome(request, v1::WRITE_OUTCOME_HOLDS_CREDENTIAL,
                     "la puce porte déjà un autre identifiant",
                     "the tag already holds another credential");
    }
  }

  if (auto written = reader::WriteNdefMessage(reader, info, ndef::CredentialMessage(wanted));
      !written) {
    return FromError(request, written.error());
  }
  std::vector<std::uint8_t> read_back;
  const auto after = reader::ReadNdefMessage(reader, info);
  if (!after) return FromError(request, after.error());
  if (ClassifyCredential(after, read_back) != v1::CREDENTIAL_READ_OK || read_back != wanted) {
    return Outcome(request, v1::WRITE_OUTCOME_VERIFY_FAILED, "relecture différente de l'écriture",
                   "read-back differs from what was written");
  }
  return Outcome(request, v1::WRITE_OUTCOME_OK, "identifiant écrit et relu",
                 "credential written and read back");
}

}  // namespace minegate::bridge
