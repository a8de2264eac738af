#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::apigateway {

// API Gateway REST APIs (rest-json under /restapis, /domainnames, /apikeys, /usageplans, /tags)
// and the execute-api traffic their stages serve.
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::apigateway
