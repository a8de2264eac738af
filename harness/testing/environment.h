#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "harness/testing/emulator.h"

namespace preflight::testing {

// One emulator for a whole test program. Register it before the tests run, in main or with a
// namespace-scope variable:
//
//   const auto* const kEmulator = ::testing::AddGlobalTestEnvironment(
//       new preflight::testing::EmulatorEnvironment({}, [](Emulator& e) { seed(e.client()); }));
//
// SetUp starts the emulator, then runs `seed` (if any). When there is a seed, or the emulator
// was given --fixtures, the state it leaves is snapshotted and EmulatorTest restores that
// snapshot before each test; otherwise each test starts from an empty emulator (reset).
class EmulatorEnvironment : public ::testing::Environment {
 public:
  using Seed = std::function<void(Emulator&)>;

  explicit EmulatorEnvironment(EmulatorOptions options = {}, Seed seed = {});
  ~EmulatorEnvironment() override;

  void SetUp() override;
  void TearDown() override;

  // The environment registered last; throws std::logic_error when there is none.
  static EmulatorEnvironment& instance();
  // Its running emulator; throws std::logic_error before SetUp or after TearDown.
  Emulator& emulator();
  // Brings the emulator back to where every test starts: the seeded snapshot, else empty.
  void restore_start_state();

 private:
  EmulatorOptions options_;
  Seed seed_;
  std::unique_ptr<Emulator> emulator_;
  std::string start_state_;  // snapshot bytes; empty: tests start from a reset
};

// A test that starts from the shared emulator's start state (see EmulatorEnvironment).
class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override;

  static Emulator& emulator() { return EmulatorEnvironment::instance().emulator(); }
  static harness::AwsClient client() { return emulator().client(); }
};

}  // namespace preflight::testing
