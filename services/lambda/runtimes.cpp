#include "services/lambda/runtimes.h"

#include <unistd.h>

#include <array>

#include "emulator/process/child_process.h"
#include "services/lambda/errors.h"

namespace preflight::lambda {
namespace fs = std::filesystem;

namespace {

constexpr std::array kRuntimes = {
    "nodejs",         "nodejs4.3",     "nodejs6.10", "nodejs8.10",    "nodejs10.x",
    "nodejs12.x",     "nodejs14.x",    "nodejs16.x", "nodejs18.x",    "nodejs20.x",
    "nodejs22.x",     "nodejs24.x",    "java8",      "java8.al2",     "java11",
    "java17",         "java21",        "java25",     "python2.7",     "python3.6",
    "python3.7",      "python3.8",     "python3.9",  "python3.10",    "python3.11",
    "python3.12",     "python3.13",    "python3.14", "dotnetcore1.0", "dotnetcore2.0",
    "dotnetcore2.1",  "dotnetcore3.1", "dotnet6",    "dotnet8",       "dotnet10",
    "nodejs4.3-edge", "go1.x",         "ruby2.5",    "ruby2.7",       "ruby3.2",
    "ruby3.3",        "ruby3.4",       "provided",   "provided.al2",  "provided.al2023"};

std::string interpreter(const core::Config& config, std::string_view runtime,
                        const std::string& family, const std::string& fallback) {
  const std::string specific = config.option("lambda.runtime." + std::string(runtime), "");
  const std::string program =
      !specific.empty() ? specific : config.option("lambda.runtime." + family, fallback);
  if (!core::find_program(program)) {
    throw errors::invalid_runtime(
        "Runtime " + std::string(runtime) + " needs '" + program +
        "', which is not on this machine. Install it or choose another interpreter with "
        "--option lambda.runtime." +
        std::string(runtime) + "=PATH.");
  }
  return program;
}

}  // namespace

bool known_runtime(std::string_view runtime) {
  for (const char* r : kRuntimes) {
    if (runtime == r) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> runtime_command(const core::Config& config, std::string_view runtime,
                                         const fs::path& code_dir, const fs::path& bootstraps) {
  if (runtime.starts_with("python3")) {
    return {interpreter(config, runtime, "python", "python3"), "-u",
            (bootstraps / "python" / "bootstrap.py").string()};
  }
  if (runtime.starts_with("nodejs") && runtime != "nodejs" && runtime != "nodejs4.3" &&
      runtime != "nodejs4.3-edge" && runtime != "nodejs6.10" && runtime != "nodejs8.10") {
    return {interpreter(config, runtime, "nodejs", "node"),
            (bootstraps / "nodejs" / "bootstrap.mjs").string()};
  }
  if (runtime.starts_with("provided")) {
    const fs::path bootstrap = code_dir / "bootstrap";
    if (::access(bootstrap.c_str(), X_OK) != 0) {
      throw errors::invalid_runtime(
          "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]. The zip must "
          "contain an executable file named bootstrap at its root.");
    }
    return {bootstrap.string()};
  }
  throw errors::invalid_runtime("Runtime " + std::string(runtime) +
                                " is not supported by Preflight: it runs python3.x, nodejs (12.x "
                                "and later) and provided runtimes.");
}

}  // namespace preflight::lambda
