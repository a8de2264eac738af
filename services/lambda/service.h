#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::lambda {

// Lambda (rest-json under /2015-03-31/functions/...): functions, versions, aliases, and invokes
// that run the code in local runtime processes. Also serves a function's zip at
// /_preflight/lambda/code/{sha256 hex} (GetFunction's Code.Location).
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::lambda
