#pragma once

// The Java methods and bean properties templates call on values: String, List, Map, numbers,
// booleans, and host objects. An unknown method or property yields false ("not found"), which
// the reference then renders like null.

#include <string_view>
#include <vector>

#include "services/apigateway/vtl/runtime.h"
#include "services/apigateway/vtl/value.h"

namespace preflight::apigateway::vtl {

// A method with no result (List.clear, Map.putAll) returns this: Velocity renders void as "".
inline Value void_result() {
  return Value(std::string());
}

bool call_method(Runtime& rt, const Value& target, std::string_view name, std::vector<Value>& args,
                 Value& out);
// $x.name: a map's get("name"), else getName() / isName() as Velocity's introspection tries.
bool get_property(Runtime& rt, const Value& target, std::string_view name, Value& out);
// $x[i]: a list element (negative counts from the end) or a map value.
Value get_index(Runtime& rt, const Value& target, const Value& index);

bool truthy(const Value& value);

}  // namespace preflight::apigateway::vtl
