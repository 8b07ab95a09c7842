// Choices made at the screen that must survive a restart: language, gate
// direction, the census campaign in use.
#pragma once

#include <optional>
#include <string>

#include "db/connection.hpp"

namespace minegate::kiosk::store {

class SettingsStore {
 public:
  explicit SettingsStore(db::Connection& connection) : connection_(connection) {}

  db::Result<std::optional<std::string>> Get(const std::string& key);
  db::Result<void> Set(const std::string& key, const std::string& value);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
