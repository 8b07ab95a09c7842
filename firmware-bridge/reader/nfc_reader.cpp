#include "firmware-bridge/reader/nfc_reader.hpp"

#include <nfc/nfc.h>

#include <algorithm>
#include <cstring>

namespace minegate::reader {
namespace {

using Clock = std::chrono::steady_clock;

/// Slack above a call's own timeout before the watchdog aborts it: libnfc adds
/// its own ACK and frame timeouts on top of the one we pass.
constexpr std::chrono::milliseconds kWatchdogSlack{1500};
/// Selection when the field is empty: libnfc waits up to 300 ms for the chip.
constexpr std::chrono::milliseconds kSelectTimeout{300};
constexpr std::chrono::milliseconds kPresenceTimeout{300};

std::int64_t ToNanos(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

/// "chip: PN532 v1.6" → "PN532 v1.6", from libnfc's device information text.
std::string ChipLine(nfc_device* device) {
  char* info = nullptr;
  if (nfc_device_get_information_about(device, &info) < 0 || info == nullptr) return {};
  std::string text(info);
  nfc_free(info);
  const auto at = text.find("chip: ");
  if (at == std::string::npos) return {};
  const auto end = text.find('\n', at);
  return text.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
}

}  // namespace

struct NfcReader::SelectedTarget {
  nfc_target target;
};

/// Brackets one libnfc call: publishes its deadline for the watchdog and adds
/// its duration to the libnfc time counter.
class NfcReader::Call {
 public:
  Call(NfcReader& reader, std::chrono::milliseconds timeout)
      : reader_(reader), start_(Clock::now()) {
    reader_.call_deadline_ns_.store(ToNanos(start_ + timeout + kWatchdogSlack));
  }
  ~Call() {
    reader_.call_deadline_ns_.store(0);
    reader_.libnfc_nanos_.fetch_add(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count(),
        std::memory_order_relaxed);
  }
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

 private:
  NfcReader& reader_;
  Clock::time_point start_;
};

NfcReader::NfcReader(nfc_context* context, nfc_device* device, std::string connstring)
    : context_(context), device_(device), connstring_(std::move(connstring)) {
  name_ = nfc_device_get_name(device_);
  firmware_ = ChipLine(device_);
}

Result<std::unique_ptr<NfcReader>> NfcReader::Open(const std::string& connstring) {
  if (connstring.empty() || connstring.size() >= NFC_BUFSIZE_CONNSTRING) return Errc::no_reader;
  nfc_context* context = nullptr;
  nfc_init(&context);
  if (context == nullptr) return Errc::reader_error;
  nfc_connstring name{};
  std::copy(connstring.begin(), connstring.end(), name);
  nfc_device* device = nfc_open(context, name);
  if (device == nullptr) {
    nfc_exit(context);
    return Errc::no_reader;
  }
  std::unique_ptr<NfcReader> reader(new NfcReader(context, device, connstring));
  const int init = nfc_initiator_init(device);
  if (init < 0) return FromLibnfc(init);
  // Bounded selection (never wait forever for a tag), no automatic field
  // toggling between polls, and ISO 14443-4 handled by the chip for DESFire.
  const struct {
    nfc_property property;
    bool value;
  } settings[] = {{NP_INFINITE_SELECT, false},
                  {NP_HANDLE_CRC, true},
                  {NP_HANDLE_PARITY, true},
                  {NP_AUTO_ISO14443_4, true},
                  {NP_EASY_FRAMING, true}};
  for (const auto& setting : settings) {
    const int rc = nfc_device_set_property_bool(device, setting.property, setting.value);
    if (rc < 0) return FromLibnfc(rc);
  }
  return reader;
}

NfcReader::~NfcReader() {
  std::lock_guard lock(abort_mutex_);
  if (device_ != nullptr) {
    if (selected_) nfc_initiator_deselect_target(device_);
    nfc_close(device_);
  }
  if (context_ != nullptr) nfc_exit(context_);
}

Result<std::optional<Target>> NfcReader::SelectIso14443a() {
  selected_.reset();
  auto selected = std::make_unique<SelectedTarget>();
  const nfc_modulation modulation{NMT_ISO14443A, NBR_106};
  int found = 0;
  {
    Call call(*this, kSelectTimeout);
    found = nfc_initiator_select_passive_target(device_, modulation, nullptr, 0, &selected->target);
  }
  if (found < 0) return FromLibnfc(found);
  if (found == 0) return std::optional<Target>();

  const nfc_iso14443a_info& info = selected->target.nti.nai;
  // libnfc's structs are packed: copy the size_t fields by value before use,
  // never bind a reference to them (they are misaligned).
  const std::size_t uid_length = info.szUidLen;
  const std::size_t ats_length = info.szAtsLen;
  Target target;
  const std::size_t uid_size = std::min(uid_length, sizeof(info.abtUid));
  target.uid.assign(info.abtUid, info.abtUid + uid_size);
  target.atqa = {info.abtAtqa[0], info.abtAtqa[1]};
  target.sak = info.btSak;
  const std::size_t ats_size = std::min(ats_length, sizeof(info.abtAts));
  target.ats.assign(info.abtAts, info.abtAts + ats_size);
  selected_ = std::move(selected);
  return std::optional<Target>(std::move(target));
}

Result<std::vector<std::uint8_t>> NfcReader::Transceive(std::span<const std::uint8_t> command,
                                                        std::size_t max_answer_size,
                                                        std::chrono::milliseconds timeout) {
  if (!selected_) return Errc::tag_lost;
  std::vector<std::uint8_t> answer(max_answer_size);
  int received = 0;
  {
    Call call(*this, timeout);
    received =
        nfc_initiator_transceive_bytes(device_, command.data(), command.size(), answer.data(),
                                       answer.size(), static_cast<int>(timeout.count()));
  }
  if (received < 0) return FromLibnfc(received);
  answer.resize(static_cast<std::size_t>(received));
  return answer;
}

Result<bool> NfcReader::TargetPresent() {
  if (!selected_) return false;
  int rc = 0;
  {
    Call call(*this, kPresenceTimeout);
    rc = nfc_initiator_target_is_present(device_, &selected_->target);
  }
  if (rc == NFC_SUCCESS) return true;
  // The tag not answering is the expected way for it to leave; a dead link is not.
  if (rc == NFC_ETGRELEASED || rc == NFC_ETIMEOUT || rc == NFC_ERFTRANS) {
    selected_.reset();
    return false;
  }
  return FromLibnfc(rc);
}

void NfcReader::Deselect() {
  if (!selected_) return;
  selected_.reset();
  Call call(*this, kPresenceTimeout);
  nfc_initiator_deselect_target(device_);
}

bool NfcReader::AbortIfOverdue(std::chrono::steady_clock::time_point now) {
  const std::int64_t deadline = call_deadline_ns_.load();
  if (deadline == 0 || ToNanos(now) < deadline) return false;
  std::lock_guard lock(abort_mutex_);
  if (call_deadline_ns_.load() != deadline) return false;  // that call has ended
  nfc_abort_command(device_);
  return true;
}

}  // namespace minegate::reader
