// The API-wide parts of a definition: info, the root x-amazon-apigateway-* extensions, models,
// gateway responses and request validators.
#include <array>
#include <cctype>
#include <string>

#include "services/apigateway/openapi/import_context.h"

namespace preflight::apigateway::openapi::detail {
namespace {

constexpr std::string_view kExt = "x-amazon-apigateway-";

constexpr std::array<std::string_view, 21> kGatewayResponseTypes = {
    "DEFAULT_4XX",
    "DEFAULT_5XX",
    "RESOURCE_NOT_FOUND",
    "UNAUTHORIZED",
    "INVALID_API_KEY",
    "ACCESS_DENIED",
    "AUTHORIZER_FAILURE",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "INVALID_SIGNATURE",
    "EXPIRED_TOKEN",
    "MISSING_AUTHENTICATION_TOKEN",
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
    "API_CONFIGURATION_ERROR",
    "UNSUPPORTED_MEDIA_TYPE",
    "BAD_REQUEST_PARAMETERS",
    "BAD_REQUEST_BODY",
    "REQUEST_TOO_LARGE",
    "THROTTLED",
    "QUOTA_EXCEEDED",
    "WAF_FILTERED"};

// Root extensions handled elsewhere or on purpose not at all (they configure other products or
// features the emulator does not model).
constexpr std::array<std::string_view, 8> kKnownRootExtensions = {
    "binary-media-types",     "api-key-source", "gateway-responses",  "minimum-compression-size",
    "endpoint-configuration", "policy",         "request-validators", "request-validator"};

bool is_alphanumeric(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (const char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

void import_info(ImportContext& ctx) {
  Json& api = ctx.out.api;
  const Json* info = object_member(ctx, ctx.doc, "info", "");
  const auto title = info ? string_member(ctx, *info, "title", "info") : std::nullopt;
  if (!title || title->empty()) {
    ctx.error("Invalid API definition: info.title (the API's name) is required");
  } else {
    api["name"] = *title;
  }
  if (info == nullptr) {
    return;
  }
  if (auto description = string_member(ctx, *info, "description", "info")) {
    api["description"] = *description;
  }
  if (const Json* v = member(*info, "version"); v != nullptr && v->is_number()) {
    api["version"] = v->dump();  // `version: 1.0` in YAML is a number
  } else if (auto version = string_member(ctx, *info, "version", "info")) {
    api["version"] = *version;
  }
}

void import_tags(ImportContext& ctx) {
  const Json* tags = array_member(ctx, ctx.doc, "tags", "");
  if (tags == nullptr) {
    return;
  }
  for (const Json& tag : *tags) {
    const auto name = string_member(ctx, tag, "name", "tags[]");
    const auto value = string_member(ctx, tag, "x-amazon-apigateway-tag-value", "tags[]");
    if (name && value) {
      ctx.out.api["tags"][*name] = *value;
    }
  }
}

void import_endpoint_configuration(ImportContext& ctx, const Json& ext) {
  const std::string where = "x-amazon-apigateway-endpoint-configuration";
  Json config = Json::object();
  if (auto ids = string_list_member(ctx, ext, "vpcEndpointIds", where)) {
    config["vpcEndpointIds"] = *ids;
  }
  if (auto types = string_list_member(ctx, ext, "types", where)) {
    config["types"] = *types;
  }
  if (auto ip = string_member(ctx, ext, "ipAddressType", where)) {
    config["ipAddressType"] = *ip;
  }
  if (!config.empty()) {
    ctx.out.api["endpointConfiguration"] = config;
  }
  if (auto disable = bool_member(ctx, ext, "disableExecuteApiEndpoint", where)) {
    ctx.out.api["disableExecuteApiEndpoint"] = *disable;
  }
}

void import_root_extensions(ImportContext& ctx) {
  const Json& doc = ctx.doc;
  Json& api = ctx.out.api;
  const std::string root = "x-amazon-apigateway";
  if (auto types = string_list_member(ctx, doc, "x-amazon-apigateway-binary-media-types", root)) {
    api["binaryMediaTypes"] = *types;
  }
  if (auto source = string_member(ctx, doc, "x-amazon-apigateway-api-key-source", root)) {
    const std::string upper = to_upper(*source);
    if (upper != "HEADER" && upper != "AUTHORIZER") {
      ctx.error("Invalid API key source '" + *source + "': must be HEADER or AUTHORIZER");
    } else {
      api["apiKeySource"] = upper;
    }
  }
  if (auto size = int_member(ctx, doc, "x-amazon-apigateway-minimum-compression-size", root)) {
    if (*size < 0 || *size > 10485760) {
      ctx.error("Invalid minimum compression size: must be between 0 and 10485760");
    } else {
      api["minimumCompressionSize"] = *size;
    }
  }
  if (const Json* ext = object_member(ctx, doc, "x-amazon-apigateway-endpoint-configuration", "")) {
    import_endpoint_configuration(ctx, *ext);
  }
  if (const Json* policy = member(doc, "x-amazon-apigateway-policy")) {
    if (policy->is_object()) {
      api["policy"] = policy->dump();
    } else if (policy->is_string()) {
      api["policy"] = *policy;
    } else {
      ctx.error("x-amazon-apigateway-policy must be an IAM policy document");
    }
  }
  for (const auto& [key, value] : doc.items()) {
    if (!key.starts_with(kExt)) {
      continue;
    }
    const std::string_view name = std::string_view(key).substr(kExt.size());
    bool known = false;
    for (const auto k : kKnownRootExtensions) {
      known = known || k == name;
    }
    if (!known) {
      ctx.warn("Ignored unsupported extension " + key);
    }
  }
}

}  // namespace

void import_api_fields(ImportContext& ctx) {
  import_info(ctx);
  import_tags(ctx);
  import_root_extensions(ctx);
}

void import_models(ImportContext& ctx) {
  const Json* schemas = nullptr;
  if (ctx.swagger2) {
    schemas = object_member(ctx, ctx.doc, "definitions", "");
  } else if (const Json* components = object_member(ctx, ctx.doc, "components", "")) {
    schemas = object_member(ctx, *components, "schemas", "components");
  }
  if (schemas == nullptr) {
    return;
  }
  for (const auto& [name, schema] : schemas->items()) {
    if (!is_alphanumeric(name)) {
      ctx.warn("Model name must be alphanumeric: " + name + ". Ignoring.");
      continue;
    }
    if (!schema.is_object()) {
      ctx.error("Invalid model schema specified for model " + name);
      continue;
    }
    ctx.out.models[name] = {
        {"name", name},
        {"contentType", "application/json"},
        {"schema", schema.dump(-1, ' ', false, Json::error_handler_t::replace)}};
    if (auto description = string_member(ctx, schema, "description", "model " + name)) {
      ctx.out.models[name]["description"] = *description;
    }
  }
}

void import_gateway_responses(ImportContext& ctx) {
  const std::string where = "x-amazon-apigateway-gateway-responses";
  const Json* responses = object_member(ctx, ctx.doc, where, "");
  if (responses == nullptr) {
    return;
  }
  for (const auto& [type, response] : responses->items()) {
    bool known = false;
    for (const auto t : kGatewayResponseTypes) {
      known = known || t == type;
    }
    if (!known) {
      ctx.error("Invalid gateway response type '" + type + "'");
      continue;
    }
    const std::string at = where + "." + type;
    if (!response.is_object()) {
      ctx.error(at + " must be an object");
      continue;
    }
    Json shape = {{"responseType", type}};
    if (auto status = text_member(ctx, response, "statusCode", at)) {
      shape["statusCode"] = *status;
    }
    if (auto params = string_map_member(ctx, response, "responseParameters", at)) {
      shape["responseParameters"] = *params;
    }
    if (auto templates = string_map_member(ctx, response, "responseTemplates", at)) {
      shape["responseTemplates"] = *templates;
    }
    ctx.out.gateway_responses[type] = shape;
  }
}

void import_request_validators(ImportContext& ctx) {
  const std::string where = "x-amazon-apigateway-request-validators";
  if (const Json* validators = object_member(ctx, ctx.doc, where, "")) {
    for (const auto& [name, validator] : validators->items()) {
      const std::string at = where + "." + name;
      if (!validator.is_object()) {
        ctx.error(at + " must be an object");
        continue;
      }
      Json shape = {
          {"name", name}, {"validateRequestBody", false}, {"validateRequestParameters", false}};
      if (auto body = bool_member(ctx, validator, "validateRequestBody", at)) {
        shape["validateRequestBody"] = *body;
      }
      if (auto params = bool_member(ctx, validator, "validateRequestParameters", at)) {
        shape["validateRequestParameters"] = *params;
      }
      ctx.out.request_validators[name] = shape;
    }
  }
  if (auto name = string_member(ctx, ctx.doc, "x-amazon-apigateway-request-validator", "")) {
    if (!ctx.out.request_validators.contains(*name)) {
      ctx.error("Unable to find request validator '" + *name + "'");
    } else {
      ctx.default_validator = *name;
    }
  }
}

}  // namespace preflight::apigateway::openapi::detail
