#pragma once

#include <optional>
#include <string>

#include "harness/client/aws_client.h"

namespace preflight::harness {

// The REST API a stack's deploy made for `logical_id` (found by its preflight tags), as
// GetRestApis lists it; nullopt if there is none. An empty logical_id matches any of the stack's.
std::optional<Json> find_stack_api(const AwsClient& aws, const std::string& stack,
                                   const std::string& logical_id);
// Every REST API the stack's deploys made.
Json stack_apis(const AwsClient& aws, const std::string& stack);

std::string stage_path(const std::string& api_id, const std::string& stage);
std::string rest_api_arn(const std::string& region, const std::string& api_id);
// The stage's invoke URL: through the emulator's endpoint, or API Gateway's on real AWS.
std::string stage_url(const AwsClient& aws, const std::string& api_id, const std::string& stage);

}  // namespace preflight::harness
