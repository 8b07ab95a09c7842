#pragma once
/// A streamed API answer (ApiReply::stream) as the network layer's BodyProducer: each piece is
/// produced on a database worker, one at a time, asked for only once the previous one is
/// written; and the export's audit entry is written when the stream ends, with the rows sent.
/// A complete export's entry (`ok`, every row) is durable before the terminating chunk leaves:
/// a client holding a whole export is holding an audited one. A stream cut after its first
/// byte writes its entry at the end with the rows of the pieces handed to the connection and
/// an outcome saying how it ended (docs/audit.md §6). Either entry names the persons of the rows
/// it counts when the export is person-level (ApiStream::NamePersons).
///
/// Threading: Next() and End() come from the connection's I/O thread, a piece's production
/// from a worker; the network layer never overlaps them (End comes after the last piece).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "db/worker_pool.hpp"
#include "server/api/api_call.hpp"
#include "server/audit/audit_writer.hpp"
#include "server/net/http_types.hpp"

namespace minegate::server::gateway {

class StreamedAnswer final : public net::BodyProducer,
                             public std::enable_shared_from_this<StreamedAnswer> {
 public:
  /// `entry` is the request's audit entry, its fields but the outcome filled in. `more`: what
  /// the first piece's Next() said; `first_piece_sent`: that piece was not empty (the network
  /// layer counts only pieces with bytes). `workers` and `audit_writer` outlive the stream.
  StreamedAnswer(db::WorkerPool& workers, audit::AuditWriter& audit_writer, audit::AuditEntry entry,
                 std::shared_ptr<api::ApiStream> stream, bool more, bool first_piece_sent);

  void Next(net::PieceReady ready) override;
  void End(net::StreamEnd end, std::uint64_t pieces_sent) override;

  /// The outcome written for a stream cut after its first byte: `error:stream_<end>`
  /// (error:stream_failed, error:stream_client_gone, error:stream_timed_out,
  /// error:stream_stopping).
  static std::string CutOutcome(net::StreamEnd end);

 private:
  void Produce(db::Connection& connection, const net::PieceReady& ready);
  /// The source is exhausted: the entry with every row, then (once durable) the last piece.
  void Finish(std::string piece, const net::PieceReady& ready);
  /// A person-level export's entry names the persons of the rows it counts.
  void NamePersons(audit::AuditEntry& entry) const;

  db::WorkerPool& workers_;
  audit::AuditWriter& audit_writer_;
  audit::AuditEntry entry_;
  std::shared_ptr<api::ApiStream> stream_;
  bool more_;
  bool audited_ = false;  ///< the complete export's entry is durable
  /// The stream's units() after each piece with bytes: the rows sent, once End() says how
  /// many pieces left. One number per piece (8 bytes per 256 KiB).
  std::vector<std::int64_t> units_after_piece_;
};

}  // namespace minegate::server::gateway
