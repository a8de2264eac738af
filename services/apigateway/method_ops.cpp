#include <set>

#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

// Methods, method responses, integrations and integration responses all live inside their
// resource's document (resourceMethods.GET.methodIntegration.integrationResponses."200"), as
// GetResources?embed=methods shows them.
namespace preflight::apigateway {
namespace {

const PatchRules kMethodRules = {
    {"authorizationType", FieldType::String},     {"authorizerId", FieldType::String},
    {"apiKeyRequired", FieldType::Boolean},       {"operationName", FieldType::String},
    {"requestParameters", FieldType::BooleanMap}, {"requestModels", FieldType::StringMap},
    {"requestValidatorId", FieldType::String},    {"authorizationScopes", FieldType::StringList},
};
const PatchRules kMethodResponseRules = {
    {"responseParameters", FieldType::BooleanMap},
    {"responseModels", FieldType::StringMap},
};
const PatchRules kIntegrationRules = {
    {"type", FieldType::String},
    {"httpMethod", FieldType::String},
    {"uri", FieldType::String},
    {"connectionType", FieldType::String},
    {"connectionId", FieldType::String},
    {"credentials", FieldType::String},
    {"requestParameters", FieldType::StringMap},
    {"requestTemplates", FieldType::StringMap},
    {"passthroughBehavior", FieldType::String},
    {"cacheNamespace", FieldType::String},
    {"cacheKeyParameters", FieldType::StringList},
    {"contentHandling", FieldType::String},
    {"timeoutInMillis", FieldType::Integer},
};
const PatchRules kIntegrationResponseRules = {
    {"selectionPattern", FieldType::String},
    {"responseParameters", FieldType::StringMap},
    {"responseTemplates", FieldType::StringMap},
    {"contentHandling", FieldType::String},
};

// A resource document and the method the request names inside it.
struct MethodRef {
  Scope scope;
  std::string api_id;
  Json resource;
  std::string http_method;

  Json& method() { return resource["resourceMethods"][http_method]; }
  void save(Store& store) {
    store.put(scope, kind::resource, api_id, resource["id"].get<std::string>(), resource);
  }
};

std::string checked_http_method(const Json& input) {
  static const std::set<std::string, std::less<>> methods = {"GET",   "POST", "PUT",     "DELETE",
                                                             "PATCH", "HEAD", "OPTIONS", "ANY"};
  const std::string m = input.value("http_method", "");
  if (!methods.contains(m)) {
    throw errors::bad_request(
        "Invalid HttpMethod specified. Valid options are "
        "GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
  }
  return m;
}

MethodRef load(Backend& b, core::RequestContext& ctx, const Json& input, bool must_exist = true) {
  MethodRef ref{Backend::scope(ctx), input.value("restApiId", ""), Json(), ""};
  ref.resource = b.resource(ref.scope, ref.api_id, input.value("resourceId", ""));
  ref.http_method = checked_http_method(input);
  if (must_exist && !ref.resource["resourceMethods"].contains(ref.http_method)) {
    throw errors::not_found("Invalid Method identifier specified");
  }
  return ref;
}

Json& integration_of(MethodRef& ref) {
  Json& method = ref.method();
  if (!method.contains("methodIntegration")) {
    throw errors::not_found("Invalid Integration identifier specified");
  }
  return method["methodIntegration"];
}

std::string status_code(const Json& input) {
  const std::string code = input.value("statusCode", "");
  if (code.size() != 3 || code[0] < '1' || code[0] > '5' || !std::isdigit(code[1]) ||
      !std::isdigit(code[2])) {
    throw errors::bad_request("Invalid status code specified");
  }
  return code;
}

void check_authorization(Backend& b, const MethodRef& ref, const Json& method) {
  static const std::set<std::string, std::less<>> types = {"NONE", "AWS_IAM", "CUSTOM",
                                                           "COGNITO_USER_POOLS"};
  const std::string type = method.value("authorizationType", "");
  if (!types.contains(type)) {
    throw errors::bad_request(
        "Invalid authorization type specified. Valid options are "
        "NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS");
  }
  if (type == "CUSTOM" || type == "COGNITO_USER_POOLS") {
    const std::string id = method.value("authorizerId", "");
    if (id.empty()) {
      throw errors::bad_request(
          "Invalid authorizer ID specified. Setting the authorization type "
          "to " +
          type + " requires a valid authorizer.");
    }
    const Json authorizer = b.authorizer(ref.scope, ref.api_id, id);
    const bool cognito = authorizer.value("type", "") == "COGNITO_USER_POOLS";
    if (cognito != (type == "COGNITO_USER_POOLS")) {
      throw errors::bad_request(
          "Unable to complete operation due to concurrent modification. "
          "Authorizer type does not match the authorization type.");
    }
  }
}

void check_integration(const Json& integration) {
  static const std::set<std::string, std::less<>> types = {"HTTP", "AWS", "MOCK", "HTTP_PROXY",
                                                           "AWS_PROXY"};
  const std::string type = integration.value("type", "");
  if (!types.contains(type)) {
    throw errors::bad_request(
        "Invalid integration type specified. Valid options are "
        "HTTP,AWS,MOCK,HTTP_PROXY,AWS_PROXY");
  }
  if (type != "MOCK") {
    if (integration.value("uri", "").empty()) {
      throw errors::bad_request("Invalid integration URI specified");
    }
    if (integration.value("httpMethod", "").empty()) {
      throw errors::bad_request("Enumeration value for HttpMethod must be non-empty");
    }
  }
  if (type == "AWS_PROXY" &&
      integration.value("uri", "").find(":lambda:path/") == std::string::npos) {
    throw errors::bad_request(
        "Integrations of type 'AWS_PROXY' currently only supports Lambda "
        "function and Firehose stream invocations.");
  }
  const long long timeout = integration.value("timeoutInMillis", 29000LL);
  if (timeout < 50 || timeout > 29000) {
    throw errors::bad_request("Timeout should be between 50 ms and 29000 ms");
  }
}

}  // namespace

// ---- methods ----

Result put_method(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input, false);
  if (ref.resource["resourceMethods"].contains(ref.http_method)) {
    throw errors::conflict("Method already exists for this resource");
  }
  Json method{{"httpMethod", ref.http_method}, {"apiKeyRequired", false}};
  copy_members(method, input,
               {"authorizationType", "authorizerId", "apiKeyRequired", "operationName",
                "requestParameters", "requestModels", "requestValidatorId", "authorizationScopes"});
  check_authorization(b, ref, method);
  ref.method() = method;
  ref.save(b.store());
  co_return method;
}

Result get_method(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  co_return ref.method();
}

Result update_method(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  Json method = ref.method();
  apply_patch(method, input.value("patchOperations", Json()), kMethodRules);
  check_authorization(b, ref, method);
  ref.method() = method;
  ref.save(b.store());
  co_return method;
}

Result delete_method(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  ref.resource["resourceMethods"].erase(ref.http_method);
  ref.save(b.store());
  co_return Json::object();
}

// ---- method responses ----

Result put_method_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  const std::string code = status_code(input);
  Json response{{"statusCode", code}};
  copy_members(response, input, {"responseParameters", "responseModels"});
  ref.method()["methodResponses"][code] = response;
  ref.save(b.store());
  co_return response;
}

Result get_method_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  const std::string code = input.value("statusCode", "");
  const Json& responses = ref.method().value("methodResponses", Json::object());
  if (!responses.contains(code)) {
    throw errors::not_found("Invalid Response status code specified");
  }
  co_return responses[code];
}

Result update_method_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  const std::string code = input.value("statusCode", "");
  Json& responses = ref.method()["methodResponses"];
  if (!responses.is_object() || !responses.contains(code)) {
    throw errors::not_found("Invalid Response status code specified");
  }
  apply_patch(responses[code], input.value("patchOperations", Json()), kMethodResponseRules);
  const Json out = responses[code];
  ref.save(b.store());
  co_return out;
}

Result delete_method_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  Json& responses = ref.method()["methodResponses"];
  if (!responses.is_object() || responses.erase(input.value("statusCode", "")) == 0) {
    throw errors::not_found("Invalid Response status code specified");
  }
  ref.save(b.store());
  co_return Json::object();
}

// ---- integrations ----

Result put_integration(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  Json integration{{"passthroughBehavior", "WHEN_NO_MATCH"},
                   {"timeoutInMillis", 29000},
                   {"cacheNamespace", ref.resource["id"]},
                   {"cacheKeyParameters", Json::array()}};
  copy_members(integration, input,
               {"type", "httpMethod", "uri", "connectionType", "connectionId", "credentials",
                "requestParameters", "requestTemplates", "passthroughBehavior", "cacheNamespace",
                "cacheKeyParameters", "contentHandling", "timeoutInMillis", "tlsConfig"});
  check_integration(integration);
  ref.method()["methodIntegration"] = integration;
  ref.save(b.store());
  co_return integration;
}

Result get_integration(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  co_return integration_of(ref);
}

Result update_integration(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  Json integration = integration_of(ref);
  apply_patch(integration, input.value("patchOperations", Json()), kIntegrationRules);
  check_integration(integration);
  ref.method()["methodIntegration"] = integration;
  ref.save(b.store());
  co_return integration;
}

Result delete_integration(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  integration_of(ref);
  ref.method().erase("methodIntegration");
  ref.save(b.store());
  co_return Json::object();
}

// ---- integration responses ----

Result put_integration_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  const std::string code = status_code(input);
  Json response{{"statusCode", code}};
  copy_members(response, input,
               {"selectionPattern", "responseParameters", "responseTemplates", "contentHandling"});
  integration_of(ref)["integrationResponses"][code] = response;
  ref.save(b.store());
  co_return response;
}

Result get_integration_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  const Json responses = integration_of(ref).value("integrationResponses", Json::object());
  const std::string code = input.value("statusCode", "");
  if (!responses.contains(code)) {
    throw errors::not_found("Invalid Response status code specified");
  }
  co_return responses[code];
}

Result update_integration_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  Json& responses = integration_of(ref)["integrationResponses"];
  const std::string code = input.value("statusCode", "");
  if (!responses.is_object() || !responses.contains(code)) {
    throw errors::not_found("Invalid Response status code specified");
  }
  apply_patch(responses[code], input.value("patchOperations", Json()), kIntegrationResponseRules);
  const Json out = responses[code];
  ref.save(b.store());
  co_return out;
}

Result delete_integration_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  MethodRef ref = load(b, ctx, input);
  Json& responses = integration_of(ref)["integrationResponses"];
  if (!responses.is_object() || responses.erase(input.value("statusCode", "")) == 0) {
    throw errors::not_found("Invalid Response status code specified");
  }
  ref.save(b.store());
  co_return Json::object();
}

}  // namespace preflight::apigateway
