#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/metrics/registry.hpp"
#include "server/metrics/text_format.hpp"

namespace minegate::server::metrics {
namespace {

TEST(MetricsTest, UnlabelledCounterRendersFromZero) {
  Registry registry;
  Counter& events = registry.AddCounter("minegate_events_total", "Événements / events");
  EXPECT_EQ(registry.RenderText(),
            "# HELP minegate_events_total Événements / events\n"
            "# TYPE minegate_events_total counter\n"
            "minegate_events_total 0\n");
  events.Increment();
  events.Increment(41);
  EXPECT_EQ(events.Value(), 42u);
  EXPECT_EQ(registry.RenderText(),
            "# HELP minegate_events_total Événements / events\n"
            "# TYPE minegate_events_total counter\n"
            "minegate_events_total 42\n");
}

TEST(MetricsTest, LabelledCounterRendersSeenLabelSetsInOrder) {
  Registry registry;
  Counter& rejected = registry.AddCounter("rejected_total", "Rejected", {"reason"});
  EXPECT_EQ(registry.RenderText(),
            "# HELP rejected_total Rejected\n"
            "# TYPE rejected_total counter\n");
  rejected.Increment({"text"});
  rejected.Increment({"oversize"}, 3);
  rejected.WithLabels({"malformed"});  // pre-declared at zero
  EXPECT_EQ(rejected.Value({"oversize"}), 3u);
  EXPECT_EQ(rejected.Value({"never"}), 0u);
  EXPECT_EQ(registry.RenderText(),
            "# HELP rejected_total Rejected\n"
            "# TYPE rejected_total counter\n"
            "rejected_total{reason=\"malformed\"} 0\n"
            "rejected_total{reason=\"oversize\"} 3\n"
            "rejected_total{reason=\"text\"} 1\n");
}

TEST(MetricsTest, LabelValuesAndHelpAreEscaped) {
  Registry registry;
  Counter& counter =
      registry.AddCounter("escaped_total", "back\\slash and\nnew line", {"path", "code"});
  counter.Increment({"a\"b\\c\nd", "200"});
  EXPECT_EQ(registry.RenderText(),
            "# HELP escaped_total back\\\\slash and\\nnew line\n"
            "# TYPE escaped_total counter\n"
            "escaped_total{path=\"a\\\"b\\\\c\\nd\",code=\"200\"} 1\n");
}

TEST(MetricsTest, GaugeGoesUpAndDown) {
  Registry registry;
  Gauge& kiosks = registry.AddGauge("minegate_connected_kiosks", "Kiosks");
  kiosks.Increment();
  kiosks.Increment();
  kiosks.Decrement();
  EXPECT_EQ(registry.RenderText(),
            "# HELP minegate_connected_kiosks Kiosks\n"
            "# TYPE minegate_connected_kiosks gauge\n"
            "minegate_connected_kiosks 1\n");
  kiosks.Set(0.25);
  EXPECT_EQ(registry.RenderText(),
            "# HELP minegate_connected_kiosks Kiosks\n"
            "# TYPE minegate_connected_kiosks gauge\n"
            "minegate_connected_kiosks 0.25\n");
}

TEST(MetricsTest, HistogramRendersCumulativeBucketsSumAndCount) {
  Registry registry;
  Histogram& latency = registry.AddHistogram("commit_seconds", "Commit latency", {0.001, 0.01, 1});
  latency.Observe(0.0005);  // le 0.001
  latency.Observe(0.001);   // le 0.001: bounds are inclusive
  latency.Observe(0.5);     // le 1
  latency.Observe(7);       // +Inf
  EXPECT_EQ(latency.count(), 4u);
  EXPECT_EQ(registry.RenderText(),
            "# HELP commit_seconds Commit latency\n"
            "# TYPE commit_seconds histogram\n"
            "commit_seconds_bucket{le=\"0.001\"} 2\n"
            "commit_seconds_bucket{le=\"0.01\"} 2\n"
            "commit_seconds_bucket{le=\"1\"} 3\n"
            "commit_seconds_bucket{le=\"+Inf\"} 4\n"
            "commit_seconds_sum 7.5015\n"
            "commit_seconds_count 4\n");
}

TEST(MetricsTest, LatencyBucketsSpanHalfAMillisecondToFiveSeconds) {
  const auto buckets = Histogram::LatencySecondsBuckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_EQ(buckets.front(), 0.0005);
  EXPECT_EQ(buckets.back(), 5.0);
  Registry registry;
  EXPECT_NO_THROW(registry.AddHistogram("latency_seconds", "Latency", buckets));
}

TEST(MetricsTest, MetricsRenderInRegistrationOrder) {
  Registry registry;
  registry.AddGauge("b_gauge", "B");
  registry.AddCounter("a_total", "A");
  EXPECT_EQ(registry.RenderText(),
            "# HELP b_gauge B\n# TYPE b_gauge gauge\nb_gauge 0\n"
            "# HELP a_total A\n# TYPE a_total counter\na_total 0\n");
}

TEST(MetricsTest, BadRegistrationsThrowAtStartUp) {
  Registry registry;
  registry.AddCounter("taken_total", "Taken");
  EXPECT_THROW(registry.AddGauge("taken_total", "Again"), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("9starts_with_digit", "Bad"), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("has-dash", "Bad"), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("ok_total", "Bad label", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("ok_total", "Bad label", {"le"}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h", "Unsorted", {1, 0.5}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h", "Empty", {}), std::invalid_argument);
}

TEST(MetricsTest, NamesFollowPrometheusRules) {
  EXPECT_TRUE(IsValidMetricName("minegate:ratio_total"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_FALSE(IsValidMetricName("é"));
  EXPECT_TRUE(IsValidLabelName("reason"));
  EXPECT_FALSE(IsValidLabelName("with:colon"));
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatDouble(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatDouble(0.0005), "0.0005");
  EXPECT_EQ(FormatDouble(2.5), "2.5");
  EXPECT_EQ(FormatDouble(-3), "-3");
  EXPECT_EQ(FormatDouble(1e-9), "1e-09");
  EXPECT_EQ(FormatDouble(1e300), "1e+300");
}

TEST(MetricsTest, CountsAreExactUnderConcurrency) {
  Registry registry;
  Counter& counter = registry.AddCounter("concurrent_total", "C", {"thread"});
  Histogram& histogram = registry.AddHistogram("concurrent_seconds", "H", {1});
  constexpr int kThreads = 4;
  constexpr int kIncrements = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&counter, &histogram, &registry] {
      for (int i = 0; i < kIncrements; ++i) {
        counter.Increment({i % 2 == 0 ? "even" : "odd"});
        histogram.Observe(0.5);
        if (i % 1000 == 0) registry.RenderText();  // rendering while counting is safe
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.Value({"even"}) + counter.Value({"odd"}),
            static_cast<std::uint64_t>(kThreads * kIncrements));
  EXPECT_EQ(histogram.count(), static_cast<std::uint64_t>(kThreads * kIncrements));
}

}  // namespace
}  // namespace minegate::server::metrics
