// A real database with the real writer and the registry reader the sync sessions use, for the
// tests of what kiosks are sent (revoked bracelets, miners' cards).
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <vector>

#include "server/ingest/event_writer.hpp"
#include "server/sync/registry_reader.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {

class WriterAndReaderTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    auto writer = EventWriter::Open(database());
    ASSERT_TRUE(writer) << writer.error().message();
    writer_ = std::move(writer).value();
    auto registry = RegistryReader::Open(database());
    ASSERT_TRUE(registry) << registry.error().message();
    registry_ = std::move(registry).value();
  }
  void TearDown() override { writer_->Stop(); }

  /// Stores `events` as one batch of kDevice through the writer; returns after its commit.
  void Store(std::vector<v1::Event> events) {
    std::promise<IngestResult<BatchOutcome>> done;
    writer_->Submit(IncomingBatch{kDevice, std::move(events), kNow, {}},
                    [&](IngestResult<BatchOutcome> r) { done.set_value(std::move(r)); });
    auto outcome = done.get_future().get();
    ASSERT_TRUE(outcome) << outcome.error().message();
  }

  std::unique_ptr<EventWriter> writer_;
  std::unique_ptr<RegistryReader> registry_;
};

}  // namespace minegate::server
