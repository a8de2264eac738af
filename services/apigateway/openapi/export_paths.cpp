// Resources and methods -> paths and operations (parameters, request bodies, responses,
// security requirements and, with the integrations extension, x-amazon-apigateway-integration).
#include <set>
#include <string>
#include <utility>

#include "emulator/common/strings.h"
#include "services/apigateway/openapi/export_context.h"

namespace preflight::apigateway::openapi::detail {
namespace {

constexpr std::pair<std::string_view, std::string_view> kParameterSources[] = {
    {"method.request.path.", "path"},
    {"method.request.querystring.", "query"},
    {"method.request.multivaluequerystring.", "query"},
    {"method.request.header.", "header"},
    {"method.request.multivalueheader.", "header"}};

std::string lower(std::string s) {
  return to_lower(s);
}

// A string schema in the dialect's place: OAS3 nests it, Swagger 2 inlines "type".
void set_string_type(const ExportContext& ctx, Json& target) {
  if (ctx.swagger2()) {
    target["type"] = "string";
  } else {
    target["schema"] = {{"type", "string"}};
  }
}

Json export_parameters(const ExportContext& ctx, const Json& method) {
  Json params = Json::array();
  for (const auto& [key, required] : object_at(method, "requestParameters").items()) {
    for (const auto& [prefix, in] : kParameterSources) {
      if (!key.starts_with(prefix)) {
        continue;
      }
      Json p = {{"name", key.substr(prefix.size())},
                {"in", in},
                {"required", in == "path" || (required.is_boolean() && required.get<bool>())}};
      set_string_type(ctx, p);
      params.push_back(p);
      break;
    }
  }
  return params;
}

void export_request_models(const ExportContext& ctx, const Json& method, Json& op) {
  const Json models = method.value("requestModels", Json::object());
  if (models.empty() || !models.is_object()) {
    return;
  }
  if (!ctx.swagger2()) {
    for (const auto& [type, model] : models.items()) {
      if (model.is_string()) {
        op["requestBody"]["content"][type]["schema"]["$ref"] = ctx.model_ref(model);
      }
    }
    op["requestBody"]["required"] = true;
    return;
  }
  // Swagger 2 has one body parameter; its media types go to consumes.
  Json consumes = Json::array();
  std::string first;
  for (const auto& [type, model] : models.items()) {
    consumes.push_back(type);
    if (first.empty() && model.is_string()) {
      first = model;
    }
  }
  op["consumes"] = consumes;
  if (!first.empty()) {
    op["parameters"].push_back({{"in", "body"},
                                {"name", first},
                                {"required", true},
                                {"schema", {{"$ref", ctx.model_ref(first)}}}});
  }
}

Json export_responses(const ExportContext& ctx, const Json& method, Json& op) {
  Json responses = Json::object();
  std::set<std::string> produces;
  for (const auto& [code, mr] : object_at(method, "methodResponses").items()) {
    Json r = {{"description", code + " response"}};
    if (mr.is_object()) {
      for (const auto& [key, _] : object_at(mr, "responseParameters").items()) {
        constexpr std::string_view kHeader = "method.response.header.";
        if (key.starts_with(kHeader)) {
          set_string_type(ctx, r["headers"][key.substr(kHeader.size())]);
        }
      }
      for (const auto& [type, model] : object_at(mr, "responseModels").items()) {
        if (!model.is_string()) {
          continue;
        }
        if (ctx.swagger2()) {
          produces.insert(type);
          r["schema"]["$ref"] = ctx.model_ref(model);
        } else {
          r["content"][type]["schema"]["$ref"] = ctx.model_ref(model);
        }
      }
    }
    responses[code] = r;
  }
  if (!produces.empty()) {
    op["produces"] = Json(produces);
  }
  return responses;
}

Json export_security(ExportContext& ctx, const Json& method) {
  Json security = Json::array();
  const std::string type = method.value("authorizationType", "NONE");
  if (type == "AWS_IAM") {
    ctx.uses_sigv4 = true;
    security.push_back({{"sigv4", Json::array()}});
  } else if (type == "CUSTOM" || type == "COGNITO_USER_POOLS") {
    const std::string name = ctx.authorizer_name(method);
    if (!name.empty()) {
      security.push_back({{name, method.value("authorizationScopes", Json::array())}});
    }
  }
  if (method.value("apiKeyRequired", false)) {
    ctx.uses_api_key = true;
    security.push_back({{"api_key", Json::array()}});
  }
  return security;
}

Json export_integration(const Json& integration) {
  Json ext = Json::object();
  for (const char* key :
       {"httpMethod", "uri", "credentials", "requestParameters", "requestTemplates",
        "contentHandling", "timeoutInMillis", "cacheNamespace", "cacheKeyParameters",
        "connectionType", "connectionId", "tlsConfig"}) {
    if (integration.contains(key) && !integration[key].is_null()) {
      ext[key] = integration[key];
    }
  }
  ext["type"] = lower(integration.value("type", "MOCK"));
  if (integration.contains("passthroughBehavior")) {
    ext["passthroughBehavior"] = lower(integration.value("passthroughBehavior", ""));
  }
  for (const auto& [_, ir] : object_at(integration, "integrationResponses").items()) {
    if (!ir.is_object()) {
      continue;
    }
    Json response = Json::object();
    for (const char* key :
         {"statusCode", "responseParameters", "responseTemplates", "contentHandling"}) {
      if (ir.contains(key) && !ir[key].is_null()) {
        response[key] = ir[key];
      }
    }
    const std::string pattern = ir.value("selectionPattern", "");
    ext["responses"][pattern.empty() ? "default" : pattern] = response;
  }
  return ext;
}

Json export_operation(ExportContext& ctx, const Json& method) {
  Json op = Json::object();
  if (method.contains("operationName") && method["operationName"].is_string()) {
    op["operationId"] = method["operationName"];
  }
  op["parameters"] = export_parameters(ctx, method);
  export_request_models(ctx, method, op);
  if (op["parameters"].empty()) {
    op.erase("parameters");
  }
  op["responses"] = export_responses(ctx, method, op);
  if (Json security = export_security(ctx, method); !security.empty()) {
    op["security"] = security;
  }
  if (ctx.integrations) {
    if (const std::string validator = ctx.validator_name(method); !validator.empty()) {
      op["x-amazon-apigateway-request-validator"] = validator;
    }
    if (method.contains("methodIntegration") && method["methodIntegration"].is_object()) {
      op["x-amazon-apigateway-integration"] = export_integration(method["methodIntegration"]);
    }
  }
  return op;
}

}  // namespace

Json export_paths(ExportContext& ctx) {
  std::set<std::string> all_paths;
  for (const Json& resource : ctx.in.resources) {
    all_paths.insert(resource.value("path", ""));
  }
  // A resource with children is implied by their paths; a childless one without methods still
  // needs its (empty) path item, or importing the export would lose it.
  const auto has_children = [&](const std::string& path) {
    const std::string prefix = path + "/";
    const auto next = all_paths.lower_bound(prefix);
    return next != all_paths.end() && next->starts_with(prefix);
  };
  Json paths = Json::object();
  for (const Json& resource : ctx.in.resources) {
    const Json& methods = object_at(resource, "resourceMethods");
    const std::string path = resource.value("path", "");
    if (path.empty() || (methods.empty() && (path == "/" || has_children(path)))) {
      continue;
    }
    Json item = Json::object();
    for (const auto& [http_method, method] : methods.items()) {
      if (!method.is_object()) {
        continue;
      }
      const std::string key =
          http_method == "ANY" ? "x-amazon-apigateway-any-method" : lower(http_method);
      item[key] = export_operation(ctx, method);
    }
    paths[path] = item;
  }
  return paths;
}

}  // namespace preflight::apigateway::openapi::detail
