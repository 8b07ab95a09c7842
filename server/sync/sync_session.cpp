#include "server/sync/sync_session.hpp"

#include <sodium.h>

#include <algorithm>

#include "proto/auth/device_auth.hpp"
#include "server/sync/miner_card_holder.hpp"
#include "server/sync/police_history.hpp"
#include "server/sync/registry_view.hpp"

namespace minegate::server {
namespace {

constexpr std::size_t kNonceSize = 32;

/// The one shape of every Error frame the server sends.
v1::ServerFrame ErrorFrame(v1::ErrorCode code, const std::string& fr, const std::string& en,
                           std::uint64_t device_seq) {
  v1::ServerFrame frame;
  auto* error = frame.mutable_error();
  error->set_code(code);
  error->mutable_message()->set_fr(fr);
  error->mutable_message()->set_en(en);
  error->set_device_seq(device_seq);
  return frame;
}

/// An Error frame from an error code whose message is "français / English".
v1::ServerFrame ErrorFrame(const boost::system::error_code& ec, std::uint64_t device_seq) {
  const std::string text = ec.message();
  const auto split = text.find(" / ");
  return ErrorFrame(ToSyncErrorCode(ec), text.substr(0, split),
                    split == std::string::npos ? text : text.substr(split + 3), device_seq);
}

}  // namespace

SyncSession::SyncSession(const SyncContext& context, std::shared_ptr<SyncPeer> peer)
    : context_(context), peer_(std::move(peer)) {}

void SyncSession::OnOpen() {
  std::lock_guard lock(mutex_);
  opened_at_ms_ = context_.now_ms();
  nonce_.resize(kNonceSize);
  randombytes_buf(nonce_.data(), nonce_.size());
  v1::ServerFrame frame;
  frame.mutable_challenge()->set_nonce(nonce_);
  frame.mutable_challenge()->set_server_time_ms(context_.now_ms());
  peer_->Send(frame);
}

void SyncSession::CloseIfNoHelloInTime() {
  std::lock_guard lock(mutex_);
  if (state_ != State::kAwaitingHello || opened_at_ms_ == 0) return;
  if (context_.now_ms() - opened_at_ms_ < kHelloTimeoutMs) return;
  Refuse(v1::ERROR_CODE_TIMEOUT, "pas de Hello valide dans le délai", "no valid Hello in time", 0,
         true);
}

void SyncSession::Refuse(v1::ErrorCode code, const std::string& fr, const std::string& en,
                         std::uint64_t device_seq, bool close) {
  if (context_.observer.on_refused) context_.observer.on_refused(code);
  peer_->Send(ErrorFrame(code, fr, en, device_seq));
  if (close) {
    state_ = State::kClosed;
    peer_->Close();
  }
}

bool SyncSession::RequireReady(const std::string& fr, const std::string& en) {
  if (state_ == State::kReady) return true;
  Refuse(v1::ERROR_CODE_PROTOCOL_VIOLATION, fr, en, 0, true);
  return false;
}

bool SyncSession::OnBinary(std::string_view message) {
  std::lock_guard lock(mutex_);
  if (state_ == State::kClosed) return false;
  v1::KioskFrame frame;
  if (!frame.ParseFromArray(message.data(), static_cast<int>(message.size())) ||
      frame.frame_case() == v1::KioskFrame::FRAME_NOT_SET) {
    Refuse(v1::ERROR_CODE_MALFORMED_FRAME, "trame illisible", "unparsable frame", 0, true);
    return false;
  }
  switch (frame.frame_case()) {
    case v1::KioskFrame::kHello:
      if (state_ != State::kAwaitingHello) {
        Refuse(v1::ERROR_CODE_PROTOCOL_VIOLATION, "second bonjour", "second hello", 0, true);
        return false;
      }
      HandleHello(frame.hello());
      return state_ == State::kReady;
    case v1::KioskFrame::kBatch:
      if (!RequireReady("événements avant le bonjour", "events before hello")) return false;
      return HandleBatch(*frame.mutable_batch());
    case v1::KioskFrame::kHeartbeat:
      return RequireReady("signal de vie avant le bonjour", "heartbeat before hello");
    case v1::KioskFrame::kPoliceHistoryRequest:
      if (!RequireReady("demande de police avant le bonjour", "police request before hello")) {
        return false;
      }
      HandlePoliceHistory(frame.police_history_request());
      return true;
    case v1::KioskFrame::kMinerCardHolderRequest:
      if (!RequireReady("demande de carte avant le bonjour", "card request before hello")) {
        return false;
      }
      HandleMinerCardHolder(frame.miner_card_holder_request());
      return true;
    case v1::KioskFrame::FRAME_NOT_SET:
      break;
  }
  return false;
}

void SyncSession::OnText() {
  std::lock_guard lock(mutex_);
  Refuse(v1::ERROR_CODE_TEXT_FRAME, "trame texte refusée : binaire seulement",
         "text frame refused: binary only", 0, true);
}

void SyncSession::OnClosed() {
  std::lock_guard lock(mutex_);
  state_ = State::kClosed;
  closed_ = true;
}

void SyncSession::HandleHello(const v1::Hello& hello) {
  auto found = context_.registry->FindDevice(hello.device_id());
  if (!found) {
    Refuse(v1::ERROR_CODE_SERVER_BUSY, "registre indisponible", "registry unavailable", 0, true);
    return;
  }
  if (!found.value() || !found.value()->enrolled) {
    Refuse(v1::ERROR_CODE_UNKNOWN_DEVICE, "appareil inconnu ou non enrôlé",
           "unknown or unenrolled device", 0, true);
    return;
  }
  const DeviceRecord& device = *found.value();
  if (device.revoked_at_ms) {
    Refuse(v1::ERROR_CODE_DEVICE_REVOKED, "appareil révoqué", "device revoked", 0, true);
    return;
  }
  if (!auth::VerifySignature(device.public_key, auth::HelloSignedBytes(nonce_, hello.device_id()),
                             hello.signature())) {
    Refuse(v1::ERROR_CODE_BAD_SIGNATURE, "signature du bonjour invalide", "hello signature invalid",
           0, true);
    return;
  }
  auto sync = context_.registry->SyncState(device.device_id);
  if (!sync) {
    Refuse(v1::ERROR_CODE_SERVER_BUSY, "registre indisponible", "registry unavailable", 0, true);
    return;
  }
  device_ = device;
  known_ = {hello.trust_list_version(), hello.revoked_bracelets_version(), hello.alerts_version(),
            hello.census_campaigns_version(), hello.agent_roster_version()};
  state_ = State::kReady;
  if (context_.observer.on_authenticated) context_.observer.on_authenticated(device_.device_id);

  v1::ServerFrame welcome;
  auto* w = welcome.mutable_welcome();
  w->set_acked_seq(sync.value().highest_seq);
  w->set_contiguous_seq(sync.value().contiguous_seq);
  w->set_server_time_ms(context_.now_ms());
  w->set_sealing_public_key(context_.sealing_public_key);
  w->set_sealing_key_id(context_.sealing_key_id);
  peer_->Send(welcome);
  SendDownstream();
}

bool SyncSession::HandleBatch(v1::EventBatch& batch) {
  std::vector<v1::Event> events(std::make_move_iterator(batch.mutable_events()->begin()),
                                std::make_move_iterator(batch.mutable_events()->end()));
  DeviceContext device{device_.device_id, device_.site_id, device_.public_key};
  const std::int64_t now = context_.now_ms();
  // Stage 1 here, without the database; stage 2 (gates, agents, campaigns, miners' cards)
  // on the writer thread, just before the batch is stored (event_validator.hpp).
  if (auto refusal = ValidateBatch(events, device, context_.open_sealed, now)) {
    // The batch is refused whole; the connection stays up so the kiosk can say why.
    // The refusal goes through the writer's queue so that it reaches the kiosk
    // after the Acks of the batches sent before it (docs/protocol.md §4).
    const v1::ErrorCode code = ToSyncErrorCode(refusal->code);
    if (context_.observer.on_refused) context_.observer.on_refused(code);
    const v1::ServerFrame frame =
        ErrorFrame(code, refusal->detail_fr, refusal->detail_en, refusal->device_seq);
    context_.writer->SubmitJob([self = shared_from_this(), frame](db::Connection&) {
      if (!self->closed_) self->peer_->Send(frame);
    });
    return true;
  }
  const std::size_t count = events.size();
  const std::uint64_t first_seq = events.front().device_seq();
  // Written by the check on the writer thread, read by the completion on the same thread.
  auto refused = std::make_shared<std::optional<Refusal>>();
  IncomingBatch incoming{device_.device_id, std::move(events), now, {}};
  incoming.check = [device, refused, now](db::Connection& connection,
                                          const std::vector<v1::Event>& stored) {
    WriterRegistryView registry(connection);
    *refused = CheckAgainstRegistry(stored, device, registry, now);
    if (*refused) return IngestResult<void>((*refused)->code);
    return IngestResult<void>(boost::outcome_v2::success());
  };
  ++in_flight_;
  context_.writer->Submit(std::move(incoming), [self = shared_from_this(), count, first_seq,
                                                refused](IngestResult<BatchOutcome> outcome) {
    // On the writer thread, after the commit returned.
    const bool was_full = self->in_flight_-- >= kMaxInFlight;
    if (self->closed_) return;
    if (outcome) {
      v1::ServerFrame frame;
      frame.mutable_ack()->set_acked_seq(outcome.value().acked_seq);
      frame.mutable_ack()->set_duplicates(outcome.value().duplicates);
      self->peer_->Send(frame);
      if (self->context_.observer.on_acknowledged) {
        self->context_.observer.on_acknowledged(count);
      }
    } else {
      const v1::ErrorCode code = ToSyncErrorCode(outcome.error());
      if (self->context_.observer.on_refused) self->context_.observer.on_refused(code);
      // A registry refusal names its event and field; otherwise first_seq names the batch.
      self->peer_->Send(*refused && (*refused)->code == outcome.error()
                            ? ErrorFrame(code, (*refused)->detail_fr, (*refused)->detail_en,
                                         (*refused)->device_seq)
                            : ErrorFrame(outcome.error(), first_seq));
    }
    if (was_full) self->peer_->ResumeReading();
  });
  return in_flight_ < kMaxInFlight;
}

void SyncSession::AnswerOnWriter(
    const std::function<void(v1::ServerFrame&)>& busy_fill,
    std::function<void(db::Connection&, v1::ServerFrame&)> answer_fill) {
  // One at a time: a kiosk waits for its answer (it has one screen), so a second one in flight
  // is a kiosk misbehaving, and a queue of reads must not grow on the writer.
  if (kiosk_request_in_flight_.exchange(true)) {
    v1::ServerFrame frame;
    busy_fill(frame);
    peer_->Send(frame);
    return;
  }
  // The check, the read and its audit entry commit together on the writer thread, which owns
  // the writes; the answer goes out from there (the peer's Send is thread-safe).
  context_.writer->SubmitJob([self = shared_from_this(),
                              answer_fill = std::move(answer_fill)](db::Connection& connection) {
    v1::ServerFrame frame;
    answer_fill(connection, frame);
    self->kiosk_request_in_flight_ = false;
    if (!self->closed_) self->peer_->Send(frame);
  });
}

void SyncSession::HandlePoliceHistory(const v1::PoliceHistoryRequest& request) {
  AnswerOnWriter(
      [&request](v1::ServerFrame& frame) {
        frame.mutable_police_history()->set_request_id(request.request_id());
        frame.mutable_police_history()->set_outcome(v1::POLICE_HISTORY_OUTCOME_SERVER_BUSY);
      },
      [device_id = device_.device_id, request, now = context_.now_ms()](db::Connection& connection,
                                                                        v1::ServerFrame& frame) {
        *frame.mutable_police_history() = AnswerPoliceHistory(connection, device_id, request, now);
      });
}

void SyncSession::HandleMinerCardHolder(const v1::MinerCardHolderRequest& request) {
  AnswerOnWriter(
      [&request](v1::ServerFrame& frame) {
        frame.mutable_miner_card_holder()->set_request_id(request.request_id());
        frame.mutable_miner_card_holder()->set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_SERVER_BUSY);
      },
      [device_id = device_.device_id, request, now = context_.now_ms()](db::Connection& connection,
                                                                        v1::ServerFrame& frame) {
        *frame.mutable_miner_card_holder() =
            AnswerMinerCardHolder(connection, device_id, request, now);
      });
}

void SyncSession::SendDownstream() {
  auto current = context_.registry->Versions();
  if (!current) return;
  if (current.value().trust_list != known_.trust_list) {
    if (auto update = context_.registry->TrustListSince(known_.trust_list)) {
      v1::ServerFrame frame;
      *frame.mutable_trust_list() = update.value();
      peer_->Send(frame);
      known_.trust_list = update.value().version();
    }
  }
  if (current.value().revoked_bracelets != known_.revoked_bracelets) {
    if (auto update = context_.registry->RevokedBraceletsSince(known_.revoked_bracelets)) {
      v1::ServerFrame frame;
      *frame.mutable_revoked_bracelets() = update.value();
      peer_->Send(frame);
      known_.revoked_bracelets = update.value().version();
    }
  }
  if (current.value().alerts != known_.alerts) {
    if (auto update = context_.registry->AlertsSince(known_.alerts)) {
      v1::ServerFrame frame;
      *frame.mutable_alerts() = update.value();
      peer_->Send(frame);
      known_.alerts = update.value().version();
    }
  }
  // The roster and the campaigns are always sent whole: "differs" (not "newer") also covers a
  // kiosk ahead of a server restored from backup.
  if (current.value().agent_roster != known_.agent_roster) {
    if (auto roster = context_.registry->AgentRosterFor(device_.site_id)) {
      v1::ServerFrame frame;
      *frame.mutable_agent_roster() = roster.value();
      peer_->Send(frame);
      known_.agent_roster = roster.value().version();
    }
  }
  if (current.value().census_campaigns != known_.census_campaigns) {
    if (auto campaigns =
            context_.registry->CensusCampaignsFor(device_.site_id, context_.now_ms())) {
      v1::ServerFrame frame;
      *frame.mutable_census_campaigns() = campaigns.value();
      peer_->Send(frame);
      known_.census_campaigns = campaigns.value().version();
    }
  }
}

void SyncSession::RefreshDownstream() {
  std::lock_guard lock(mutex_);
  if (state_ != State::kReady) return;
  auto found = context_.registry->FindDevice(device_.device_id);
  if (found && (!found.value() || found.value()->revoked_at_ms)) {
    Refuse(v1::ERROR_CODE_DEVICE_REVOKED, "appareil révoqué", "device revoked", 0, true);
    return;
  }
  SendDownstream();
}

}  // namespace minegate::server
