// The one source of randomness of a generated population: a seeded engine and the few draws the
// generator needs, written out here (rather than std::uniform_int_distribution, whose results the
// standard leaves to each library) so that a seed gives the same population everywhere.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace minegate::test::population {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  /// 0 .. n-1 (n > 0), without modulo bias.
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t draw = engine_();
    while (draw >= limit) draw = engine_();
    return draw % n;
  }
  /// lo .. hi inclusive.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  std::int64_t Between64(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  /// True with probability p.
  bool Chance(double p) { return Unit() < p; }
  /// [0, 1).
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  template <class T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }
  template <class T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

  std::string Bytes(std::size_t n) {
    std::string out(n, '\0');
    for (char& c : out) c = static_cast<char>(engine_() & 0xFF);
    return out;
  }

  std::uint64_t Next() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace minegate::test::population
