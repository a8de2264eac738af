#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "emulator/service/environment.h"

namespace preflight {

struct ServeOptions {
  core::Config config;
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{10};
  // Fixtures files loaded through the emulator's own API before it prints its ready line.
  std::vector<std::string> fixtures;
  // The access key to load them as (the first --credentials pair); empty: the first configured.
  std::string fixtures_access_key;
};

// Runs the emulator until SIGINT/SIGTERM; returns the process exit code.
int serve(const ServeOptions& options);
// Prints every service and operation as a Markdown table (the README's table comes from this).
int list_operations();

}  // namespace preflight
