#include "tests/reliability/power_loss/power_cut_fixture.hpp"

#include <cstdio>

#include "base/hex.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "tests/support/file_scan.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 15s;

std::vector<std::uint8_t> Bytes(const std::string& uid_hex) {
  return base::FromHex(uid_hex).value_or(std::vector<std::uint8_t>());
}

}  // namespace

void PowerCutFixture::SetUp() {
  KioskChainFixture::SetUp();
  if (HasFatalFailure()) return;
  keys_ = KioskKeySet(chain_->kiosk().data_dir());
  ASSERT_TRUE(keys_) << "the kiosk's device key is unreadable";
  ASSERT_TRUE(chain_->SignIn()) << Diagnostics();
}

std::string PowerCutFixture::UidOf(int n) {
  char text[15];
  std::snprintf(text, sizeof(text), "04A75C%08X", static_cast<unsigned>(n));
  return text;
}

std::string PowerCutFixture::Control(const std::string& line) {
  return chain_->bridge().emulator().Control(line);
}

std::int64_t PowerCutFixture::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<BraceletImage> PowerCutFixture::Dump(const std::string& uid) {
  return ReadBraceletImage(Control("dump"), Bytes(uid), *keys_, NowMs());
}

std::optional<BraceletImage> PowerCutFixture::WaitForImage(const std::string& uid,
                                                           bool (*done)(const BraceletImage&, int),
                                                           int arg) {
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  while (std::chrono::steady_clock::now() < deadline) {
    auto image = Dump(uid);
    if (!image) return std::nullopt;
    if (done(*image, arg)) return image;
  }
  return std::nullopt;
}

bool PowerCutFixture::OpenRegistration(const std::string& name) {
  v1::UiRequest start;
  start.mutable_start_registration();
  if (auto reply = page_->Request(start); !reply || !reply->ok()) return false;
  v1::UiRequest save;
  *save.mutable_save_draft()->mutable_draft() = KioskChain::SimpleDraft(name);
  if (auto reply = page_->Request(save); !reply || !reply->ok()) return false;
  v1::UiRequest submit;
  submit.mutable_submit_registration();
  auto reply = page_->Request(submit);
  return reply && reply->ok();
}

std::vector<v1::TapOutcome> PowerCutFixture::Cut(bool reader_too) {
  if (reader_too) {
    // The bridge first: the write stops at the page it had reached.
    (bridge_ ? *bridge_ : chain_->bridge().bridge()).Kill();
  }
  chain_->kiosk().Kill();
  // Everything the kiosk sent before it died is still in this socket: read it to the close.
  std::vector<v1::TapOutcome> taps;
  while (auto tap = page_->NextTap(kWait)) taps.push_back(*tap);
  return taps;
}

std::optional<BraceletImage> PowerCutFixture::AfterCut(bool reader_too, const std::string& uid) {
  if (reader_too) {
    // The reader lost power with the box: it comes back as from power-on, under a new bridge.
    if (Control("unplug").rfind("ok", 0) != 0 || Control("replug").rfind("ok", 0) != 0) {
      ADD_FAILURE() << "the emulated reader did not power-cycle";
      return std::nullopt;
    }
    ProcessOptions options;
    options.argv = {BridgeHarness::BridgeBinary(),
                    "run",
                    "--device",
                    "pn532_uart:" + chain_->bridge().emulator().link_path(),
                    "--socket",
                    chain_->bridge().socket_path()};
    options.env = {{"LIBNFC_AUTO_SCAN", "false"}};
    options.stderr_path = chain_->bridge().emulator().dir().File(
        "bridge-" + std::to_string(++bridge_starts_) + ".log");
    std::string error;
    bridge_.reset();
    bridge_ = Process::Spawn(options, error);
    if (!bridge_) {
      ADD_FAILURE() << "bridge restart: " << error;
      return std::nullopt;
    }
  }
  auto client = chain_->bridge().Connect();
  if (!client) {
    ADD_FAILURE() << "bridge unreachable after the cut";
    return std::nullopt;
  }
  const std::string uid_bytes = BytesOfHex(uid);  // as the bridge's messages carry it
  if (reader_too) {
    // The new bridge has the reader and has seen the bracelet still lying on it.
    if (!client->WaitFor(
            [&](const v1::BridgeMessage& m) {
              return m.has_tag_presented() && m.tag_presented().uid() == uid_bytes;
            },
            kWait)) {
      ADD_FAILURE() << "the restarted bridge never saw the bracelet";
      return std::nullopt;
    }
  } else {
    // The bridge outlived the kiosk and finishes the write it was given. Its writes run in
    // order: a request for a tag that is not there is answered once that write is over.
    v1::KioskMessage barrier;
    barrier.mutable_write_credential()->set_request_id(1'000'000);
    barrier.mutable_write_credential()->set_expected_uid(
        std::string("\x04\xEE\xEE\xEE\xEE\xEE\xEE"));
    barrier.mutable_write_credential()->set_credential("x");
    if (!client->Send(barrier) || !client->WaitFor(
                                      [](const v1::BridgeMessage& m) {
                                        return m.has_write_result() &&
                                               m.write_result().request_id() == 1'000'000;
                                      },
                                      kWait)) {
      ADD_FAILURE() << "the bridge never answered after its write";
      return std::nullopt;
    }
  }
  auto image = Dump(uid);
  // Taken off the reader before the kiosk comes back, so that nothing reads it unasked.
  if (Control("remove").rfind("ok", 0) != 0 || !client->WaitFor(IsTagRemoved, kWait)) {
    ADD_FAILURE() << "the bracelet did not leave the field";
  }
  return image;
}

bool PowerCutFixture::PowerOn() {
  std::string error;
  if (!chain_->StartKiosk(error)) {
    ADD_FAILURE() << error << Diagnostics();
    return false;
  }
  page_ = &chain_->page();
  if (!chain_->SignIn()) {
    ADD_FAILURE() << "sign-in after the restart" << Diagnostics();
    return false;
  }
  return page_->WaitForState([](const v1::KioskState& s) { return s.has_agent(); }).has_value();
}

std::optional<OutboxView> PowerCutFixture::Outbox() {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(chain_->kiosk().database(), options);
  if (!connection) return std::nullopt;
  auto highest = db::QueryOne(connection.value(), "SELECT highest_seq FROM outbox_state",
                              [](const db::Statement& row) { return row.ColumnInt64(0); });
  auto rows = db::QueryOne(connection.value(),
                           "SELECT count(*), count(DISTINCT event_id), ifnull(min(device_seq), 0), "
                           "ifnull(max(device_seq), 0) FROM outbox",
                           [](const db::Statement& row) {
                             OutboxView view;
                             view.rows = static_cast<std::uint64_t>(row.ColumnInt64(0));
                             view.distinct_event_ids =
                                 static_cast<std::uint64_t>(row.ColumnInt64(1));
                             view.first_seq = static_cast<std::uint64_t>(row.ColumnInt64(2));
                             view.last_seq = static_cast<std::uint64_t>(row.ColumnInt64(3));
                             return view;
                           });
  if (!highest || !rows) return std::nullopt;
  OutboxView view = rows.value();
  view.highest_seq = static_cast<std::uint64_t>(highest.value());
  return view;
}

void PowerCutFixture::Keep(const std::vector<v1::TapOutcome>& taps, const std::string& uid) {
  for (const v1::TapOutcome& tap : taps) {
    if (tap.recorded()) promised_.push_back({uid, tap.result(), tap.device_seq()});
  }
}

}  // namespace minegate::test
