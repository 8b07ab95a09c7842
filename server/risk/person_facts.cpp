#include "server/risk/person_facts.hpp"

#include "base/hex.hpp"
#include "server/registry/name_key.hpp"

namespace minegate::server::risk {

std::string CompanionKey(const v1::CompanionRecorded& companion) {
  switch (companion.companion_case()) {
    case v1::CompanionRecorded::kCompanionPersonToken:
      return base::ToHex(companion.companion_person_token());
    case v1::CompanionRecorded::kCompanionDescription: {
      // "d:" keeps a description from ever equalling a token's hex.
      std::string key = registry::NameKey(companion.companion_description());
      if (key.empty()) return {};
      return "d:" + key;
    }
    case v1::CompanionRecorded::COMPANION_NOT_SET:
      break;
  }
  return {};
}

}  // namespace minegate::server::risk
