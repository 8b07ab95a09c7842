#pragma once
/// The web application's files (HTML shell, ES modules, styles, catalogues, icons), compiled into
/// minegate-server by minegate_embed_files(... GZIP) (tools/cmake/MinegateEmbedFiles.cmake): the
/// server serves only what it was built with, nothing is read from disk or fetched elsewhere,
/// and nothing is compressed at run time.

#include <span>
#include <string_view>

namespace minegate::server::web {

/// One file. Views into static storage: valid for the whole program.
struct EmbeddedAsset {
  /// Its path below the assets folder: "/index.html", "/app.js", "/i18n/fr.json".
  std::string_view path;
  /// By extension: "text/html; charset=utf-8", "text/javascript; charset=utf-8", "image/png"...
  std::string_view content_type;
  std::string_view bytes;
  /// The gzip form, compressed at build time; empty when it would not be smaller.
  std::string_view gzip;
};

/// Every file of server/web/assets as it was at build time, sorted by path.
std::span<const EmbeddedAsset> EmbeddedAssets();

}  // namespace minegate::server::web
