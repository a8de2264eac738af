#pragma once

#include <nlohmann/json.hpp>

namespace preflight {
// Operation inputs and outputs are JSON keyed by AWS member names, whatever the wire protocol.
using Json = nlohmann::json;
}  // namespace preflight
