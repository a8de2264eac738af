#include "harness/testing/emulator.h"

#include <cstdlib>

#ifndef PREFLIGHT_DEFAULT_BIN
#define PREFLIGHT_DEFAULT_BIN "preflight"
#endif

namespace preflight::testing {

namespace {

EmulatorOptions with_default_binary(EmulatorOptions options) {
  if (options.binary.empty()) {
    options.binary = default_binary();
  }
  return options;
}

}  // namespace

std::string default_binary() {
  const char* bin = std::getenv("PREFLIGHT_BIN");
  return bin && *bin ? std::string(bin) : std::string(PREFLIGHT_DEFAULT_BIN);
}

Emulator::Emulator(EmulatorOptions options)
    : harness::EmulatorProcess(with_default_binary(std::move(options))) {}

}  // namespace preflight::testing
