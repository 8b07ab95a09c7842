#include "proto/credential/describe.hpp"

#include <sstream>

#include "proto/credential/hex.hpp"

namespace minegate::credential {

std::string Describe(const Credential& credential) {
  const CredentialFields& f = credential.fields;
  std::ostringstream out;
  out << "version: " << int{credential.version} << '\n'
      << "type / kind: "
      << (f.kind == Kind::bracelet ? "bracelet" : "carte d'orpailleur / miner card") << '\n'
      << "jeton de personne / person token: " << ToHex(f.person_token) << '\n'
      << "site émetteur / issuing site: " << f.site_id << '\n'
      << "émis le (ms) / issued at (ms): " << f.issued_at_ms << '\n'
      << "identifiant de clé / key id: " << ToHex(credential.key_id) << '\n';
  if (!f.card_number.empty()) out << "numéro de carte / card number: " << f.card_number << '\n';
  return out.str();
}

}  // namespace minegate::credential
