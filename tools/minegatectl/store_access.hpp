#pragma once
/// How commands reach the server's state: the database DATA_DIR/minegate.db, opened with the
/// server's own OpenStore (same settings, migrations applied), and the sealing keys.

#include <filesystem>
#include <optional>

#include "db/connection.hpp"
#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

std::filesystem::path DatabasePath(const std::filesystem::path& data_dir);

/// Opens the database of an initialised data directory. Reports and returns nullopt when the
/// directory was never initialised (rather than creating an empty database somewhere wrong) or
/// the database cannot be opened.
std::optional<db::Connection> OpenInitialisedStore(const CtlContext& context);

/// Creates the data directory with mode 0700 (personal data lives here), or checks an existing
/// one (warning when others may enter it); false after reporting a failure.
bool PrepareDataDir(const CtlContext& context);

}  // namespace minegate::ctl
