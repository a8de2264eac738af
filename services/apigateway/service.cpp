#include "services/apigateway/service.h"

#include "emulator/service/rest_operation.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/operations.h"

namespace preflight::apigateway {
namespace {

using core::Binding;
using core::Location;
using core::ValueType;
using namespace core::rest;  // op, query, header, payload, with

const std::vector<Binding> kPaging = {query("position", "position"),
                                      query("limit", "limit", ValueType::Integer)};
// ImportRestApi / PutRestApi: the definition is the raw body.
const std::vector<Binding> kDefinition = {
    payload("body"), query("failOnWarnings", "failonwarnings", ValueType::Boolean)};
const std::vector<Binding> kEmbed = {query("embed", "embed", ValueType::StringList)};

}  // namespace

void register_service(core::Registry& registry, core::Environment& env) {
  auto b = std::make_shared<Backend>(env);
  using core::bind_state;
  const std::string api = "/restapis/{restApiId}";
  const std::string res = api + "/resources/{resourceId}";
  // {http_method}, not {httpMethod}: PutIntegration's body has its own httpMethod member.
  const std::string method = res + "/methods/{http_method}";
  const std::string integration = method + "/integration";

  core::ServiceInfo s;
  s.name = "apigateway";
  s.signing_name = "apigateway";
  s.protocols = {core::Protocol::RestJson};
  s.body_limit = 10 * 1024 * 1024;
  s.on_reset = [b] { b->forget_all(); };
  s.operations = {
      op("CreateRestApi", bind_state(b, &create_rest_api), "POST", "/restapis", 201),
      op("GetRestApi", bind_state(b, &get_rest_api), "GET", api),
      op("GetRestApis", bind_state(b, &get_rest_apis), "GET", "/restapis", 200, kPaging),
      op("UpdateRestApi", bind_state(b, &update_rest_api), "PATCH", api),
      op("DeleteRestApi", bind_state(b, &delete_rest_api), "DELETE", api, 202),
      op("ImportRestApi", bind_state(b, &import_rest_api), "POST", "/restapis?mode=import", 201,
         kDefinition),
      op("PutRestApi", bind_state(b, &put_rest_api), "PUT", api, 200,
         with(kDefinition, {query("mode", "mode")})),
      op("GetExport", bind_state(b, &get_export), "GET",
         api + "/stages/{stageName}/exports/{exportType}", 200,
         {query("extensions", "extensions"), header("accepts", "Accept")},
         {header("contentType", "Content-Type"),
          header("contentDisposition", "Content-Disposition"), payload("body")}),

      op("CreateResource", bind_state(b, &create_resource), "POST", api + "/resources/{parentId}",
         201),
      op("GetResource", bind_state(b, &get_resource), "GET", res, 200, kEmbed),
      op("GetResources", bind_state(b, &get_resources), "GET", api + "/resources", 200,
         with(kPaging, kEmbed)),
      op("UpdateResource", bind_state(b, &update_resource), "PATCH", res),
      op("DeleteResource", bind_state(b, &delete_resource), "DELETE", res, 202),

      op("PutMethod", bind_state(b, &put_method), "PUT", method, 201),
      op("GetMethod", bind_state(b, &get_method), "GET", method),
      op("UpdateMethod", bind_state(b, &update_method), "PATCH", method),
      op("DeleteMethod", bind_state(b, &delete_method), "DELETE", method, 204),
      op("PutMethodResponse", bind_state(b, &put_method_response), "PUT",
         method + "/responses/{statusCode}", 201),
      op("GetMethodResponse", bind_state(b, &get_method_response), "GET",
         method + "/responses/{statusCode}"),
      op("UpdateMethodResponse", bind_state(b, &update_method_response), "PATCH",
         method + "/responses/{statusCode}", 201),
      op("DeleteMethodResponse", bind_state(b, &delete_method_response), "DELETE",
         method + "/responses/{statusCode}", 204),
      op("PutIntegration", bind_state(b, &put_integration), "PUT", integration, 201),
      op("GetIntegration", bind_state(b, &get_integration), "GET", integration),
      op("UpdateIntegration", bind_state(b, &update_integration), "PATCH", integration),
      op("DeleteIntegration", bind_state(b, &delete_integration), "DELETE", integration, 204),
      op("PutIntegrationResponse", bind_state(b, &put_integration_response), "PUT",
         integration + "/responses/{statusCode}", 201),
      op("GetIntegrationResponse", bind_state(b, &get_integration_response), "GET",
         integration + "/responses/{statusCode}"),
      op("UpdateIntegrationResponse", bind_state(b, &update_integration_response), "PATCH",
         integration + "/responses/{statusCode}"),
      op("DeleteIntegrationResponse", bind_state(b, &delete_integration_response), "DELETE",
         integration + "/responses/{statusCode}", 204),

      op("CreateAuthorizer", bind_state(b, &create_authorizer), "POST", api + "/authorizers", 201),
      op("GetAuthorizer", bind_state(b, &get_authorizer), "GET",
         api + "/authorizers/{authorizerId}"),
      op("GetAuthorizers", bind_state(b, &get_authorizers), "GET", api + "/authorizers", 200,
         kPaging),
      op("UpdateAuthorizer", bind_state(b, &update_authorizer), "PATCH",
         api + "/authorizers/{authorizerId}"),
      op("DeleteAuthorizer", bind_state(b, &delete_authorizer), "DELETE",
         api + "/authorizers/{authorizerId}", 202),

      op("CreateDeployment", bind_state(b, &create_deployment), "POST", api + "/deployments", 201),
      op("GetDeployment", bind_state(b, &get_deployment), "GET",
         api + "/deployments/{deploymentId}", 200, kEmbed),
      op("GetDeployments", bind_state(b, &get_deployments), "GET", api + "/deployments", 200,
         kPaging),
      op("UpdateDeployment", bind_state(b, &update_deployment), "PATCH",
         api + "/deployments/{deploymentId}"),
      op("DeleteDeployment", bind_state(b, &delete_deployment), "DELETE",
         api + "/deployments/{deploymentId}", 202),

      op("CreateStage", bind_state(b, &create_stage), "POST", api + "/stages", 201),
      op("GetStage", bind_state(b, &get_stage), "GET", api + "/stages/{stageName}"),
      op("GetStages", bind_state(b, &get_stages), "GET", api + "/stages", 200,
         {query("deploymentId", "deploymentId")}),
      op("UpdateStage", bind_state(b, &update_stage), "PATCH", api + "/stages/{stageName}"),
      op("DeleteStage", bind_state(b, &delete_stage), "DELETE", api + "/stages/{stageName}", 202),
      op("FlushStageAuthorizersCache", bind_state(b, &flush_stage_authorizers_cache), "DELETE",
         api + "/stages/{stageName}/cache/authorizers", 202),

      op("PutGatewayResponse", bind_state(b, &put_gateway_response), "PUT",
         api + "/gatewayresponses/{responseType}", 201),
      op("GetGatewayResponse", bind_state(b, &get_gateway_response), "GET",
         api + "/gatewayresponses/{responseType}"),
      op("GetGatewayResponses", bind_state(b, &get_gateway_responses), "GET",
         api + "/gatewayresponses", 200, kPaging),
      op("UpdateGatewayResponse", bind_state(b, &update_gateway_response), "PATCH",
         api + "/gatewayresponses/{responseType}"),
      op("DeleteGatewayResponse", bind_state(b, &delete_gateway_response), "DELETE",
         api + "/gatewayresponses/{responseType}", 202),

      op("CreateDomainName", bind_state(b, &create_domain_name), "POST", "/domainnames", 201),
      op("GetDomainName", bind_state(b, &get_domain_name), "GET", "/domainnames/{domainName}"),
      op("GetDomainNames", bind_state(b, &get_domain_names), "GET", "/domainnames", 200, kPaging),
      op("UpdateDomainName", bind_state(b, &update_domain_name), "PATCH",
         "/domainnames/{domainName}"),
      op("DeleteDomainName", bind_state(b, &delete_domain_name), "DELETE",
         "/domainnames/{domainName}", 202),
      op("CreateBasePathMapping", bind_state(b, &create_base_path_mapping), "POST",
         "/domainnames/{domainName}/basepathmappings", 201),
      op("GetBasePathMapping", bind_state(b, &get_base_path_mapping), "GET",
         "/domainnames/{domainName}/basepathmappings/{basePath}"),
      op("GetBasePathMappings", bind_state(b, &get_base_path_mappings), "GET",
         "/domainnames/{domainName}/basepathmappings", 200, kPaging),
      op("UpdateBasePathMapping", bind_state(b, &update_base_path_mapping), "PATCH",
         "/domainnames/{domainName}/basepathmappings/{basePath}"),
      op("DeleteBasePathMapping", bind_state(b, &delete_base_path_mapping), "DELETE",
         "/domainnames/{domainName}/basepathmappings/{basePath}", 202),

      op("CreateApiKey", bind_state(b, &create_api_key), "POST", "/apikeys", 201),
      op("GetApiKey", bind_state(b, &get_api_key), "GET", "/apikeys/{apiKey}", 200,
         {query("includeValue", "includeValue", ValueType::Boolean)}),
      op("GetApiKeys", bind_state(b, &get_api_keys), "GET", "/apikeys", 200,
         with(kPaging, {query("nameQuery", "name"), query("customerId", "customerId"),
                        query("includeValues", "includeValues", ValueType::Boolean)})),
      op("UpdateApiKey", bind_state(b, &update_api_key), "PATCH", "/apikeys/{apiKey}"),
      op("DeleteApiKey", bind_state(b, &delete_api_key), "DELETE", "/apikeys/{apiKey}", 202),
      op("CreateUsagePlan", bind_state(b, &create_usage_plan), "POST", "/usageplans", 201),
      op("GetUsagePlan", bind_state(b, &get_usage_plan), "GET", "/usageplans/{usagePlanId}"),
      op("GetUsagePlans", bind_state(b, &get_usage_plans), "GET", "/usageplans", 200,
         with(kPaging, {query("keyId", "keyId")})),
      op("UpdateUsagePlan", bind_state(b, &update_usage_plan), "PATCH",
         "/usageplans/{usagePlanId}"),
      op("DeleteUsagePlan", bind_state(b, &delete_usage_plan), "DELETE",
         "/usageplans/{usagePlanId}", 202),
      op("CreateUsagePlanKey", bind_state(b, &create_usage_plan_key), "POST",
         "/usageplans/{usagePlanId}/keys", 201),
      op("GetUsagePlanKey", bind_state(b, &get_usage_plan_key), "GET",
         "/usageplans/{usagePlanId}/keys/{keyId}"),
      op("GetUsagePlanKeys", bind_state(b, &get_usage_plan_keys), "GET",
         "/usageplans/{usagePlanId}/keys", 200, kPaging),
      op("DeleteUsagePlanKey", bind_state(b, &delete_usage_plan_key), "DELETE",
         "/usageplans/{usagePlanId}/keys/{keyId}", 202),

      op("TagResource", bind_state(b, &tag_resource), "PUT", "/tags/{resourceArn}", 204),
      op("UntagResource", bind_state(b, &untag_resource), "DELETE", "/tags/{resourceArn}", 204,
         {query("tagKeys", "tagKeys", ValueType::StringList)}),
      op("GetTags", bind_state(b, &get_tags), "GET", "/tags/{resourceArn}", 200, kPaging),
  };
  registry.add(std::move(s));
  add_execute_api_routes(registry, b);
}

}  // namespace preflight::apigateway
