#pragma once

#include "emulator/service/request_context.h"
#include "services/apigateway/backend.h"

namespace preflight::apigateway {

using Result = boost::asio::awaitable<Json>;

// api_ops.cpp
Json new_rest_api(Store& store, const Scope& s, const Json& input);
Result create_rest_api(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_rest_api(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_rest_apis(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_rest_api(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_rest_api(Backend& b, core::RequestContext& ctx, const Json& input);

// resource_ops.cpp
Json add_resource(Store& store, const Scope& s, const std::string& api_id, const Json& parent,
                  const std::string& part);
Result create_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_resources(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_resource(Backend& b, core::RequestContext& ctx, const Json& input);

// method_ops.cpp: methods, method responses, integrations, integration responses
Result put_method(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_method(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_method(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_method(Backend& b, core::RequestContext& ctx, const Json& input);
Result put_method_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_method_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_method_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_method_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result put_integration(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_integration(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_integration(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_integration(Backend& b, core::RequestContext& ctx, const Json& input);
Result put_integration_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_integration_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_integration_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_integration_response(Backend& b, core::RequestContext& ctx, const Json& input);

// authorizer_ops.cpp
Json new_authorizer(Store& store, const Scope& s, const std::string& api_id, const Json& input);
Result create_authorizer(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_authorizer(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_authorizers(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_authorizer(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_authorizer(Backend& b, core::RequestContext& ctx, const Json& input);

// deployment_ops.cpp
const Json& deployment_snapshot(const Json& deployment);
Result create_deployment(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_deployment(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_deployments(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_deployment(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_deployment(Backend& b, core::RequestContext& ctx, const Json& input);

// stage_ops.cpp
Json new_stage_document(const std::string& name, const std::string& deployment_id,
                        const std::string& description);
Result create_stage(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_stage(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_stages(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_stage(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_stage(Backend& b, core::RequestContext& ctx, const Json& input);
Result flush_stage_authorizers_cache(Backend& b, core::RequestContext& ctx, const Json& input);

// gateway_response_ops.cpp
Result put_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_gateway_responses(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_gateway_response(Backend& b, core::RequestContext& ctx, const Json& input);

// domain_ops.cpp: custom domain names and base path mappings
Result create_domain_name(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_domain_name(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_domain_names(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_domain_name(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_domain_name(Backend& b, core::RequestContext& ctx, const Json& input);
Result create_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_base_path_mappings(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input);

// key_ops.cpp: API keys and usage plans
Result create_api_key(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_api_key(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_api_keys(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_api_key(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_api_key(Backend& b, core::RequestContext& ctx, const Json& input);
Result create_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_usage_plans(Backend& b, core::RequestContext& ctx, const Json& input);
Result update_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input);
Result create_usage_plan_key(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_usage_plan_key(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_usage_plan_keys(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_usage_plan_key(Backend& b, core::RequestContext& ctx, const Json& input);

// import_ops.cpp: OpenAPI / Swagger in and out
Result import_rest_api(Backend& b, core::RequestContext& ctx, const Json& input);
Result put_rest_api(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_export(Backend& b, core::RequestContext& ctx, const Json& input);

// tag_ops.cpp
Result tag_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result untag_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_tags(Backend& b, core::RequestContext& ctx, const Json& input);

}  // namespace preflight::apigateway
