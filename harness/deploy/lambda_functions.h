#pragma once

#include <string>

#include "harness/client/aws_client.h"

namespace preflight::harness {

// "/2015-03-31/functions/NAME" (Lambda's path for a function).
std::string function_path(const std::string& name);

// The parts of a function configuration a deploy sets and a promotion compares: two
// configurations with equal settings and CodeSha256 run the same thing.
Json function_settings(const Json& configuration);

// A function some deploy of `stack` made: its name, ARN and the alias promotions move.
struct StackFunction {
  std::string name;
  std::string arn;
  std::string alias;  // "" when the function has no AutoPublishAlias
  Json tags;
};
std::vector<StackFunction> stack_functions(const AwsClient& aws, const std::string& stack);

}  // namespace preflight::harness
