#include "server/admin/device_activity.hpp"

#include "db/query.hpp"

namespace minegate::server::admin {

Result<std::map<std::string, DeviceActivity>> DeviceActivityReader::All() {
  struct Row {
    std::string device_id;
    DeviceActivity activity;
  };
  auto rows = db::QueryAll(
      connection_,
      "SELECT s.device_id, s.event_count, s.highest_seq, s.contiguous_seq, s.last_event_at_ms, "
      "  COALESCE((SELECT sum(g.last_missing - g.first_missing + 1) FROM device_gaps g "
      "            WHERE g.device_id = s.device_id), 0) "
      "FROM device_sync s",
      [](const db::Statement& row) {
        Row read;
        read.device_id = row.ColumnText(0);
        read.activity.events_received = row.ColumnInt64(1);
        read.activity.highest_seq = row.ColumnInt64(2);
        read.activity.contiguous_seq = row.ColumnInt64(3);
        read.activity.last_event_at_ms = row.ColumnInt64(4);
        read.activity.missing_events = row.ColumnInt64(5);
        return read;
      });
  if (!rows) return rows.error();
  std::map<std::string, DeviceActivity> activity;
  for (Row& row : rows.value()) activity.emplace(std::move(row.device_id), row.activity);
  return activity;
}

}  // namespace minegate::server::admin
