#include "server/registry/document_key.hpp"

namespace minegate::server::registry {

std::string DocumentKey(std::string_view number) {
  std::string key;
  key.reserve(number.size());
  for (const char c : number) {
    if (c == ' ' || c == '-' || c == '/') continue;
    // SQLite's upper() without ICU changes ASCII letters only: so must this.
    key += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return key;
}

}  // namespace minegate::server::registry
