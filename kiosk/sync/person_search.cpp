#include "kiosk/sync/person_search.hpp"

#include "kiosk/sync/signed_get.hpp"

namespace minegate::kiosk::sync {
namespace {

/// RFC 3986 unreserved characters pass; every other byte is %XX.
std::string Encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

}  // namespace

std::string PersonCandidatesTarget(const std::string& device_id,
                                   const v1::PersonCandidatesQuery& query) {
  std::string target = "/v1/devices/" + device_id +
                       "/person-candidates?agent_id=" + Encode(query.agent_id()) +
                       "&given_name=" + Encode(query.given_name());
  if (!query.family_name().empty()) target += "&family_name=" + Encode(query.family_name());
  target +=
      "&birth_year=" + std::to_string(query.birth_year()) + "&sex=" + v1::Sex_Name(query.sex());
  return target;
}

void AsyncFindCandidates(boost::asio::io_context& io, const ServerAddress& server,
                         const credential::SigningKey& key, const std::string& device_id,
                         const v1::PersonCandidatesQuery& query,
                         std::function<void(Answer<v1::PersonCandidates>)> done,
                         std::chrono::milliseconds timeout) {
  AsyncSignedGet<v1::PersonCandidates>(io, server, key, device_id,
                                       PersonCandidatesTarget(device_id, query), std::move(done),
                                       timeout);
}

}  // namespace minegate::kiosk::sync
