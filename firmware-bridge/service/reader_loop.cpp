#include "firmware-bridge/service/reader_loop.hpp"

#include <algorithm>
#include <random>

#include "base/clock.hpp"
#include "firmware-bridge/reader/error.hpp"
#include "firmware-bridge/reader/tag_access.hpp"
#include "firmware-bridge/service/credential_writer.hpp"
#include "firmware-bridge/service/tag_report.hpp"

namespace minegate::bridge {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kWatchdogPeriod{100};

/// Errors that mean the reader (not the tag) is gone or wedged. A timeout while identifying
/// or reading is the reader's: a tag that stops answering makes the PN532 itself reply with
/// an RF error status (tag_refused), whereas libnfc's NFC_ETIMEOUT means the chip did not
/// answer the host at all, as a hung PN532 does; reporting it as a tag without credential
/// would be false. (Presence checks still count a timeout as the tag leaving; the selection
/// that follows then times out too, and any failed selection reopens the reader.)
bool IsReaderFault(const boost::system::error_code& ec) {
  using reader::Errc;
  return ec == reader::make_error_code(Errc::io) || ec == reader::make_error_code(Errc::aborted) ||
         ec == reader::make_error_code(Errc::timeout) ||
         ec == reader::make_error_code(Errc::no_reader) ||
         ec == reader::make_error_code(Errc::chip) ||
         ec == reader::make_error_code(Errc::reader_error);
}

std::uint32_t Micros(std::chrono::nanoseconds duration) {
  return static_cast<std::uint32_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(duration).count());
}

}  // namespace

ReaderLoop::ReaderLoop(ReaderLoopOptions options, Publish publish)
    : options_(std::move(options)),
      publish_(std::move(publish)),
      backoff_(options_.backoff_min, options_.backoff_max, std::random_device{}()) {}

ReaderLoop::~ReaderLoop() { Stop(); }

void ReaderLoop::Start() {
  thread_ = std::thread([this] { Run(); });
  watchdog_ = std::thread([this] { RunWatchdog(); });
}

void ReaderLoop::Stop() {
  std::shared_ptr<reader::NfcReader> reader;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    reader = reader_;
  }
  wake_.notify_all();
  // A call blocked in libnfc (InAutoPoll, a dead link) returns once aborted.
  if (reader) reader->AbortIfOverdue(Clock::time_point::max());
  if (thread_.joinable()) thread_.join();
  if (watchdog_.joinable()) watchdog_.join();
}

void ReaderLoop::SubmitWrite(ClientId client, v1::WriteCredential request) {
  {
    std::lock_guard lock(mutex_);
    writes_.push_back({client, std::move(request)});
  }
  wake_.notify_all();
}

void ReaderLoop::RunWatchdog() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, kWatchdogPeriod);
    std::shared_ptr<reader::NfcReader> reader = reader_;
    lock.unlock();
    if (reader) reader->AbortIfOverdue(Clock::now());
    lock.lock();
  }
}

void ReaderLoop::Wait(std::chrono::milliseconds duration, bool wake_on_write) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, duration, [&] { return stop_ || (wake_on_write && !writes_.empty()); });
}

std::optional<ReaderLoop::PendingWrite> ReaderLoop::TakeWrite() {
  std::lock_guard lock(mutex_);
  if (writes_.empty()) return std::nullopt;
  PendingWrite write = std::move(writes_.front());
  writes_.pop_front();
  return write;
}

void ReaderLoop::PublishStatus(v1::ReaderState state, const boost::system::error_code& why,
                               std::chrono::milliseconds retry_in) {
  v1::BridgeMessage message;
  auto* status = message.mutable_reader_status();
  status->set_state(state);
  status->set_connstring(options_.connstring);
  if (state == v1::READER_STATE_READY && reader_) {
    status->set_device_name(reader_->name());
    status->set_firmware(reader_->firmware());
  }
  if (why) {
    // Category messages are "français / English".
    const std::string text = why.message();
    const auto split = text.find(" / ");
    status->mutable_detail()->set_fr(text.substr(0, split));
    status->mutable_detail()->set_en(split == std::string::npos ? text : text.substr(split + 3));
  }
  status->set_retry_in_ms(static_cast<std::uint32_t>(retry_in.count()));
  publish_(message, 0);
}

bool ReaderLoop::Connect() {
  auto opened = reader::NfcReader::Open(options_.connstring);
  if (!opened) {
    const auto retry_in = backoff_.Next();
    PublishStatus(v1::READER_STATE_DISCONNECTED, opened.error(), retry_in);
    AnswerWritesWithoutTag(v1::WRITE_OUTCOME_READER_UNAVAILABLE);
    Wait(retry_in, /*wake_on_write=*/false);
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    reader_ = std::shared_ptr<reader::NfcReader>(std::move(opened).value());
  }
  PublishStatus(v1::READER_STATE_READY, {}, std::chrono::milliseconds(0));
  return true;
}

void ReaderLoop::Disconnect(const boost::system::error_code& why) {
  if (present_) {
    PublishRemoved();
  }
  {
    std::lock_guard lock(mutex_);
    reader_.reset();
  }
  // Wait before reopening, and keep doubling the wait until the reader works
  // again: a reader that opens but then fails must not be reopened in a loop.
  const auto retry_in = backoff_.Next();
  PublishStatus(v1::READER_STATE_FAULT, why, retry_in);
  Wait(retry_in, /*wake_on_write=*/false);
}

void ReaderLoop::PublishRemoved() {
  v1::BridgeMessage removed;
  removed.mutable_tag_removed()->set_presentation_id(present_->presentation_id);
  removed.mutable_tag_removed()->set_uid(
      std::string(present_->target.uid.begin(), present_->target.uid.end()));
  present_.reset();
  publish_(removed, 0);
}

void ReaderLoop::AnswerWritesWithoutTag(v1::WriteOutcome outcome) {
  while (auto write = TakeWrite()) {
    v1::BridgeMessage message;
    auto* result = message.mutable_write_result();
    result->set_request_id(write->request.request_id());
    result->set_outcome(outcome);
    result->set_uid(write->request.expected_uid());
    if (outcome == v1::WRITE_OUTCOME_NO_TAG) {
      result->mutable_detail()->set_fr("aucune puce sur le lecteur");
      result->mutable_detail()->set_en("no tag on the reader");
    } else {
      result->mutable_detail()->set_fr("lecteur indisponible");
      result->mutable_detail()->set_en("reader unavailable");
    }
    publish_(message, write->client);
  }
}

void ReaderLoop::Run() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) break;
    }
    if (!reader_ && !Connect()) continue;

    AnswerWritesWithoutTag(v1::WRITE_OUTCOME_NO_TAG);
    const auto libnfc_before = reader_->libnfc_time();
    const auto selected_at = Clock::now();
    auto selected = reader_->SelectIso14443a();
    if (!selected) {
      Disconnect(selected.error());
      continue;
    }
    backoff_.Reset();  // the reader answered: it works again
    if (!selected.value()) {
      Wait(options_.poll_interval);
      continue;
    }
    if (OnTagSelected(std::move(*selected.value()), selected_at, libnfc_before)) {
      WatchPresentTag();
    }
  }
  std::lock_guard lock(mutex_);
  reader_.reset();
}

bool ReaderLoop::OnTagSelected(reader::Target target, Clock::time_point selected_at,
                               std::chrono::nanoseconds libnfc_before) {
  PresentTag tag;
  tag.target = std::move(target);
  tag.presentation_id = next_presentation_id_++;
  auto info = reader::IdentifyTag(*reader_, tag.target);
  reader::Result<std::vector<std::uint8_t>> message = reader::Errc::unsupported_tag;
  if (info) {
    tag.info = info.value();
    message = reader::ReadNdefMessage(*reader_, *tag.info);
  }
  const auto failure = !info      ? info.error()
                       : !message ? message.error()
                                  : boost::system::error_code();
  if (IsReaderFault(failure)) {
    Disconnect(failure);
    return false;
  }

  v1::BridgeMessage out;
  auto* presented = out.mutable_tag_presented();
  presented->set_presentation_id(tag.presentation_id);
  presented->set_detected_at_ms(base::NowMs());
  DescribeTag(tag.target, tag.info, message, *presented);
  presented->set_read_micros(Micros(Clock::now() - selected_at));
  presented->set_libnfc_micros(Micros(reader_->libnfc_time() - libnfc_before));
  present_ = std::move(tag);
  publish_(out, 0);
  return true;
}

bool ReaderLoop::WatchPresentTag() {
  while (present_) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return true;
    }
    while (auto write = TakeWrite()) HandleWrite(*write);
    Wait(options_.presence_interval);
    {
      std::lock_guard lock(mutex_);
      if (!writes_.empty() || stop_) continue;
    }
    auto present = reader_->TargetPresent();
    if (!present) {
      Disconnect(present.error());
      return false;
    }
    if (!present.value()) {
      reader_->Deselect();
      PublishRemoved();
    }
  }
  return true;
}

void ReaderLoop::HandleWrite(const PendingWrite& write) {
  v1::BridgeMessage message;
  if (!present_->info) {
    auto* result = message.mutable_write_result();
    result->set_request_id(write.request.request_id());
    result->set_outcome(v1::WRITE_OUTCOME_TOO_SMALL);
    result->set_uid(write.request.expected_uid());
    result->mutable_detail()->set_fr("type de puce non pris en charge");
    result->mutable_detail()->set_en("unsupported tag type");
  } else {
    *message.mutable_write_result() =
        WriteCredential(*reader_, present_->target, *present_->info, write.request);
  }
  publish_(message, write.client);
}

}  // namespace minegate::bridge
