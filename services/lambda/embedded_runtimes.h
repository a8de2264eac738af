#pragma once

#include <string_view>

// The runtime bootstraps (runtimes/python/bootstrap.py, runtimes/nodejs/bootstrap.mjs), built
// into the binary so it runs from anywhere; CodeCache writes them out at startup.
namespace preflight::lambda {
extern const std::string_view kPythonBootstrap;
extern const std::string_view kNodeBootstrap;
}  // namespace preflight::lambda
