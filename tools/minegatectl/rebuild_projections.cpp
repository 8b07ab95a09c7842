#include "tools/minegatectl/rebuild_projections.hpp"

#include <chrono>
#include <utility>

#include "server/audit/audit_entry.hpp"
#include "server/ingest/projector.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"

namespace minegate::ctl {

int RunRebuildProjections(const CtlContext& context) {
  bool bad = false;
  const auto chunk = IntegerOption(context, "chunk", 100, 1'000'000, bad);
  if (bad) return kExitUsage;
  auto connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;

  const auto started = std::chrono::steady_clock::now();
  auto rebuilt = server::Projector::Rebuild(
      *connection, chunk.value_or(10'000), [&](std::int64_t done, std::int64_t total) {
        const auto percent = total == 0 ? 100 : done * 100 / total;
        context.out << "\r" << done << " / " << total << " événements / events (" << percent
                    << " %)" << std::flush;
      });
  context.out << '\n';
  // Many transactions, so no single one to join: the entry follows, saying how it ended.
  server::audit::AuditEntry entry = CommandEntry(context);
  if (!rebuilt) entry.outcome = server::audit::OutcomeOf("error", rebuilt.error());
  RecordEntry(context, *connection, std::move(entry));
  if (!rebuilt) return Refused(context, rebuilt.error());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  context.out << "projections reconstruites : " << rebuilt.value()
              << " événements rejoués / projections rebuilt: " << rebuilt.value()
              << " events replayed (" << seconds << " s)\n";
  return kExitOk;
}

}  // namespace minegate::ctl
