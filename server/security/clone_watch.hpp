#pragma once
/// Suspected clones, found as taps are stored (an ingest EventObserver, inside the writer's
/// transaction): a bracelet accepted (VERIFICATION_VALID) at two located sites farther apart than
/// the plausible speed allows in the time between the two taps is recorded as a security event
/// (security_events.hpp), one open event per tag and pair of sites.
///
/// Each valid tap is compared with every valid tap of the same tag at another located site close
/// enough in time to be implausible — before it and after it in the kiosks' time, whatever order
/// they arrived in. So the pairs of sites reported for a tag depend on the taps, not on which
/// kiosk synced first (a kiosk catching up weeks of backlog sends old taps last). The window is
/// bounded: no pair further apart in time than the farthest located site allows at the speed can
/// be implausible, which for the region's sites is a few hours.
/// Threading: the writer thread, on the writer's connection.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "server/ingest/event_observer.hpp"
#include "server/security/site_locations.hpp"
#include "server/security/travel_rule.hpp"

namespace minegate::server::security {

class CloneWatch final : public EventObserver {
 public:
  /// `clock` dates what it records (detected_at_ms).
  static db::Result<std::unique_ptr<CloneWatch>> Create(db::Connection& connection,
                                                        base::Clock clock = base::NowMs);

  db::Result<void> OnStored(std::int64_t log_position, const v1::Event& event) override;
  db::Result<void> OnBatchStored() override;
  void OnBatchAbandoned() override;

 private:
  /// What one batch is judged with, read at its first valid tap.
  struct BatchView {
    SiteLocations sites;
    TravelRule rule;
    /// The search window of each site seen in the batch (a batch comes from one kiosk: one
    /// site, whose farthest located site is measured once rather than at every tap).
    std::map<std::int64_t, std::int64_t> window_ms;
  };
  /// One tap of the tag, as the passages projection holds it.
  struct Tap {
    std::int64_t site_id = 0;
    std::int64_t gate_id = 0;
    std::int64_t at_ms = 0;
    std::int64_t log_position = 0;
  };

  CloneWatch(db::Connection& connection, base::Clock clock)
      : connection_(connection), clock_(std::move(clock)) {}
  db::Result<void> Prepare();
  db::Result<BatchView*> View();
  /// Records the pair unless the tag and pair of sites already have an open or revoked event,
  /// or one dismissed after both taps.
  db::Result<void> Record(const std::string& tag_uid, Tap a, Tap b, double distance_km,
                          std::int32_t max_speed_kmh);

  db::Connection& connection_;
  base::Clock clock_;
  std::optional<BatchView> view_;
  std::int64_t recorded_in_batch_ = 0;
  std::optional<db::Statement> speed_;
  std::optional<db::Statement> nearby_taps_;
  std::optional<db::Statement> known_;
  std::optional<db::Statement> insert_;
};

/// For EventWriter::Open: a CloneWatch on the writer's connection.
EventObserverFactory CloneWatchFactory(base::Clock clock = base::NowMs);

}  // namespace minegate::server::security
