#include "kiosk/app/page_url_file.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "kiosk/app/private_file.hpp"
#include "kiosk/net/ui_http_policy.hpp"

namespace minegate::kiosk::app {

std::filesystem::path PageUrlPath(const std::filesystem::path& data_dir) {
  return data_dir / "page-url";
}

std::string MakePageToken() {
  std::array<std::uint8_t, net::kPageTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, net::kPageTokenHexChars + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  std::string token(hex.data(), net::kPageTokenHexChars);
  sodium_memzero(bytes.data(), bytes.size());
  sodium_memzero(hex.data(), hex.size());
  return token;
}

std::string PageUrl(const std::string& address, std::uint16_t port, const std::string& token) {
  const bool v6 = address.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port) +
         "/#token=" + token;
}

bool WritePageUrlFile(const std::filesystem::path& data_dir, const std::string& url,
                      std::string& error) {
  const std::string line = url + "\n";
  return WritePrivateFile(
      PageUrlPath(data_dir), {reinterpret_cast<const std::uint8_t*>(line.data()), line.size()},
      "écriture de l'adresse de la page impossible / cannot write the page's address", error);
}

}  // namespace minegate::kiosk::app
