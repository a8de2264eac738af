// export_definition: the document around the paths: info, servers / host, security schemes,
// models, and (with the integrations extension) the API-wide x-amazon-apigateway-* extensions.
#include <string>

#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "services/apigateway/openapi/export_context.h"

namespace preflight::apigateway::openapi::detail {
namespace {

constexpr std::size_t kMaxSchemaDepth = 128;

// Model schemas may point at other models in any dialect's spelling (imports keep what they
// were given; API Gateway's own form is .../restapis/{id}/models/Name); export uses the target's.
void rewrite_refs(const ExportContext& ctx, Json& schema, std::size_t depth) {
  if (depth > kMaxSchemaDepth) {
    return;
  }
  if (schema.is_object()) {
    for (auto& [key, value] : schema.items()) {
      if (key == "$ref" && value.is_string()) {
        const std::string ref = value;
        const auto slash = ref.rfind('/');
        const bool model_ref = ref.starts_with("#/definitions/") ||
                               ref.starts_with("#/components/schemas/") ||
                               ref.find("/models/") != std::string::npos;
        if (model_ref && slash != std::string::npos) {
          value = ctx.model_ref(ref.substr(slash + 1));
        }
      } else {
        rewrite_refs(ctx, value, depth + 1);
      }
    }
  } else if (schema.is_array()) {
    for (auto& item : schema) {
      rewrite_refs(ctx, item, depth + 1);
    }
  }
}

Json export_models(const ExportContext& ctx) {
  Json schemas = Json::object();
  for (const auto& [name, model] : ctx.in.models.items()) {
    const std::string text = model.is_object() ? model.value("schema", "") : "";
    Json schema = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (schema.is_discarded() || !schema.is_object()) {
      schema = Json::object();  // a model without a (JSON) schema still has a name
    }
    rewrite_refs(ctx, schema, 0);
    schemas[name] = schema;
  }
  return schemas;
}

std::string header_of(const std::string& identity_source, const std::string& fallback) {
  constexpr std::string_view kHeader = "method.request.header.";
  if (identity_source.starts_with(kHeader) && identity_source.find(',') == std::string::npos) {
    return identity_source.substr(kHeader.size());
  }
  return fallback;
}

Json export_authorizer_scheme(const ExportContext& ctx, const Json& authorizer) {
  const std::string type = authorizer.value("type", "TOKEN");
  const std::string source = authorizer.value("identitySource", "");
  const bool cognito = type == "COGNITO_USER_POOLS";
  Json scheme = {{"type", "apiKey"},
                 {"name", header_of(source, type == "REQUEST" ? "Unused" : "Authorization")},
                 {"in", "header"},
                 {"x-amazon-apigateway-authtype",
                  authorizer.value("authType", cognito ? "cognito_user_pools" : "custom")}};
  if (ctx.authorizers) {
    Json ext = {{"type", to_lower(type)}};
    for (const char* key :
         {"authorizerUri", "authorizerCredentials", "identitySource",
          "identityValidationExpression", "authorizerResultTtlInSeconds", "providerARNs"}) {
      if (authorizer.contains(key) && !authorizer[key].is_null()) {
        ext[key] = authorizer[key];
      }
    }
    scheme["x-amazon-apigateway-authorizer"] = ext;
  }
  return scheme;
}

Json export_security_schemes(const ExportContext& ctx) {
  Json schemes = Json::object();
  for (const Json& authorizer : ctx.in.authorizers) {
    const std::string name = authorizer.value("name", "");
    if (!name.empty()) {
      schemes[name] = export_authorizer_scheme(ctx, authorizer);
    }
  }
  if (ctx.uses_api_key) {
    schemes["api_key"] = {{"type", "apiKey"}, {"name", "x-api-key"}, {"in", "header"}};
  }
  if (ctx.uses_sigv4) {
    schemes["sigv4"] = {{"type", "apiKey"},
                        {"name", "Authorization"},
                        {"in", "header"},
                        {"x-amazon-apigateway-authtype", "awsSigv4"}};
  }
  return schemes;
}

Json export_info(const Json& api) {
  Json info = {{"title", api.value("name", "")}};
  if (api.contains("description") && api["description"].is_string()) {
    info["description"] = api["description"];
  }
  // API Gateway fills a missing version with the API's creation time.
  std::string version = api.value("version", "");
  if (version.empty()) {
    const Json created = api.value("createdDate", Json());
    version = created.is_string()           ? created.get<std::string>()
              : created.is_number_integer() ? iso8601(created.get<std::int64_t>())
                                            : "1.0";
  }
  info["version"] = version;
  return info;
}

void export_api_extensions(const ExportContext& ctx, Json& doc) {
  const Json& api = ctx.in.api;
  if (api.contains("binaryMediaTypes") && !api["binaryMediaTypes"].empty()) {
    doc["x-amazon-apigateway-binary-media-types"] = api["binaryMediaTypes"];
  }
  if (api.contains("apiKeySource") && api["apiKeySource"].is_string()) {
    doc["x-amazon-apigateway-api-key-source"] = api["apiKeySource"];
  }
  if (api.contains("minimumCompressionSize") && api["minimumCompressionSize"].is_number()) {
    doc["x-amazon-apigateway-minimum-compression-size"] = api["minimumCompressionSize"];
  }
  if (api.contains("policy") && api["policy"].is_string() && !api["policy"].empty()) {
    Json policy = Json::parse(api["policy"].get<std::string>(), nullptr, false);
    doc["x-amazon-apigateway-policy"] = policy.is_discarded() ? api["policy"] : policy;
  }
  Json endpoint = Json::object();
  if (const Json config = api.value("endpointConfiguration", Json()); config.is_object()) {
    for (const char* key : {"vpcEndpointIds", "ipAddressType"}) {
      if (config.contains(key)) {
        endpoint[key] = config[key];
      }
    }
  }
  if (api.value("disableExecuteApiEndpoint", false)) {
    endpoint["disableExecuteApiEndpoint"] = true;
  }
  if (!endpoint.empty()) {
    doc["x-amazon-apigateway-endpoint-configuration"] = endpoint;
  }
  if (ctx.in.gateway_responses.is_object() && !ctx.in.gateway_responses.empty()) {
    Json responses = Json::object();
    for (const auto& [type, gr] : ctx.in.gateway_responses.items()) {
      Json r = Json::object();
      for (const char* key : {"statusCode", "responseParameters", "responseTemplates"}) {
        if (gr.is_object() && gr.contains(key) && !gr[key].is_null()) {
          r[key] = gr[key];
        }
      }
      responses[type] = r;
    }
    doc["x-amazon-apigateway-gateway-responses"] = responses;
  }
  Json validators = Json::object();
  for (const Json& v : ctx.in.request_validators) {
    validators[v.value("name", "")] = {
        {"validateRequestBody", v.value("validateRequestBody", false)},
        {"validateRequestParameters", v.value("validateRequestParameters", false)}};
  }
  if (!validators.empty()) {
    doc["x-amazon-apigateway-request-validators"] = validators;
  }
}

Json export_tags(const Json& api) {
  Json tags = Json::array();
  for (const auto& [name, value] : object_at(api, "tags").items()) {
    tags.push_back({{"name", name}, {"x-amazon-apigateway-tag-value", value}});
  }
  return tags;
}

}  // namespace

const Json& object_at(const Json& obj, const char* key) {
  static const Json kEmpty = Json::object();
  if (obj.is_object()) {
    const auto it = obj.find(key);
    if (it != obj.end() && it->is_object()) {
      return *it;
    }
  }
  return kEmpty;
}

std::string ExportContext::model_ref(const std::string& model) const {
  return (swagger2() ? "#/definitions/" : "#/components/schemas/") + model;
}

std::string ExportContext::authorizer_name(const Json& method) const {
  const std::string id = method.value("authorizerId", "");
  for (const Json& a : in.authorizers) {
    if (!id.empty() && a.value("id", "") == id) {
      return a.value("name", "");
    }
  }
  return method.value("authorizerName", "");
}

std::string ExportContext::validator_name(const Json& method) const {
  const std::string id = method.value("requestValidatorId", "");
  for (const Json& v : in.request_validators) {
    if (!id.empty() && v.value("id", "") == id) {
      return v.value("name", "");
    }
  }
  return method.value("requestValidatorName", "");
}

}  // namespace preflight::apigateway::openapi::detail

namespace preflight::apigateway::openapi {

Json export_definition(const ExportInput& in, ExportFormat format, std::string_view extensions) {
  detail::ExportContext ctx{.in = in, .format = format};
  for (const auto part : split(extensions, ',')) {
    const std::string ext = to_lower(trim(part));
    ctx.integrations = ctx.integrations || ext == "integrations" || ext == "apigateway";
    ctx.authorizers = ctx.authorizers || ext == "authorizers" || ext == "apigateway";
  }
  const Json api = in.api.is_object() ? in.api : Json::object();
  Json doc = Json::object();
  if (ctx.swagger2()) {
    doc["swagger"] = "2.0";
  } else {
    doc["openapi"] = "3.0.1";
  }
  doc["info"] = detail::export_info(api);
  if (ctx.swagger2()) {
    if (!in.host.empty()) {
      doc["host"] = in.host;
    }
    doc["basePath"] = "/" + in.stage_name;
    doc["schemes"] = {"https"};
  } else {
    const std::string host = in.host.empty() ? "" : "https://" + in.host;
    doc["servers"] = {{{"url", host + "/{basePath}"},
                       {"variables", {{"basePath", {{"default", in.stage_name}}}}}}};
  }
  doc["paths"] = detail::export_paths(ctx);
  const Json schemes = detail::export_security_schemes(ctx);
  const Json models = detail::export_models(ctx);
  if (ctx.swagger2()) {
    if (!schemes.empty()) {
      doc["securityDefinitions"] = schemes;
    }
    if (!models.empty()) {
      doc["definitions"] = models;
    }
  } else {
    if (!schemes.empty()) {
      doc["components"]["securitySchemes"] = schemes;
    }
    if (!models.empty()) {
      doc["components"]["schemas"] = models;
    }
  }
  if (ctx.integrations) {
    if (Json tags = detail::export_tags(api); !tags.empty()) {
      doc["tags"] = tags;
    }
    detail::export_api_extensions(ctx, doc);
  }
  return doc;
}

}  // namespace preflight::apigateway::openapi
