#include "server/gateway/streamed_answer.hpp"

#include <algorithm>

#include "base/log.hpp"

namespace minegate::server::gateway {

StreamedAnswer::StreamedAnswer(db::WorkerPool& workers, audit::AuditWriter& audit_writer,
                               audit::AuditEntry entry, std::shared_ptr<api::ApiStream> stream,
                               bool more, bool first_piece_sent)
    : workers_(workers),
      audit_writer_(audit_writer),
      entry_(std::move(entry)),
      stream_(std::move(stream)),
      more_(more) {
  if (first_piece_sent) units_after_piece_.push_back(stream_->units());
}

std::string StreamedAnswer::CutOutcome(net::StreamEnd end) {
  return "error:stream_" + std::string(net::ToString(end));
}

void StreamedAnswer::NamePersons(audit::AuditEntry& entry) const {
  // The persons of the rows counted, as many as the entry can still hold.
  const std::size_t room = entry.person_tokens.size() < audit::kMaxListItems
                               ? audit::kMaxListItems - entry.person_tokens.size()
                               : 0;
  stream_->NamePersons(entry.result_count, room, entry.person_tokens);
}

void StreamedAnswer::Next(net::PieceReady ready) {
  if (!more_) return Finish(std::string(), ready);
  auto self = shared_from_this();
  const bool queued = workers_.Submit(
      [self, ready](db::Connection& connection) { self->Produce(connection, ready); });
  if (!queued) {
    // The workers' queue is full (or stopping): the export is cut rather than left waiting.
    base::LogWarning("export_piece_not_queued", {{"action", base::LogText(entry_.action)}});
    ready(std::string(), net::PieceStatus::kFailed);
  }
}

void StreamedAnswer::Produce(db::Connection& connection, const net::PieceReady& ready) {
  std::string piece;
  auto more = stream_->Next(connection, piece);
  if (!more) {
    base::LogError("export_piece_failed",
                   {{"action", base::LogText(entry_.action)}, {"error", more.error()}});
    return ready(std::string(), net::PieceStatus::kFailed);
  }
  if (!piece.empty()) units_after_piece_.push_back(stream_->units());
  more_ = more.value();
  if (!more_) return Finish(std::move(piece), ready);
  ready(std::move(piece), net::PieceStatus::kMore);
}

void StreamedAnswer::Finish(std::string piece, const net::PieceReady& ready) {
  audit::AuditEntry entry = entry_;
  entry.result_count = stream_->units();
  NamePersons(entry);
  entry.outcome = "ok";
  entry.http_status = 200;
  auto self = shared_from_this();
  audit_writer_.Append(std::move(entry), [self, ready, piece = std::move(piece)](
                                             base::Result<std::int64_t> seq) mutable {
    if (!seq) {
      // No audit, no complete export: the client sees the transfer cut.
      base::LogError("audit_append_failed", {{"error", seq.error()}});
      return ready(std::string(), net::PieceStatus::kFailed);
    }
    self->audited_ = true;
    ready(std::move(piece), net::PieceStatus::kLast);
  });
}

void StreamedAnswer::End(net::StreamEnd end, std::uint64_t pieces_sent) {
  // HEAD: the request's entry was written before its headers left. Complete: written above.
  if (end == net::StreamEnd::kNotSent || audited_) return;
  std::int64_t rows = 0;
  if (pieces_sent > 0 && !units_after_piece_.empty()) {
    const std::size_t index =
        std::min<std::size_t>(static_cast<std::size_t>(pieces_sent), units_after_piece_.size());
    rows = units_after_piece_[index - 1];
  }
  audit::AuditEntry entry = entry_;
  entry.result_count = rows;
  NamePersons(entry);
  entry.outcome = CutOutcome(end);
  entry.http_status = 200;  // what the client was told before the cut
  audit_writer_.Append(std::move(entry), [](base::Result<std::int64_t> seq) {
    if (!seq) base::LogError("audit_append_failed", {{"error", seq.error()}});
  });
}

}  // namespace minegate::server::gateway
