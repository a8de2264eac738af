#pragma once

#include <string>
#include <vector>

#include "harness/deploy/context.h"

namespace preflight::harness {

// A SAM function's Events: SQS and DynamoDB become event source mappings on `target` (the
// alias when the function has one, as SAM wires them); Api events are served by the API's
// definition and only checked. Appends what changed to `changes`.
void deploy_function_events(DeployContext& c, const Json& props, const std::string& target,
                            std::vector<std::string>& changes);

// Throws TemplateError for an event the harness does not deploy (checked before deploying).
void check_function_events(const std::string& id, const Json& events);

}  // namespace preflight::harness
