#include "tests/reliability/hostile/honest_kiosk.hpp"

#include <thread>

namespace minegate::test::hostile {

HonestRun StreamHonestly(SimulatedKiosk& kiosk, const std::atomic<bool>& stop,
                         std::chrono::milliseconds interval, std::size_t batch) {
  HonestRun run;
  const auto fail = [&run](const std::string& what) {
    if (run.failures++ == 0) run.first_failure = what;
  };
  bool connected = false;
  std::vector<v1::Event> pending;  // the batch not yet acknowledged, resent as it is
  auto next_send = SteadyClock::now();
  // Bounded: a kiosk that cannot get through for 200 attempts gives up (and the test fails).
  for (int attempts_left = 200; attempts_left > 0;) {
    if (!connected) {
      auto welcome = kiosk.Connect(run.acked_seq);
      if (!welcome) {
        fail("connect: " + welcome.error().message());
        --attempts_left;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      connected = true;
    }
    if (pending.empty()) {
      if (stop) break;
      for (std::uint64_t seq = run.acked_seq + 1; seq <= run.acked_seq + batch; ++seq) {
        pending.push_back(kiosk.GatePassed(seq));
      }
    }
    std::this_thread::sleep_until(next_send);
    next_send = SteadyClock::now() + interval;
    const auto sent = SteadyClock::now();
    auto ack = kiosk.SendAndWaitAck(pending, std::chrono::seconds(10));
    const auto acked = SteadyClock::now();
    if (!ack) {
      std::string what = "batch at seq " + std::to_string(pending.front().device_seq()) + ": " +
                         ack.error().message();
      for (const auto& frame : kiosk.pending()) {
        if (frame.has_error()) what += " (" + frame.error().message().en() + ")";
      }
      fail(what);
      --attempts_left;
      kiosk.Disconnect();
      connected = false;
      continue;
    }
    if (ack.value().acked_seq() != pending.back().device_seq()) {
      fail("ack " + std::to_string(ack.value().acked_seq()) + " for a batch ending at " +
           std::to_string(pending.back().device_seq()));
      --attempts_left;
    }
    kiosk.pending().clear();  // list updates: not this test's business
    run.acked_seq = std::max(run.acked_seq, ack.value().acked_seq());
    run.samples.push_back(AckSample{sent, acked});
    pending.clear();
  }
  kiosk.Disconnect();
  return run;
}

}  // namespace minegate::test::hostile
