// tests/unit/server_web/fixture, embedded with GZIP like server/web/assets: a shell, a
// compressible module and style sheet, a catalogue in a sub-folder, a file too small to gain
// from gzip and an incompressible one.
#pragma once

#include <span>

#include "server/web/embedded_asset.hpp"

namespace minegate::test::web {

std::span<const server::web::EmbeddedAsset> FixtureAssets();

}  // namespace minegate::test::web
