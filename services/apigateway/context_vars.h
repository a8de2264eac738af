#pragma once

#include <string>
#include <string_view>

#include "emulator/common/json.h"

// $context.* variables outside mapping templates: access-log formats ("$context.requestId
// $context.status") and gateway-response parameters substitute them as plain text.
namespace preflight::apigateway {

// Replaces $context.a.b and ${context.a.b}-free forms ($context.identity.sourceIp) with the
// value at context["identity"]["sourceIp"]: strings as is, other values as JSON, "-" when absent
// (what access logs print for a missing value).
std::string substitute_context(std::string_view format, const Json& context);

// The value at a dotted path ("identity.sourceIp") of the context, or null.
const Json* context_value(const Json& context, std::string_view dotted);

}  // namespace preflight::apigateway
