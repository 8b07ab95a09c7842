// The page's sync view carries what the sync client knows of the link, the clock skew included.
#include <gtest/gtest.h>

#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class SyncViewTest : public ControllerFixture {
 protected:
  /// The sync view of the state broadcast after a request that changes something visible.
  v1::SyncView BroadcastSyncView() {
    v1::UiRequest request;
    request.mutable_set_language()->set_language(v1::LANGUAGE_ENGLISH);
    EXPECT_TRUE(Request(request).ok());
    EXPECT_FALSE(broadcasts_.empty());
    if (broadcasts_.empty() || !broadcasts_.back().has_state()) return {};
    return broadcasts_.back().state().sync();
  }
};

TEST_F(SyncViewTest, AClockPastTheThresholdIsShownWithItsSkew) {
  sync_status_.connected = true;
  sync_status_.clock_skew_known = true;
  sync_status_.clock_skew_ms = -10 * 60 * 1000;  // the kiosk ten minutes behind the server
  sync_status_.clock_skew_warning = true;
  const v1::SyncView view = BroadcastSyncView();
  EXPECT_TRUE(view.connected());
  EXPECT_TRUE(view.clock_skew_known());
  EXPECT_EQ(view.clock_skew_ms(), -600'000);
  EXPECT_TRUE(view.clock_skew_warning());
}

TEST_F(SyncViewTest, NoWarningBeforeTheServerWasReached) {
  const v1::SyncView view = BroadcastSyncView();
  EXPECT_FALSE(view.clock_skew_known());
  EXPECT_FALSE(view.clock_skew_warning());
}

}  // namespace
}  // namespace minegate::test
