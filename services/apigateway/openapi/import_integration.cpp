// x-amazon-apigateway-integration -> the Integration shape (with integrationResponses).
#include <string>

#include "services/apigateway/openapi/import_context.h"

namespace preflight::apigateway::openapi::detail {
namespace {

constexpr long long kDefaultTimeoutMillis = 29000;

bool is_integration_type(const std::string& t) {
  return t == "AWS" || t == "AWS_PROXY" || t == "HTTP" || t == "HTTP_PROXY" || t == "MOCK";
}

bool is_content_handling(const std::string& s) {
  return s == "CONVERT_TO_BINARY" || s == "CONVERT_TO_TEXT";
}

// The responses map: keys are selection patterns ("default" = none), values name the status.
void import_responses(ImportContext& ctx, const Json& responses, Json& integration,
                      const std::string& where) {
  Json out = Json::object();
  for (const auto& [pattern, response] : responses.items()) {
    const std::string at = where + ".responses." + pattern;
    if (!response.is_object()) {
      ctx.error(at + " must be an object");
      continue;
    }
    const auto status = text_member(ctx, response, "statusCode", at);
    if (!status) {
      ctx.error(at + ": statusCode is required");
      continue;
    }
    Json shape = {{"statusCode", *status}};
    if (pattern != "default") {
      shape["selectionPattern"] = pattern;
    }
    if (auto params = string_map_member(ctx, response, "responseParameters", at)) {
      shape["responseParameters"] = *params;
    }
    if (auto templates = string_map_member(ctx, response, "responseTemplates", at)) {
      shape["responseTemplates"] = *templates;
    }
    if (auto handling = string_member(ctx, response, "contentHandling", at)) {
      if (!is_content_handling(*handling)) {
        ctx.error(at + ": invalid contentHandling '" + *handling + "'");
      }
      shape["contentHandling"] = *handling;
    }
    if (out.contains(*status)) {
      // API Gateway keys integration responses by status code, so one of the two is lost.
      ctx.warn(where + ": more than one integration response for status " + *status +
               "; keeping the one for '" + pattern + "'");
    }
    out[*status] = shape;
  }
  if (!out.empty()) {
    integration["integrationResponses"] = out;
  }
}

}  // namespace

std::optional<Json> import_integration(ImportContext& ctx, const Json& ext,
                                       const std::string& where) {
  const std::string at = where + ".x-amazon-apigateway-integration";
  if (!ext.is_object()) {
    ctx.error(at + " must be an object");
    return std::nullopt;
  }
  const std::size_t errors_before = ctx.errors.size();
  const auto type_text = string_member(ctx, ext, "type", at);
  const std::string type = type_text ? to_upper(*type_text) : "";
  if (!is_integration_type(type)) {
    ctx.error("Unable to put integration on " + where + ": Invalid integration type '" +
              type_text.value_or("") + "'; expected aws, aws_proxy, http, http_proxy or mock");
    return std::nullopt;
  }
  Json integration = {{"type", type},
                      {"passthroughBehavior", "WHEN_NO_MATCH"},
                      {"timeoutInMillis", kDefaultTimeoutMillis},
                      {"connectionType", "INTERNET"}};
  if (auto method = string_member(ctx, ext, "httpMethod", at)) {
    integration["httpMethod"] = to_upper(*method);
  }
  for (const char* key : {"uri", "credentials", "cacheNamespace", "connectionId"}) {
    if (auto value = string_member(ctx, ext, key, at)) {
      integration[key] = *value;  // ${stageVariables.x} stays as written
    }
  }
  if (type != "MOCK" && !integration.contains("uri")) {
    ctx.error("Unable to put integration on " + where + ": Invalid integration URI specified");
  }
  if (type != "MOCK" && !integration.contains("httpMethod")) {
    ctx.error("Unable to put integration on " + where +
              ": Enumeration value for HttpMethod must be non-empty");
  }
  if (auto behavior = string_member(ctx, ext, "passthroughBehavior", at)) {
    const std::string upper = to_upper(*behavior);
    if (upper != "WHEN_NO_MATCH" && upper != "WHEN_NO_TEMPLATES" && upper != "NEVER") {
      ctx.error(at + ": invalid passthroughBehavior '" + *behavior + "'");
    }
    integration["passthroughBehavior"] = upper;
  }
  if (auto connection = string_member(ctx, ext, "connectionType", at)) {
    integration["connectionType"] = to_upper(*connection);
  }
  if (auto handling = string_member(ctx, ext, "contentHandling", at)) {
    if (!is_content_handling(*handling)) {
      ctx.error(at + ": invalid contentHandling '" + *handling + "'");
    }
    integration["contentHandling"] = *handling;
  }
  if (auto timeout = int_member(ctx, ext, "timeoutInMillis", at)) {
    if (*timeout < 50) {
      ctx.error(at + ": timeoutInMillis must be at least 50");
    }
    integration["timeoutInMillis"] = *timeout;
  }
  if (auto params = string_map_member(ctx, ext, "requestParameters", at)) {
    integration["requestParameters"] = *params;
  }
  if (auto templates = string_map_member(ctx, ext, "requestTemplates", at)) {
    integration["requestTemplates"] = *templates;
  }
  if (auto keys = string_list_member(ctx, ext, "cacheKeyParameters", at)) {
    integration["cacheKeyParameters"] = *keys;
  }
  if (const Json* tls = object_member(ctx, ext, "tlsConfig", at)) {
    if (auto skip = bool_member(ctx, *tls, "insecureSkipVerification", at + ".tlsConfig")) {
      integration["tlsConfig"] = {{"insecureSkipVerification", *skip}};
    }
  }
  if (const Json* responses = object_member(ctx, ext, "responses", at)) {
    import_responses(ctx, *responses, integration, at);
  }
  if (ctx.errors.size() != errors_before) {
    return std::nullopt;
  }
  return integration;
}

}  // namespace preflight::apigateway::openapi::detail
