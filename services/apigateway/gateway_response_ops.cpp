#include "services/apigateway/errors.h"
#include "services/apigateway/gateway_responses.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

namespace preflight::apigateway {
namespace {

std::string checked_type(const Json& input) {
  const std::string type = input.value("responseType", "");
  if (!is_gateway_response_type(type)) {
    throw errors::bad_request("Invalid response type specified: " + type);
  }
  return type;
}

}  // namespace

Result put_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  const std::string type = checked_type(input);
  Json r{{"responseType", type}, {"defaultResponse", false}};
  copy_members(r, input, {"statusCode", "responseParameters", "responseTemplates"});
  b.store().put(s, kind::gateway_response, api_id, type, r);
  co_return r;
}

Result get_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  const std::string type = checked_type(input);
  auto own = b.store().get(s, kind::gateway_response, api_id, type);
  co_return own ? *own : default_gateway_response(type);
}

Result get_gateway_responses(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  Json overrides = Json::object();
  for (auto& r : b.store().list(s, kind::gateway_response, api_id)) {
    const std::string type = r["responseType"].get<std::string>();
    overrides[type] = std::move(r);  // the key before the move
  }
  co_return page(all_gateway_responses(overrides).get<std::vector<Json>>(), input);
}

Result update_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  const std::string type = checked_type(input);
  auto own = b.store().get(s, kind::gateway_response, api_id, type);
  Json r = own ? *own : default_gateway_response(type);
  apply_patch(r, input.value("patchOperations", Json()),
              {{"statusCode", FieldType::String},
               {"responseParameters", FieldType::StringMap},
               {"responseTemplates", FieldType::StringMap}});
  r["defaultResponse"] = false;
  b.store().put(s, kind::gateway_response, api_id, type, r);
  co_return r;
}

Result delete_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  if (!b.store().erase(s, kind::gateway_response, api_id, checked_type(input))) {
    throw errors::not_found("Invalid Gateway Response identifier specified");
  }
  co_return Json::object();
}

}  // namespace preflight::apigateway
