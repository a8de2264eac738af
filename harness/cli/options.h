#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/client/aws_client.h"

namespace CLI {
class App;
}

namespace preflight::harness {

// The options every harness command shares: which endpoint, region and credentials.
struct TargetOptions {
  std::string endpoint;  // "" = AWS_ENDPOINT_URL, else http://127.0.0.1:4566; "aws" = real AWS
  std::string region;    // "" = AWS_REGION / AWS_DEFAULT_REGION, else us-east-1

  void add_to(CLI::App& command);
  Target target() const;
};

// "K=V" pairs (--param) as a map; throws std::invalid_argument naming a malformed one.
std::map<std::string, std::string> key_values(const std::vector<std::string>& pairs,
                                              const std::string& option);

// The default stack name for a template: its folder's name ("sample-app").
std::string default_stack_name(const std::string& template_file);

// Runs `body`, turning any exception into "preflight COMMAND: message" and exit code 1.
int run_reporting_errors(const std::string& command, const std::function<int()>& body);

}  // namespace preflight::harness
