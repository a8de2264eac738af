#pragma once

#include <string>

#include "harness/process/emulator_process.h"

namespace preflight::testing {

using EmulatorOptions = harness::EmulatorOptions;

// An emulator for tests (see harness::EmulatorProcess) whose binary, when the options name
// none, is default_binary().
class Emulator : public harness::EmulatorProcess {
 public:
  explicit Emulator(EmulatorOptions options = {});
};

// The binary Emulator runs when not told: $PREFLIGHT_BIN, else the build's preflight.
std::string default_binary();

}  // namespace preflight::testing
