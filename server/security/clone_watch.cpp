#include "server/security/clone_watch.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

#include "base/log.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::security {
namespace {

using db::Blob;

/// True when `a` is the better evidence of the two: the shorter time between the taps (the
/// pair needing the higher speed at one distance), then the earlier stored.
bool Closer(std::int64_t elapsed_a, std::int64_t position_a, std::int64_t elapsed_b,
            std::int64_t position_b) {
  if (elapsed_a != elapsed_b) return elapsed_a < elapsed_b;
  return position_a < position_b;
}

}  // namespace

db::Result<std::unique_ptr<CloneWatch>> CloneWatch::Create(db::Connection& connection,
                                                           base::Clock clock) {
  std::unique_ptr<CloneWatch> watch(new CloneWatch(connection, std::move(clock)));
  if (auto prepared = watch->Prepare(); !prepared) return prepared.error();
  return watch;
}

db::Result<void> CloneWatch::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&speed_, "SELECT max_speed_kmh FROM security_settings WHERE id = 1"},
      // passages_by_tag (0010): the tag's taps within the window, this one excepted.
      {&nearby_taps_,
       "SELECT site_id, gate_id, occurred_at_ms, log_position FROM passages "
       "WHERE tag_uid = ?1 AND occurred_at_ms BETWEEN ?2 AND ?3 AND verification = ?4 "
       "AND site_id <> ?5 AND log_position <> ?6"},
      {&known_,
       "SELECT 1 FROM security_events WHERE tag_uid = ?1 "
       "AND min(first_site_id, second_site_id) = ?2 AND max(first_site_id, second_site_id) = ?3 "
       "AND (status IN ('open', 'revoked') OR (status = 'dismissed' AND resolved_at_ms >= ?4))"},
      // The open-pair index makes a second open event for the pair impossible even if two taps
      // of one batch find it at once.
      {&insert_,
       "INSERT INTO security_events (kind, tag_uid, first_site_id, first_gate_id, first_at_ms, "
       "first_log_position, second_site_id, second_gate_id, second_at_ms, second_log_position, "
       "distance_km, elapsed_ms, max_speed_kmh, detected_at_ms) "
       "VALUES ('suspected_clone', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
       "ON CONFLICT DO NOTHING"},
  };
  return db::PrepareAll(connection_, statements);
}

db::Result<CloneWatch::BatchView*> CloneWatch::View() {
  if (view_) return &*view_;
  auto sites = SiteLocations::Read(connection_);
  if (!sites) return sites.error();
  auto speed = db::ReadOne(*speed_, [](const db::Statement& row) { return row.ColumnInt64(0); });
  if (!speed) return speed.error();
  TravelRule rule;
  rule.max_speed_kmh = static_cast<std::int32_t>(speed.value());
  view_.emplace(BatchView{std::move(sites).value(), rule, {}});
  return &*view_;
}

db::Result<void> CloneWatch::OnStored(std::int64_t log_position, const v1::Event& event) {
  if (event.body_case() != v1::Event::kGatePassed) return db::Success();
  const v1::GatePassed& passed = event.gate_passed();
  // A refused bracelet proves nothing about where the genuine one is.
  if (passed.verification() != v1::VERIFICATION_VALID) return db::Success();
  auto view = View();
  if (!view) return view.error();
  const SiteLocations& sites = view.value()->sites;
  const TravelRule& rule = view.value()->rule;
  const std::optional<GeoPoint> here = sites.Find(event.site_id());
  if (!here) return db::Success();  // an unlocated site takes part in no check
  auto [known_window, first_time] = view.value()->window_ms.try_emplace(event.site_id(), 0);
  if (first_time) {
    known_window->second = ImplausibleWithinMs(rule, sites.FarthestFrom(event.site_id()));
  }
  const std::int64_t window = known_window->second;
  if (window < 0) return db::Success();

  const Tap tap{event.site_id(), event.gate_id(), event.occurred_at_ms(), log_position};
  auto bound =
      db::BindAll(*nearby_taps_, Blob(passed.tag_uid()), tap.at_ms - window, tap.at_ms + window,
                  static_cast<int>(v1::VERIFICATION_VALID), tap.site_id, log_position);
  if (!bound) return bound.error();
  auto nearby = db::ReadAll(*nearby_taps_, [](const db::Statement& row) {
    return Tap{row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnInt64(2), row.ColumnInt64(3)};
  });
  if (!nearby) return nearby.error();

  // The strongest implausible pair with each other site: one event per pair of sites.
  std::map<std::int64_t, std::pair<Tap, double>> strongest;
  for (const Tap& other : nearby.value()) {
    const std::optional<GeoPoint> there = sites.Find(other.site_id);
    if (!there) continue;
    const double distance = HaversineKm(*here, *there);
    const std::int64_t elapsed = std::llabs(tap.at_ms - other.at_ms);
    if (!IsImplausible(rule, distance, elapsed)) continue;
    const auto found = strongest.find(other.site_id);
    if (found == strongest.end() ||
        Closer(elapsed, other.log_position, std::llabs(tap.at_ms - found->second.first.at_ms),
               found->second.first.log_position)) {
      strongest[other.site_id] = {other, distance};
    }
  }
  for (const auto& [site_id, pair] : strongest) {
    if (auto recorded = Record(passed.tag_uid(), tap, pair.first, pair.second, rule.max_speed_kmh);
        !recorded) {
      return recorded.error();
    }
  }
  return db::Success();
}

db::Result<void> CloneWatch::Record(const std::string& tag_uid, Tap a, Tap b, double distance_km,
                                    std::int32_t max_speed_kmh) {
  // `first` is the earlier tap: the event reads as a journey from one site to the other.
  if (b.at_ms < a.at_ms || (b.at_ms == a.at_ms && b.log_position < a.log_position)) {
    std::swap(a, b);
  }
  auto bound = db::BindAll(*known_, Blob(tag_uid), std::min(a.site_id, b.site_id),
                           std::max(a.site_id, b.site_id), b.at_ms);
  if (!bound) return bound.error();
  auto known = db::HasRow(*known_);
  if (!known) return known.error();
  if (known.value()) return db::Success();
  bound = db::BindAll(*insert_, Blob(tag_uid), a.site_id, a.gate_id, a.at_ms, a.log_position,
                      b.site_id, b.gate_id, b.at_ms, b.log_position, distance_km, b.at_ms - a.at_ms,
                      static_cast<std::int64_t>(max_speed_kmh), clock_());
  if (!bound) return bound.error();
  if (auto inserted = insert_->Run(); !inserted) return inserted.error();
  recorded_in_batch_ += connection_.Changes();
  return db::Success();
}

db::Result<void> CloneWatch::OnBatchStored() {
  if (recorded_in_batch_ > 0) {
    // Logged once the batch is stored, before its group commits: if the commit fails the kiosk
    // sends the batch again, and it is judged (and logged) again.
    base::LogInfo("suspected_clones_recorded", {{"count", recorded_in_batch_}});
  }
  view_.reset();
  recorded_in_batch_ = 0;
  return db::Success();
}

void CloneWatch::OnBatchAbandoned() {
  view_.reset();
  recorded_in_batch_ = 0;
}

EventObserverFactory CloneWatchFactory(base::Clock clock) {
  return [clock = std::move(clock)](
             db::Connection& connection) -> db::Result<std::unique_ptr<EventObserver>> {
    auto watch = CloneWatch::Create(connection, clock);
    if (!watch) return watch.error();
    return std::unique_ptr<EventObserver>(std::move(watch).value());
  };
}

}  // namespace minegate::server::security
