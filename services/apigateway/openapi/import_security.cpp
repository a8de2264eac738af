// Security schemes -> authorizers, and security requirements -> a method's authorizationType,
// authorizerName, authorizationScopes and apiKeyRequired.
#include <string>

#include "emulator/common/strings.h"
#include "services/apigateway/openapi/import_context.h"

namespace preflight::apigateway::openapi::detail {
namespace {

using Kind = SecurityScheme::Kind;

const Json* schemes_object(ImportContext& ctx) {
  if (ctx.swagger2) {
    return object_member(ctx, ctx.doc, "securityDefinitions", "");
  }
  const Json* components = object_member(ctx, ctx.doc, "components", "");
  return components ? object_member(ctx, *components, "securitySchemes", "components") : nullptr;
}

// The header a scheme names ("in: header, name: Authorization") as an identity source.
std::string header_identity_source(ImportContext& ctx, const Json& scheme, const std::string& at) {
  const auto in = string_member(ctx, scheme, "in", at);
  const auto name = string_member(ctx, scheme, "name", at);
  if (in && *in == "header" && name && !name->empty()) {
    return "method.request.header." + *name;
  }
  return "";
}

SecurityScheme import_authorizer(ImportContext& ctx, const std::string& name, const Json& scheme,
                                 const Json& ext, const std::string& at) {
  const std::string where = at + ".x-amazon-apigateway-authorizer";
  const auto type_text = string_member(ctx, ext, "type", where);
  const std::string type = type_text ? to_upper(*type_text) : "";
  if (type != "TOKEN" && type != "REQUEST" && type != "COGNITO_USER_POOLS") {
    ctx.error("Unable to create authorizer '" + name +
              "': type must be token, request or cognito_user_pools");
    return {};
  }
  Json authorizer = {{"name", name}, {"type", type}, {"authorizerResultTtlInSeconds", 300}};
  if (auto auth_type = string_member(ctx, scheme, "x-amazon-apigateway-authtype", at)) {
    authorizer["authType"] = *auth_type;
  }
  for (const char* key : {"authorizerUri", "authorizerCredentials", "identitySource",
                          "identityValidationExpression"}) {
    if (auto value = string_member(ctx, ext, key, where)) {
      authorizer[key] = *value;
    }
  }
  if (auto ttl = int_member(ctx, ext, "authorizerResultTtlInSeconds", where)) {
    if (*ttl < 0 || *ttl > 3600) {
      ctx.error("Unable to create authorizer '" + name +
                "': authorizerResultTtlInSeconds must be between 0 and 3600");
    }
    authorizer["authorizerResultTtlInSeconds"] = *ttl;
  }
  if (auto arns = string_list_member(ctx, ext, "providerARNs", where)) {
    authorizer["providerARNs"] = *arns;
  }
  if (!authorizer.contains("identitySource") && type != "REQUEST") {
    const std::string source = header_identity_source(ctx, scheme, at);
    if (!source.empty()) {
      authorizer["identitySource"] = source;
    }
  }
  if (type == "COGNITO_USER_POOLS") {
    if (!authorizer.contains("providerARNs") || authorizer["providerARNs"].empty()) {
      ctx.error("Unable to create authorizer '" + name + "': providerARNs are required");
    }
  } else if (!authorizer.contains("authorizerUri")) {
    ctx.error("Unable to create authorizer '" + name + "': authorizerUri is required");
  }
  if (type == "TOKEN" && !authorizer.contains("identitySource")) {
    ctx.error("Unable to create authorizer '" + name + "': identitySource is required");
  }
  ctx.out.authorizers.push_back(authorizer);
  return {Kind::Authorizer, type};
}

SecurityScheme import_scheme(ImportContext& ctx, const std::string& name, const Json& scheme) {
  const std::string at = "security scheme " + name;
  if (!scheme.is_object()) {
    ctx.error(at + " must be an object");
    return {};
  }
  if (const Json* ext = object_member(ctx, scheme, "x-amazon-apigateway-authorizer", at)) {
    return import_authorizer(ctx, name, scheme, *ext, at);
  }
  const auto auth_type = string_member(ctx, scheme, "x-amazon-apigateway-authtype", at);
  if (auth_type && iequals(*auth_type, "awsSigv4")) {
    return {Kind::Iam, ""};
  }
  const auto type = string_member(ctx, scheme, "type", at);
  const auto in = string_member(ctx, scheme, "in", at);
  const auto header = string_member(ctx, scheme, "name", at);
  if (type && *type == "apiKey" && in && *in == "header" && header &&
      iequals(*header, "x-api-key")) {
    return {Kind::ApiKey, ""};
  }
  ctx.warn("Security scheme '" + name +
           "' is not an API key, IAM or x-amazon-apigateway-authorizer scheme. Ignoring.");
  return {};
}

void apply_requirement(ImportContext& ctx, const std::string& scheme_name, const Json& scopes,
                       Json& method, const std::string& where) {
  const auto found = ctx.schemes.find(scheme_name);
  if (found == ctx.schemes.end()) {
    ctx.error(where + ": security requirement names undefined security scheme '" + scheme_name +
              "'");
    return;
  }
  if (!scopes.is_array()) {
    ctx.error(where + ": the scopes of security requirement '" + scheme_name + "' must be a list");
    return;
  }
  const SecurityScheme& scheme = found->second;
  const bool has_auth = method.value("authorizationType", "NONE") != "NONE";
  switch (scheme.kind) {
    case Kind::ApiKey:
      method["apiKeyRequired"] = true;
      return;
    case Kind::Unsupported:
      return;  // warned about once, where the scheme is defined
    case Kind::Iam:
    case Kind::Authorizer:
      break;
  }
  if (has_auth) {
    ctx.warn(where + ": more than one authorizer applies; using the first, ignoring '" +
             scheme_name + "'");
    return;
  }
  if (scheme.kind == Kind::Iam) {
    method["authorizationType"] = "AWS_IAM";
    return;
  }
  const bool cognito = scheme.authorizer_type == "COGNITO_USER_POOLS";
  method["authorizationType"] = cognito ? "COGNITO_USER_POOLS" : "CUSTOM";
  method["authorizerName"] = scheme_name;
  if (!scopes.empty()) {
    for (const Json& scope : scopes) {
      if (!scope.is_string()) {
        ctx.error(where + ": security scopes must be strings");
        return;
      }
    }
    if (cognito) {
      method["authorizationScopes"] = scopes;
    } else {
      ctx.warn(where + ": scopes apply only to Cognito user pool authorizers; ignoring them");
    }
  }
}

}  // namespace

void import_security_schemes(ImportContext& ctx) {
  if (const Json* schemes = schemes_object(ctx)) {
    for (const auto& [name, scheme] : schemes->items()) {
      const Json* resolved = ctx.resolve(scheme, "security scheme " + name);
      ctx.schemes[name] = resolved ? import_scheme(ctx, name, *resolved) : SecurityScheme{};
    }
  }
  ctx.root_security = array_member(ctx, ctx.doc, "security", "");
}

void apply_security(ImportContext& ctx, const Json& operation, Json& method,
                    const std::string& where) {
  const Json* requirements = ctx.root_security;
  if (member(operation, "security") != nullptr) {
    requirements = array_member(ctx, operation, "security", where);
  }
  if (requirements == nullptr) {
    return;
  }
  for (const Json& requirement : *requirements) {
    if (!requirement.is_object()) {
      ctx.error(where + ": each security requirement must be an object");
      continue;
    }
    for (const auto& [name, scopes] : requirement.items()) {
      apply_requirement(ctx, name, scopes, method, where);
    }
  }
}

}  // namespace preflight::apigateway::openapi::detail
