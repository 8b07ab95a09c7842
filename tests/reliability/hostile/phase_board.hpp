// The conductor of the hostile run: quiet and attack phases alternate, each with its start and
// end kept, so that the honest kiosks' latencies can be sorted into the phase they fell in.
// Attackers wait for an attack phase, work while it lasts and drop what they hold when it ends.
// Thread-safe: the conductor calls Begin/Finish, any thread the rest.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace minegate::test::hostile {

using SteadyClock = std::chrono::steady_clock;

struct Phase {
  bool attack = false;
  SteadyClock::time_point start;
  SteadyClock::time_point end;
};

class PhaseBoard {
 public:
  /// Ends the current phase (if any) and starts the next.
  void Begin(bool attack) {
    std::lock_guard lock(mutex_);
    const auto now = SteadyClock::now();
    if (!phases_.empty()) phases_.back().end = now;
    phases_.push_back(Phase{attack, now, now});
    changed_.notify_all();
  }
  /// Ends the run: every waiting attacker returns.
  void Finish() {
    std::lock_guard lock(mutex_);
    if (!phases_.empty()) phases_.back().end = SteadyClock::now();
    done_ = true;
    changed_.notify_all();
  }
  /// Blocks until an attack phase later than `after` starts; its index, or -1 once the run is
  /// over.
  int WaitForAttack(int after) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
      return done_ || (!phases_.empty() && phases_.back().attack && Current() > after);
    });
    return done_ ? -1 : Current();
  }
  /// True while phase `index` is the current one and the run goes on.
  bool Still(int index) {
    std::lock_guard lock(mutex_);
    return !done_ && Current() == index;
  }
  bool done() {
    std::lock_guard lock(mutex_);
    return done_;
  }
  std::vector<Phase> phases() {
    std::lock_guard lock(mutex_);
    return phases_;
  }

 private:
  int Current() const { return static_cast<int>(phases_.size()) - 1; }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Phase> phases_;
  bool done_ = false;
};

}  // namespace minegate::test::hostile
