#pragma once
/// The kiosk's page (HTML, CSS, JavaScript, message catalogues), compiled into the binary by
/// minegate_embed_files (tools/cmake/MinegateEmbedFiles.cmake): the kiosk box serves only what
/// it was built with and never reads the page from its disk.

#include <span>
#include <string_view>

namespace minegate::kiosk::ui {

/// One file of the page. Views into static storage: valid for the whole program.
struct StaticFile {
  /// The URL path it is served at: "/index.html", "/app.js", "/i18n/fr.json".
  std::string_view path;
  /// By extension: "text/html; charset=utf-8", "text/javascript; charset=utf-8", "image/png"...
  std::string_view content_type;
  std::string_view bytes;
};

/// Every file of kiosk/ui/static as it was at build time, sorted by path.
std::span<const StaticFile> StaticFiles();

/// The file served at `path`, or nullptr.
const StaticFile* FindStaticFile(std::span<const StaticFile> files, std::string_view path);

}  // namespace minegate::kiosk::ui
