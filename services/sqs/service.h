#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::sqs {

// SQS over both of its wire protocols: JSON 1.0 (AmazonSQS.*, what current SDKs send) and query
// (form in, XML out, what older SDKs and CLI builds send).
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::sqs
