#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::logs {

// Amazon CloudWatch Logs over JSON 1.1 (Logs_20140328.*): log groups, streams, events, filters.
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::logs
