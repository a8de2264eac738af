#include "harness/testing/environment.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace preflight::testing {

namespace {

EmulatorEnvironment* g_current = nullptr;

bool has_fixtures(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(),
                     [](const std::string& arg) { return arg.starts_with("--fixtures"); });
}

}  // namespace

EmulatorEnvironment::EmulatorEnvironment(EmulatorOptions options, Seed seed)
    : options_(std::move(options)), seed_(std::move(seed)) {
  g_current = this;
}

EmulatorEnvironment::~EmulatorEnvironment() {
  if (g_current == this) {
    g_current = nullptr;
  }
}

void EmulatorEnvironment::SetUp() {
  try {
    emulator_ = std::make_unique<Emulator>(options_);
    if (seed_) {
      seed_(*emulator_);
    }
    if (seed_ || has_fixtures(options_.args)) {
      start_state_ = emulator_->snapshot();
    }
  } catch (const std::exception& e) {
    // A fatal failure here makes GoogleTest skip every test.
    FAIL() << "the emulator could not be started and seeded: " << e.what();
  }
}

void EmulatorEnvironment::TearDown() {
  emulator_.reset();
}

EmulatorEnvironment& EmulatorEnvironment::instance() {
  if (!g_current) {
    throw std::logic_error(
        "no EmulatorEnvironment: register one with ::testing::AddGlobalTestEnvironment");
  }
  return *g_current;
}

Emulator& EmulatorEnvironment::emulator() {
  if (!emulator_) {
    throw std::logic_error("the EmulatorEnvironment's emulator is not running");
  }
  return *emulator_;
}

void EmulatorEnvironment::restore_start_state() {
  if (start_state_.empty()) {
    emulator().reset();
  } else {
    emulator().restore(start_state_);
  }
}

void EmulatorTest::SetUp() {
  try {
    EmulatorEnvironment::instance().restore_start_state();
  } catch (const std::exception& e) {
    FAIL() << "the emulator could not be brought back to its start state: " << e.what();
  }
}

}  // namespace preflight::testing
