#include "server/web/static_site.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "base/hex.hpp"
#include "server/web/content_negotiation.hpp"
#include "server/web/pages.hpp"
#include "server/web/security_headers.hpp"

namespace minegate::server::web {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
/// Stored, but revalidated on every use: the shell names the current prefix.
constexpr std::string_view kRevalidate = "no-cache";
/// Bytes of the build hash in hex: 80 bits tell builds apart and keep URLs short.
constexpr std::size_t kBuildHashBytes = 10;

class Blake2b {
 public:
  Blake2b() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
    crypto_generichash_init(&state_, nullptr, 0, digest_.size());
  }
  Blake2b& Add(std::string_view bytes) {
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
    return *this;
  }
  /// Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently.
  Blake2b& AddField(std::string_view bytes) {
    std::array<unsigned char, 8> size{};
    for (std::size_t i = 0; i < size.size(); ++i) {
      size[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(bytes.size()) >> (8 * i));
    }
    crypto_generichash_update(&state_, size.data(), size.size());
    return Add(bytes);
  }
  std::array<std::uint8_t, crypto_generichash_BYTES> Finish() {
    crypto_generichash_final(&state_, digest_.data(), digest_.size());
    return digest_;
  }

 private:
  crypto_generichash_state state_{};
  std::array<std::uint8_t, crypto_generichash_BYTES> digest_{};
};

/// A strong entity tag: 128 bits of BLAKE2b of the bytes sent, quoted.
std::string EntityTag(std::string_view bytes) {
  const auto digest = Blake2b().Add(bytes).Finish();
  return "\"" + base::ToHex(std::span(digest).first(16)) + "\"";
}

std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t start = 0;
  for (auto at = text.find(from); at != std::string_view::npos; at = text.find(from, start)) {
    out.append(text.substr(start, at - start)).append(to);
    start = at + from.size();
  }
  return out.append(text.substr(start));
}

net::HttpResponse Plain(int status, std::string body, bool tls) {
  net::HttpResponse response = net::HttpResponse::Text(status, std::move(body));
  AddSecurityHeaders(response, tls);
  return response;
}

}  // namespace

StaticSite::StaticSite(std::span<const EmbeddedAsset> assets, std::string_view shell_path) {
  Blake2b build;
  const EmbeddedAsset* shell = nullptr;
  for (const EmbeddedAsset& asset : assets) {
    build.AddField(asset.path).AddField(asset.bytes);
    if (asset.path == shell_path) shell = &asset;
  }
  if (shell == nullptr) {
    throw std::invalid_argument("web: no shell " + std::string(shell_path) + " among the assets");
  }
  if (shell->bytes.find(kPrefixPlaceholder) == std::string_view::npos) {
    throw std::invalid_argument("web: the shell never names " + std::string(kPrefixPlaceholder));
  }
  const auto build_digest = build.Finish();
  build_hash_ = base::ToHex(std::span(build_digest).first(kBuildHashBytes));
  prefix_ = "/static/" + build_hash_;

  for (const EmbeddedAsset& asset : assets) {
    if (&asset == shell) continue;
    Asset entry{prefix_ + std::string(asset.path), asset.content_type,
                Representation{asset.bytes, EntityTag(asset.bytes)}, std::nullopt};
    if (!asset.gzip.empty()) entry.gzip = Representation{asset.gzip, EntityTag(asset.gzip)};
    assets_.push_back(std::move(entry));
  }
  std::sort(assets_.begin(), assets_.end(),
            [](const Asset& a, const Asset& b) { return a.path < b.path; });

  // Once, here: the shell is small (about 1 KB), so it is sent uncompressed rather than
  // compressed at run time.
  shell_body_ = ReplaceAll(shell->bytes, kPrefixPlaceholder, prefix_);
  shell_etag_ = EntityTag(shell_body_);
  shell_content_type_ = shell->content_type;
}

std::vector<std::string> StaticSite::AssetPaths() const {
  std::vector<std::string> paths;
  paths.reserve(assets_.size());
  for (const Asset& asset : assets_) paths.push_back(asset.path);
  return paths;
}

const StaticSite::Asset* StaticSite::FindAsset(std::string_view path) const {
  const auto it = std::lower_bound(assets_.begin(), assets_.end(), path,
                                   [](const Asset& a, std::string_view p) { return a.path < p; });
  return it != assets_.end() && it->path == path ? &*it : nullptr;
}

bool StaticSite::Serves(std::string_view path) const {
  return ServesShell(path) || FindAsset(path) != nullptr;
}

net::HttpResponse StaticSite::Serve(const net::HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    net::HttpResponse response =
        Plain(405, "méthode non permise / method not allowed\n", request.tls);
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  if (ServesShell(request.path)) return ServeShell(request);
  if (const Asset* asset = FindAsset(request.path)) {
    return Answer(request, asset->content_type, asset->identity,
                  asset->gzip ? &*asset->gzip : nullptr, kImmutable);
  }
  return Plain(404, "page introuvable / page not found\n", request.tls);
}

net::HttpResponse StaticSite::ServeShell(const net::HttpRequest& request, int status) const {
  const Representation shell{shell_body_, shell_etag_};
  if (status == 200) return Answer(request, shell_content_type_, shell, nullptr, kRevalidate);
  // A refusal is not the page: never stored, never revalidated (no ETag, no 304).
  net::HttpResponse response =
      Answer(request, shell_content_type_, shell, nullptr, "no-store", /*conditional=*/false);
  response.status = status;
  std::erase_if(response.headers, [](const auto& header) { return header.first == "ETag"; });
  return response;
}

net::HttpResponse StaticSite::Answer(const net::HttpRequest& request, std::string_view content_type,
                                     const Representation& identity, const Representation* gzip,
                                     std::string_view cache_control, bool conditional) const {
  const std::string* accept_encoding = request.Header("accept-encoding");
  const bool send_gzip =
      gzip != nullptr && accept_encoding != nullptr && AcceptsGzip(*accept_encoding);
  const Representation& chosen = send_gzip ? *gzip : identity;

  net::HttpResponse response;
  response.content_type = std::string(content_type);
  response.headers.emplace_back("ETag", chosen.etag);
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  // Caches must key on Accept-Encoding only where there are two forms.
  if (gzip != nullptr) response.headers.emplace_back("Vary", "Accept-Encoding");
  if (send_gzip) response.headers.emplace_back("Content-Encoding", "gzip");
  AddSecurityHeaders(response, request.tls);

  const std::string* if_none_match = request.Header("if-none-match");
  if (conditional && if_none_match != nullptr && IfNoneMatchHits(*if_none_match, chosen.etag)) {
    response.status = 304;
    return response;
  }
  if (request.method == "HEAD") {
    response.headers.emplace_back("Content-Length", std::to_string(chosen.bytes.size()));
    return response;
  }
  response.body = std::string(chosen.bytes);
  return response;
}

}  // namespace minegate::server::web
