#pragma once
/// An administrator revokes a bracelet (minegatectl bracelet revoke): lost and
/// reported at the office, suspected clone seen in a report, person gone. The
/// revocation is kept in admin_bracelet_revocations (the projections are
/// rebuilt from the event log, and a rebuild applies these again) and applied
/// to the bracelet at once by the rule kiosks' revocations follow
/// (server/store/bracelet_revocation_rule.hpp), moving the 'revoked_bracelets'
/// version so every kiosk receives it. Threading: uses its connection, so it
/// belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kMaxRevocationNoteChars = 200;

/// "lost", "damaged", "suspected_clone", "left_region".
std::optional<v1::RevocationReason> ParseRevocationReason(std::string_view name);

/// Revokes the bracelet with this UID from now (from its issue if that is dated later).
/// Errc::bad_tag_uid, bad_revocation_reason, bad_note, unknown_bracelet,
/// bracelet_already_revoked. Returns the new 'revoked_bracelets' version.
Result<std::int64_t> RevokeBracelet(db::Connection& connection, std::span<const std::uint8_t> uid,
                                    v1::RevocationReason reason, std::string_view note,
                                    const base::Clock& clock = base::NowMs);

}  // namespace minegate::server::admin
