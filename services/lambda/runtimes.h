#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/service/environment.h"

namespace preflight::lambda {

// The command that runs a runtime: the machine's python3 or node with our bootstrap, or a custom
// runtime's own `bootstrap`. Which interpreter serves a runtime is configurable:
// --option lambda.runtime.python3.12=/usr/bin/python3.12, or for every runtime of a family
// lambda.runtime.python / lambda.runtime.nodejs. Throws InvalidRuntimeException for runtimes
// Preflight cannot run, or whose interpreter is not on the machine.
std::vector<std::string> runtime_command(const core::Config& config, std::string_view runtime,
                                         const std::filesystem::path& code_dir,
                                         const std::filesystem::path& bootstraps);

// Runtime identifiers CreateFunction accepts (AWS's list); not all of them can run here.
bool known_runtime(std::string_view runtime);

}  // namespace preflight::lambda
