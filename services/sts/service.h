#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::sts {

// AWS Security Token Service: who am I. Query protocol (what the CLI and SDKs send) and awsJson.
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::sts
