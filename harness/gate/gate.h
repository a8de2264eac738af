#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace preflight::harness {

struct GateOptions {
  std::string template_file;
  std::string stack;            // "" = the template's folder name
  std::string test_command;     // run once against each stage, with the stage's environment
  std::string junit_file;       // "" = no report
  std::string endpoint;         // "" = start a fresh emulator on a free port
  std::string emulator_binary;  // the preflight binary that serves (this one)
  std::string region = "us-east-1";
  std::vector<std::string> fixtures;
  std::map<std::string, std::string> params;
  std::string from = "beta";
  std::string to = "prod";
};

// The CI integration gate: (start an emulator,) deploy the template, load the fixtures, run the
// tests against the source stage, check the target stage did not change meanwhile, promote, run
// the tests against the target stage. Stops at the first failing step; prints a summary with
// timings and writes a JUnit report. Returns 0 when every step passed, else 1.
int run_gate(const GateOptions& options, std::ostream& out);

// The environment the test command gets for one stage: API_URL, PREFLIGHT_STAGE, the AWS_*
// settings and every stack output as UPPER_SNAKE_CASE (UserPoolId -> USER_POOL_ID).
std::map<std::string, std::string> stage_environment(
    const std::string& stage, const std::string& api_url, const std::string& endpoint,
    const std::string& region, const std::map<std::string, std::string>& outputs);

// "UserPoolClientId" -> "USER_POOL_CLIENT_ID", "APIUrl" -> "API_URL".
std::string upper_snake_case(const std::string& name);

}  // namespace preflight::harness
