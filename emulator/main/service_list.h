#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight {

// The one place that names every service. Order matters for raw routes (first match wins).
void register_services(core::Registry& registry, core::Environment& env);

}  // namespace preflight
