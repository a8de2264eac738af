#pragma once

#include <string>
#include <vector>

namespace preflight::harness {

// One step of a gate run as a JUnit test case.
struct GateStep {
  std::string name;
  enum class Outcome { Passed, Failed, Skipped } outcome = Outcome::Skipped;
  double seconds = 0;
  std::string message;  // why it failed or was skipped
};

// Writes the steps as JUnit XML (one <testsuite name="preflight gate">) to `path`.
void write_junit_report(const std::string& path, const std::string& suite,
                        const std::vector<GateStep>& steps);

}  // namespace preflight::harness
