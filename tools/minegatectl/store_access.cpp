#include "tools/minegatectl/store_access.hpp"

#include <string>
#include <system_error>

#include "server/store/open_store.hpp"

namespace minegate::ctl {

std::filesystem::path DatabasePath(const std::filesystem::path& data_dir) {
  return data_dir / "minegate.db";
}

std::optional<db::Connection> OpenInitialisedStore(const CtlContext& context) {
  const std::filesystem::path path = DatabasePath(context.data_dir);
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    Refused(context, "pas de base de données dans " + context.data_dir.string() +
                         " : lancez « minegatectl init » ou indiquez --data-dir / "
                         "no database in " +
                         context.data_dir.string() + ": run `minegatectl init` or give --data-dir");
    return std::nullopt;
  }
  auto connection = server::OpenStore(path);
  if (!connection) {
    Refused(context, path.string() + ": " + connection.error().message());
    return std::nullopt;
  }
  return std::move(connection).value();
}

}  // namespace minegate::ctl
