#include "emulator/common/time_format.h"
#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

namespace preflight::apigateway {
namespace {

const PatchRules kApiRules = {
    {"name", FieldType::String},
    {"description", FieldType::String},
    {"version", FieldType::String},
    {"binaryMediaTypes", FieldType::StringList},
    {"minimumCompressionSize", FieldType::Integer},
    {"apiKeySource", FieldType::String},
    {"policy", FieldType::String},
    {"disableExecuteApiEndpoint", FieldType::Boolean},
    {"endpointConfiguration", FieldType::Object},
};

void check_api_key_source(const Json& api) {
  const std::string source = api.value("apiKeySource", "HEADER");
  if (source != "HEADER" && source != "AUTHORIZER") {
    throw errors::bad_request("Invalid apiKeySource: " + source);
  }
}

}  // namespace

Json new_rest_api(Store& store, const Scope& s, const Json& input) {
  Json api = Json::object();
  api["id"] = new_id(10);
  api["name"] = required_string(input, "name");
  api["createdDate"] = unix_now();
  api["apiKeySource"] = "HEADER";
  api["endpointConfiguration"] = Json{{"types", Json::array({"EDGE"})}};
  api["disableExecuteApiEndpoint"] = false;
  copy_members(
      api, input,
      {"description", "version", "binaryMediaTypes", "minimumCompressionSize", "apiKeySource",
       "endpointConfiguration", "policy", "tags", "disableExecuteApiEndpoint"});
  check_api_key_source(api);
  Json root{{"id", new_id(10)}, {"path", "/"}, {"resourceMethods", Json::object()}};
  api["rootResourceId"] = root["id"];
  const std::string id = api["id"].get<std::string>();
  store.put(s, kind::resource, id, root["id"].get<std::string>(), root);
  store.put(s, kind::api, "", id, api);
  return api;
}

Result create_rest_api(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return new_rest_api(b.store(), Backend::scope(ctx), input);
}

Result get_rest_api(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return b.api(Backend::scope(ctx), input.value("restApiId", ""));
}

Result get_rest_apis(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return page(b.store().list(Backend::scope(ctx), kind::api, ""), input);
}

Result update_rest_api(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  Json api = b.api(s, input.value("restApiId", ""));
  apply_patch(api, input.value("patchOperations", Json()), kApiRules);
  check_api_key_source(api);
  b.store().put(s, kind::api, "", api["id"].get<std::string>(), api);
  co_return api;
}

Result delete_rest_api(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string id = input.value("restApiId", "");
  b.api(s, id);
  core::Transaction tx(b.store().db());
  b.store().erase_children(s, id);
  b.store().erase(s, kind::api, "", id);
  tx.commit();
  co_return Json::object();
}

}  // namespace preflight::apigateway
