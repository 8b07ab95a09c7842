#include "server/api/person_candidates.hpp"

#include <google/protobuf/util/json_util.h>

#include <charconv>

#include "server/api/device_request.hpp"

namespace minegate::server {
namespace {

constexpr std::size_t kMaxNameBytes = 320;  // 80 characters of up to 4 bytes

std::optional<std::uint32_t> Year(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::uint32_t year = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), year);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return year;
}

}  // namespace

ApiResponse HandlePersonCandidates(RegistryReader& registry, std::string_view device_id,
                                   std::string_view authorization, std::string_view target,
                                   const QueryParameter& parameter, const FindCandidates& find,
                                   std::int64_t now_ms) {
  auto device = AuthenticateDevice(registry, device_id, authorization, "GET", target, now_ms);
  if (auto* refusal = std::get_if<ApiResponse>(&device)) return *refusal;

  v1::PersonCandidatesQuery query;
  query.set_agent_id(parameter("agent_id").value_or(""));
  query.set_given_name(parameter("given_name").value_or(""));
  query.set_family_name(parameter("family_name").value_or(""));
  const std::optional<std::uint32_t> year = Year(parameter("birth_year"));
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  const std::string sex_name = parameter("sex").value_or("");
  if (query.agent_id().empty() || query.given_name().empty() || !year ||
      query.given_name().size() > kMaxNameBytes || query.family_name().size() > kMaxNameBytes ||
      !v1::Sex_Parse(sex_name, &sex) || sex == v1::SEX_UNSPECIFIED) {
    return ErrorResponse(400,
                         "paramètres requis : agent_id, given_name, birth_year, sex "
                         "(SEX_FEMALE ou SEX_MALE) ; family_name facultatif",
                         "required parameters: agent_id, given_name, birth_year, sex "
                         "(SEX_FEMALE or SEX_MALE); family_name optional");
  }
  query.set_birth_year(*year);
  query.set_sex(sex);

  auto found = find(device_id, query);
  if (!found) {
    if (found.error() == registry::Errc::bad_query) {
      return ErrorResponse(400, "recherche incomplète ou hors limites",
                           "search incomplete or out of range");
    }
    if (found.error() == registry::Errc::agent_not_allowed) {
      return ErrorResponse(403,
                           "seul un agent de porte actif affecté au site de la borne peut "
                           "chercher une personne",
                           "only an active gate agent assigned to the kiosk's site may search "
                           "for a person");
    }
    return ErrorResponse(503, "registre indisponible, réessayez", "registry unavailable, retry");
  }
  ApiResponse response;
  (void)google::protobuf::util::MessageToJsonString(found.value(), &response.body);
  return response;
}

}  // namespace minegate::server
