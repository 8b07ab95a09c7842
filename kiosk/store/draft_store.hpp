// The one registration being filled in, so that a kiosk restart (power cut,
// crash) does not make the agent start again. Its person token is fixed when
// the draft starts, so a bracelet written just before a crash still names the
// same person when the registration is completed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::store {

struct StoredDraft {
  v1::RegistrationDraft draft;
  std::string person_token;
  std::int64_t updated_at_ms = 0;
};

class DraftStore {
 public:
  explicit DraftStore(db::Connection& connection) : connection_(connection) {}

  db::Result<void> Save(const v1::RegistrationDraft& draft, const std::string& person_token,
                        std::int64_t now_ms);
  db::Result<std::optional<StoredDraft>> Load();
  /// Deletes the draft. Outside a transaction, also empties the write-ahead log
  /// (db::TruncateWal), so the draft's earlier versions leave it; inside one,
  /// the caller does so after its commit.
  db::Result<void> Delete();

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
