#include "services/apigateway/gateway_responses.h"

#include <array>
#include <utility>

namespace preflight::apigateway {
namespace {

struct Type {
  std::string_view name;
  std::string_view status;  // empty: the DEFAULT_* types, which have none of their own
};
constexpr std::array<Type, 21> kTypes = {{
    {"DEFAULT_4XX", ""},
    {"DEFAULT_5XX", ""},
    {"ACCESS_DENIED", "403"},
    {"API_CONFIGURATION_ERROR", "500"},
    {"AUTHORIZER_CONFIGURATION_ERROR", "500"},
    {"AUTHORIZER_FAILURE", "500"},
    {"BAD_REQUEST_PARAMETERS", "400"},
    {"BAD_REQUEST_BODY", "400"},
    {"EXPIRED_TOKEN", "403"},
    {"INTEGRATION_FAILURE", "504"},
    {"INTEGRATION_TIMEOUT", "504"},
    {"INVALID_API_KEY", "403"},
    {"INVALID_SIGNATURE", "403"},
    {"MISSING_AUTHENTICATION_TOKEN", "403"},
    {"QUOTA_EXCEEDED", "429"},
    {"REQUEST_TOO_LARGE", "413"},
    {"RESOURCE_NOT_FOUND", "404"},
    {"THROTTLED", "429"},
    {"UNAUTHORIZED", "401"},
    {"UNSUPPORTED_MEDIA_TYPE", "415"},
    {"WAF_FILTERED", "403"},
}};

const Type* find(std::string_view type) {
  for (const auto& t : kTypes) {
    if (t.name == type) {
      return &t;
    }
  }
  return nullptr;
}

}  // namespace

bool is_gateway_response_type(std::string_view type) {
  return find(type) != nullptr;
}

Json default_gateway_response(std::string_view type) {
  const Type* t = find(type);
  Json r{{"responseType", type},
         {"responseParameters", Json::object()},
         {"responseTemplates",
          Json{{"application/json", "{\"message\":$context.error.messageString}"}}},
         {"defaultResponse", true}};
  if (t != nullptr && !t->status.empty()) {
    r["statusCode"] = t->status;
  }
  return r;
}

Json all_gateway_responses(const Json& overrides) {
  Json out = Json::array();
  for (const auto& t : kTypes) {
    const std::string name(t.name);
    out.push_back(overrides.contains(name) ? overrides[name] : default_gateway_response(name));
  }
  return out;
}

Json effective_gateway_response(const Json& overrides, std::string_view type) {
  const std::string name(type);
  Json r = default_gateway_response(type);
  if (overrides.is_object() && overrides.contains(name)) {
    Json own = overrides[name];
    if (!own.contains("statusCode") && r.contains("statusCode")) {
      own["statusCode"] = r["statusCode"];
    }
    return own;
  }
  const Type* t = find(type);
  const std::string family = t && t->status.starts_with('5') ? "DEFAULT_5XX" : "DEFAULT_4XX";
  if (overrides.is_object() && overrides.contains(family)) {
    Json inherited = overrides[family];
    inherited["responseType"] = name;
    inherited["statusCode"] = r.value("statusCode", "");
    return inherited;
  }
  return r;
}

}  // namespace preflight::apigateway
