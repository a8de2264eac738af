#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::dynamodb {

// DynamoDB (awsJson 1.0, DynamoDB_20120810.*) and DynamoDB Streams (DynamoDBStreams_20120810.*),
// two services over one backend.
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::dynamodb
