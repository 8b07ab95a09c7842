// A GoogleTest fixture for the tests that run on the whole chain: a fresh KioskChain before
// each test, its page at hand, and the chain's logs on stderr when the test failed.
#pragma once

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <string>

#include "tests/support/kiosk_chain.hpp"

namespace minegate::test {

class KioskChainFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    chain_ = KioskChain::Start(error);
    ASSERT_NE(chain_, nullptr) << error;
    page_ = &chain_->page();
  }
  void TearDown() override {
    if (HasFailure() && chain_) std::cerr << chain_->Diagnostics();
  }

  std::string Diagnostics() const { return chain_->Diagnostics(); }

  std::unique_ptr<KioskChain> chain_;
  KioskUiClient* page_ = nullptr;
};

}  // namespace minegate::test
