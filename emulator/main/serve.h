#pragma once

#include <chrono>

#include "emulator/service/environment.h"

namespace preflight {

struct ServeOptions {
  core::Config config;
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{10};
};

// Runs the emulator until SIGINT/SIGTERM; returns the process exit code.
int serve(const ServeOptions& options);
// Prints every service and operation as a Markdown table (the README's table comes from this).
int list_operations();

}  // namespace preflight
