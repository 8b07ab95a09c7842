// GET /v1/devices/{id}/reconcile, as a plain handler on a real database.
#include "server/api/reconcile.hpp"

#include <future>

#include "proto/auth/device_auth.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/ingest/event_writer.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

constexpr char kPath[] = "/v1/devices/k-12-1/reconcile";

class ReconcileTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    auto update = connection_->Prepare(
        "UPDATE devices SET public_key = ?, key_id = ?, enrolled_at_ms = 1 "
        "WHERE device_id = 'k-12-1'");
    ASSERT_TRUE(update);
    ASSERT_TRUE(update.value().BindBlob(1, key_.public_key()));
    ASSERT_TRUE(update.value().BindBlob(2, credential::KeyIdOf(key_.public_key())));
    ASSERT_TRUE(update.value().Run());
    registry_ = RegistryReader::Open(database()).value();
  }
  ApiResponse Ask(const std::string& authorization, std::int64_t now = kNow) {
    return HandleReconcile(*registry_, kDevice, authorization, "GET", kPath, now);
  }
  std::string Signed(std::int64_t ts = kNow, const std::string& device = kDevice) {
    return auth::AuthorizationHeader(key_, device, "GET", kPath, ts);
  }

  credential::SigningKey key_ = credential::SigningKey::Generate().value();
  std::unique_ptr<RegistryReader> registry_;
};

TEST_F(ReconcileTest, ReportsCountHighestContiguousAndGaps) {
  {
    auto writer = EventWriter::Open(database()).value();
    std::promise<void> done;
    writer->Submit(IncomingBatch{kDevice, {GatePassed(1), GatePassed(2)}, kNow, {}},
                   [](IngestResult<BatchOutcome>) {});
    writer->Submit(IncomingBatch{kDevice, {GatePassed(5)}, kNow, {}},
                   [&](IngestResult<BatchOutcome>) { done.set_value(); });
    done.get_future().wait();
  }
  const auto response = Ask(Signed());
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.body,
            "{\"deviceId\":\"k-12-1\",\"eventCount\":\"3\",\"highestSeq\":\"5\","
            "\"contiguousSeq\":\"2\",\"gaps\":[{\"firstMissing\":\"3\",\"lastMissing\":\"4\"}]}");
}

TEST_F(ReconcileTest, RefusesMissingStaleForgedAndForeignRequests) {
  EXPECT_EQ(Ask("").status, 401);
  EXPECT_EQ(Ask("Bearer abc").status, 401);
  EXPECT_EQ(Ask(Signed(kNow - 6 * 60 * 1000)).status, 401) << "stale timestamp accepted";
  const auto other = credential::SigningKey::Generate().value();
  EXPECT_EQ(Ask(auth::AuthorizationHeader(other, kDevice, "GET", kPath, kNow)).status, 401);
  // Signed for another path: not valid for this one.
  EXPECT_EQ(Ask(auth::AuthorizationHeader(key_, kDevice, "GET", "/v1/other", kNow)).status, 401);
  const auto refused = Ask(Signed(kNow, "k-99-9"));
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(refused.body.find("\"fr\""), std::string::npos);
  EXPECT_NE(refused.body.find("\"en\""), std::string::npos);
  EXPECT_EQ(Ask(Signed()).status, 200);
}

TEST_F(ReconcileTest, ADeviceMayOnlyReadItsOwnFigures) {
  const auto response =
      HandleReconcile(*registry_, "k-12-2", Signed(), "GET", "/v1/devices/k-12-2/reconcile", kNow);
  // The signature covers the other path, so it verifies only if signed for it.
  EXPECT_EQ(response.status, 401);
  const auto for_other =
      auth::AuthorizationHeader(key_, kDevice, "GET", "/v1/devices/k-12-2/reconcile", kNow);
  EXPECT_EQ(
      HandleReconcile(*registry_, "k-12-2", for_other, "GET", "/v1/devices/k-12-2/reconcile", kNow)
          .status,
      403);
}

}  // namespace
}  // namespace minegate::server
