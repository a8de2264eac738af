#pragma once

#include <string>
#include <string_view>

#include "emulator/common/json.h"

// Variables outside mapping templates: access-log formats ("$context.requestId $context.status")
// and gateway-response templates ({"message":$context.error.messageString}), which API Gateway
// fills by plain substitution, not through Velocity.
namespace preflight::apigateway {

// Replaces $NAME.a.b for each NAME in roots ({"context": ..., "stageVariables": ...}) with the
// value at roots[NAME]["a"]["b"]: strings as is, other values as JSON, `missing` when absent
// (access logs print "-").
std::string substitute_variables(std::string_view format, const Json& roots,
                                 std::string_view missing);

// The access-log form: $context variables only, "-" for a missing value.
std::string substitute_context(std::string_view format, const Json& context);

// The value at a dotted path ("identity.sourceIp") of the context, or null.
const Json* context_value(const Json& context, std::string_view dotted);

}  // namespace preflight::apigateway
