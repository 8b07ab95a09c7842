#include "tools/minegatectl/store_access.hpp"

#include <sys/stat.h>

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

bool PrepareDataDir(const CtlContext& context) {
  const std::filesystem::path& dir = context.data_dir;
  std::error_code error;
  if (std::filesystem::exists(dir, error)) {
    if (!std::filesystem::is_directory(dir, error)) {
      Refused(context, dir.string() + " n'est pas un répertoire / is not a directory");
      return false;
    }
    struct stat status {};
    if (::stat(dir.c_str(), &status) == 0 && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      context.err << "attention / warning: " << dir.string()
                  << " est accessible à d'autres utilisateurs (chmod 700 conseillé) / "
                     "is accessible to other users (chmod 700 advised)\n";
    }
    return true;
  }
  std::filesystem::create_directories(dir, error);
  if (error || ::chmod(dir.c_str(), 0700) != 0) {
    Refused(context, "impossible de créer / cannot create " + dir.string() + ": " +
                         (error ? error.message() : std::string("chmod")));
    return false;
  }
  context.out << "répertoire de données créé / data directory created: " << dir.string()
              << " (0700)\n";
  return true;
}

}  // namespace minegate::ctl
