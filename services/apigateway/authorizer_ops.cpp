#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

namespace preflight::apigateway {
namespace {

const PatchRules kAuthorizerRules = {
    {"name", FieldType::String},
    {"type", FieldType::String},
    {"providerARNs", FieldType::StringList},
    {"authType", FieldType::String},
    {"authorizerUri", FieldType::String},
    {"authorizerCredentials", FieldType::String},
    {"identitySource", FieldType::String},
    {"identityValidationExpression", FieldType::String},
    {"authorizerResultTtlInSeconds", FieldType::Integer},
};

void check_authorizer(const Json& a) {
  const std::string type = a.value("type", "");
  if (type != "TOKEN" && type != "REQUEST" && type != "COGNITO_USER_POOLS") {
    throw errors::bad_request(
        "Invalid authorizer type specified. Valid options are "
        "TOKEN,REQUEST,COGNITO_USER_POOLS");
  }
  if (type == "COGNITO_USER_POOLS") {
    if (!a.contains("providerARNs") || !a["providerARNs"].is_array() || a["providerARNs"].empty()) {
      throw errors::bad_request("ProviderARNs need to be specified for COGNITO_USER_POOLS");
    }
  } else if (a.value("authorizerUri", "").empty()) {
    throw errors::bad_request("Authorizer URI must be specified for " + type + " authorizers");
  }
  const long long ttl = a.value("authorizerResultTtlInSeconds", 300LL);
  if (ttl < 0 || ttl > 3600) {
    throw errors::bad_request(
        "Invalid authorizer TTL specified. Value must be between 0 and "
        "3600");
  }
}

}  // namespace

Json new_authorizer(Store& store, const Scope& s, const std::string& api_id, const Json& input) {
  Json a{{"id", new_id(6)}, {"name", required_string(input, "name")}};
  copy_members(a, input,
               {"type", "providerARNs", "authType", "authorizerUri", "authorizerCredentials",
                "identitySource", "identityValidationExpression", "authorizerResultTtlInSeconds"});
  if (!a.contains("identitySource") && a.value("type", "") != "REQUEST") {
    a["identitySource"] = "method.request.header.Authorization";
  }
  if (!a.contains("authorizerResultTtlInSeconds")) {
    a["authorizerResultTtlInSeconds"] = 300;
  }
  check_authorizer(a);
  store.put(s, kind::authorizer, api_id, a["id"].get<std::string>(), a);
  return a;
}

Result create_authorizer(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  co_return new_authorizer(b.store(), s, api_id, input);
}

Result get_authorizer(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return b.authorizer(Backend::scope(ctx), input.value("restApiId", ""),
                         input.value("authorizerId", ""));
}

Result get_authorizers(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  co_return page(b.store().list(s, kind::authorizer, api_id), input);
}

Result update_authorizer(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  Json a = b.authorizer(s, api_id, input.value("authorizerId", ""));
  apply_patch(a, input.value("patchOperations", Json()), kAuthorizerRules);
  check_authorizer(a);
  b.store().put(s, kind::authorizer, api_id, a["id"].get<std::string>(), a);
  co_return a;
}

Result delete_authorizer(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json a = b.authorizer(s, api_id, input.value("authorizerId", ""));
  for (const auto& r : b.store().list(s, kind::resource, api_id)) {
    for (const auto& [name, m] : r["resourceMethods"].items()) {
      if (m.value("authorizerId", "") == a["id"]) {
        throw errors::conflict("Cannot delete authorizer '" + a.value("name", "") +
                               "', is referenced in method: " + name + " " + r.value("path", ""));
      }
    }
  }
  b.store().erase(s, kind::authorizer, api_id, a["id"].get<std::string>());
  co_return Json::object();
}

}  // namespace preflight::apigateway
