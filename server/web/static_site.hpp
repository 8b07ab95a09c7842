#pragma once
/// Answers GET and HEAD for the web application's embedded files, on plain structs (the net
/// layer converts): the HTML shell at every page path, the other files under a versioned prefix.
///
/// Caching: every file but the shell lives at /static/<build hash>/<path>, where the build hash
/// names every file's bytes, so a new build changes every asset URL and they can be cached for a
/// year as immutable (relative ES-module imports resolve inside the same prefix). The shell,
/// which names the prefix, is revalidated on every load (no-cache) against its ETag. Each
/// answer carries a strong ETag (a hash of the bytes sent), and If-None-Match gets a 304.
/// Files with a smaller gzip form (compressed at build time) are sent gzip-encoded when the
/// client accepts it, with Vary: Accept-Encoding. Everything carries SecurityHeaders().
///
/// Built once at start-up; then only read, from any thread, without a lock.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/http_types.hpp"
#include "server/web/embedded_asset.hpp"

namespace minegate::server::web {

class StaticSite {
 public:
  /// The text the shell writes where the versioned prefix goes ("{{static}}/app.js").
  static constexpr std::string_view kPrefixPlaceholder = "{{static}}";

  /// Hashes every file once. Throws std::invalid_argument (at start-up only) when `assets` has
  /// no `shell_path`, or the shell never names kPrefixPlaceholder.
  explicit StaticSite(std::span<const EmbeddedAsset> assets,
                      std::string_view shell_path = "/index.html");

  /// Hex, 20 characters: a hash of every file's path and bytes.
  const std::string& BuildHash() const { return build_hash_; }
  /// "/static/<build hash>", no trailing slash.
  const std::string& StaticPrefix() const { return prefix_; }
  /// Every path an asset is served at ("/static/<hash>/app.js"), sorted; the shell excluded.
  std::vector<std::string> AssetPaths() const;

  /// True when Serve() would answer `path` (before '?') with a file: a page path
  /// (ServesShell) or an asset path.
  bool Serves(std::string_view path) const;

  /// The answer to `request`: the shell for a page path, the asset for an asset path, 404 for
  /// any other path, 405 (Allow: GET, HEAD) for another method. A HEAD answer has no body and
  /// a Content-Length header giving the GET's length, which the net layer must keep.
  net::HttpResponse Serve(const net::HttpRequest& request) const;

  /// The shell with `status`, whatever the path: 403 when the role may not open the page's
  /// workspace (the page then shows its own refusal). A non-200 shell is not cacheable
  /// (Cache-Control: no-store, no ETag, no 304).
  net::HttpResponse ServeShell(const net::HttpRequest& request, int status = 200) const;

 private:
  struct Representation {
    std::string_view bytes;
    std::string etag;  ///< "\"<hex>\"": strong, the hash of `bytes`
  };
  struct Asset {
    std::string path;  ///< the versioned path served
    std::string_view content_type;
    Representation identity;
    std::optional<Representation> gzip;
  };

  net::HttpResponse Answer(const net::HttpRequest& request, std::string_view content_type,
                           const Representation& identity, const Representation* gzip,
                           std::string_view cache_control, bool conditional = true) const;
  const Asset* FindAsset(std::string_view path) const;

  std::string build_hash_;
  std::string prefix_;
  std::vector<Asset> assets_;  ///< sorted by path
  std::string shell_body_;     ///< the shell with the prefix written in
  std::string shell_etag_;
  std::string_view shell_content_type_;
};

}  // namespace minegate::server::web
