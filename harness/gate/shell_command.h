#pragma once

#include <map>
#include <string>

namespace preflight::harness {

// Runs `command` with /bin/sh -c, with this process's environment plus `extra` (which wins),
// its output going where ours goes; waits for it and returns its exit code (128+N when killed
// by signal N). Throws std::system_error when it cannot be started.
int run_shell_command(const std::string& command, const std::map<std::string, std::string>& extra);

}  // namespace preflight::harness
