#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

// API Gateway's Update* calls take patchOperations: {op: add|remove|replace|move|copy, path,
// value, from}, values always strings. Paths are JSON-pointer-like ("/variables/fn",
// "/binaryMediaTypes/image~1png", "/canarySettings/percentTraffic"); each entity declares which
// top-level members may be patched and their types, so "10" becomes 10.0 where AWS has a double.
namespace preflight::apigateway {

enum class FieldType {
  String,
  Integer,
  Number,
  Boolean,
  StringList,  // add/remove one element: "/binaryMediaTypes/image~1png" or "/providerARNs" + value
  StringMap,   // "/variables/NAME"
  BooleanMap,  // Method.requestParameters: "method.request.querystring.q" -> true
  Object,      // nested members, typed by name ("/canarySettings/percentTraffic")
};

using PatchRules = std::map<std::string, FieldType, std::less<>>;

// Splits "/a/b~1c" into {"a", "b/c"}.
std::vector<std::string> patch_path(std::string_view path);

// Applies every operation in order to doc. Throws BadRequestException for an unknown op, a path
// the rules do not allow, or a value of the wrong type.
void apply_patch(Json& doc, const Json& operations, const PatchRules& rules);

// "true"/"false" and numbers as API Gateway reads them from a patch value.
Json patch_value(std::string_view member, const Json& value, FieldType type);

}  // namespace preflight::apigateway
