#pragma once

// java.lang.String's methods as templates use them. Regular expressions are ECMAScript (close to
// java.util.regex for what mapping templates write) run by a matcher whose time is polynomial.

#include <string>
#include <string_view>
#include <vector>

#include "services/apigateway/vtl/runtime.h"
#include "services/apigateway/vtl/value.h"

namespace preflight::apigateway::vtl {

bool call_string_method(Runtime& rt, const std::string& s, std::string_view name,
                        std::vector<Value>& args, Value& out);

}  // namespace preflight::apigateway::vtl
