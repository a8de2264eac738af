#pragma once

#include <string>
#include <string_view>

#include "emulator/common/json.h"

// Gateway responses: the bodies and statuses API Gateway answers with when it, not the
// integration, decides the answer (no route, unauthorized, throttled, a broken integration).
// Each type has AWS's default; PutGatewayResponse overrides one per API, DEFAULT_4XX and
// DEFAULT_5XX override every 4xx / 5xx type not overridden itself.
namespace preflight::apigateway {

// The types AWS defines, in its order; false when `type` is not one.
bool is_gateway_response_type(std::string_view type);
// {"responseType", "statusCode", "responseParameters", "responseTemplates", "defaultResponse"}
Json default_gateway_response(std::string_view type);
// Every type's response for an API: its overrides (type -> GatewayResponse) over the defaults.
Json all_gateway_responses(const Json& overrides);
// The response a request gets for `type`: the API's own, else its DEFAULT_4XX/5XX, else AWS's.
Json effective_gateway_response(const Json& overrides, std::string_view type);

}  // namespace preflight::apigateway
