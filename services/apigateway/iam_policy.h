#pragma once

#include <string_view>

#include "emulator/common/json.h"

// Evaluates the IAM policy a Lambda authorizer returns against the method ARN of the request
// (arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH): an explicit Deny wins, then an
// Allow; anything else is denied. Actions and resources may use * and ? wildcards.
namespace preflight::apigateway {

enum class PolicyDecision { Allow, Deny };

PolicyDecision evaluate_policy(const Json& policy_document, std::string_view method_arn);

}  // namespace preflight::apigateway
