// AWS::Serverless::Api (a REST API from an OpenAPI definition, deployed to its stage) and
// AWS::ApiGateway::Stage (further stages, e.g. prod: created once, then moved only by promote).
#include "harness/deploy/resource_type.h"
#include "harness/deploy/rest_apis.h"

namespace preflight::harness {

namespace {

Json definition(DeployContext& c, const std::string& id, const Json& props) {
  if (props.contains("DefinitionBody")) {
    return props["DefinitionBody"];
  }
  const Json& uri = field(props, "DefinitionUri");
  if (!uri.is_string()) {
    throw TemplateError("Resources." + id +
                        ": give DefinitionBody or a local DefinitionUri (generating a definition "
                        "from function events is not supported)");
  }
  return read_cloudformation_file(c.tmpl.file.parent_path() / uri.get<std::string>());
}

// Patches the stage's variables to `wanted`; returns whether anything changed.
bool sync_variables(DeployContext& c, const std::string& api, const std::string& stage,
                    const Json& current, const Json& wanted) {
  Json ops = Json::array();
  for (const auto& [key, value] : wanted.items()) {
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (field(current, key) != text) {
      ops.push_back({{"op", "replace"}, {"path", "/variables/" + key}, {"value", text}});
    }
  }
  for (const auto& [key, value] : current.items()) {
    if (!wanted.contains(key)) {
      ops.push_back({{"op", "remove"}, {"path", "/variables/" + key}});
    }
  }
  if (!ops.empty()) {
    c.aws.rest("apigateway", "PATCH", stage_path(api, stage), {{"patchOperations", ops}});
  }
  return !ops.empty();
}

Deployed deploy_api(DeployContext& c, const std::string& id, const Json& props) {
  const std::string stage = props.value("StageName", "");
  const Json body = definition(c, id, props);
  const std::string digest = json_digest(body);
  const Json variables = props.value("Variables", Json::object());
  std::vector<std::string> changes;

  auto api = find_stack_api(c.aws, c.stack, id);
  if (!api) {
    Json tags = props.value("Tags", Json::object());
    tags[std::string(kStackTag)] = c.stack;
    tags[std::string(kLogicalIdTag)] = id;
    tags[std::string(kSourceStageTag)] = stage;
    api = c.aws.rest("apigateway", "POST", "/restapis",
                     {{"name", props.value("Name", c.stack)},
                      {"description", props.value("Description", "")},
                      {"tags", tags}});
    changes.push_back("created");
  }
  const std::string api_id = api->value("id", "");
  const bool changed = object_field(*api, "tags").value(std::string(kDefinitionTag), "") != digest;
  Json current;
  try {
    current = c.aws.rest("apigateway", "GET", stage_path(api_id, stage));
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
  }
  if (changed) {
    c.aws.rest("apigateway", "PUT", "/restapis/" + AwsClient::segment(api_id), body,
               {{"mode", "overwrite"}});
  }
  if (changed || current.is_null()) {
    const Json deployment =
        c.aws.rest("apigateway", "POST", "/restapis/" + AwsClient::segment(api_id) + "/deployments",
                   {{"stageName", stage}, {"variables", variables}});
    c.aws.rest("apigateway", "PUT", "/tags/" + AwsClient::segment(rest_api_arn(c.region, api_id)),
               {{"tags", {{std::string(kDefinitionTag), digest}}}});
    const std::string why = !changes.empty() ? "" : changed ? "definition changed: " : "";
    changes.push_back(why + "new deployment " + deployment.value("id", "") + " on " + stage);
    current = c.aws.rest("apigateway", "GET", stage_path(api_id, stage));
  }
  if (sync_variables(c, api_id, stage, field(current, "variables"), variables)) {
    changes.push_back("stage variables of " + stage + " updated");
  }
  std::string what = "REST API " + api_id + ": ";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    what += (i ? ", " : "") + changes[i];
  }
  c.report(id, changes.empty() ? what + "unchanged" : what);
  c.stage_urls[stage] = stage_url(c.aws, api_id, stage);

  Deployed d{api_id};
  const Json resources =
      c.aws.rest("apigateway", "GET", "/restapis/" + AwsClient::segment(api_id) + "/resources",
                 nullptr, {{"limit", "500"}});
  for (const auto& resource : field(resources, "item")) {
    if (resource.value("path", "") == "/") {
      d.attributes["RootResourceId"] = resource["id"];
    }
  }
  d.suffixes = {{"Deployment", current.value("deploymentId", "")}, {"Stage", stage}};
  return d;
}

Deployed deploy_stage(DeployContext& c, const std::string& id, const Json& props) {
  const std::string api = props.value("RestApiId", "");
  const std::string stage = props.value("StageName", "");
  const Json variables = props.value("Variables", Json::object());
  std::string what;
  try {
    const Json current = c.aws.rest("apigateway", "GET", stage_path(api, stage));
    what = sync_variables(c, api, stage, field(current, "variables"), variables)
               ? "variables updated"
               : "unchanged";
    what += " (its deployment moves only with promote; it serves " +
            current.value("deploymentId", "") + ")";
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
    const std::string deployment = props.value("DeploymentId", "");
    c.aws.rest("apigateway", "POST", "/restapis/" + AwsClient::segment(api) + "/stages",
               {{"stageName", stage},
                {"deploymentId", deployment},
                {"description", props.value("Description", "")},
                {"variables", variables}});
    what = "created on deployment " + deployment;
  }
  c.report(id, "stage " + stage + " of " + api + ": " + what);
  c.stage_urls[stage] = stage_url(c.aws, api, stage);
  return Deployed{stage};
}

}  // namespace

const ResourceType kServerlessApi = {
    "AWS::Serverless::Api",
    {"StageName", "DefinitionBody", "DefinitionUri", "Variables", "Name", "Description",
     "EndpointConfiguration", "OpenApiVersion", "Tags", "TracingEnabled"},
    {"RootResourceId"},
    &deploy_api,
    {"StageName"}};

const ResourceType kApiGatewayStage = {"AWS::ApiGateway::Stage",
                                       {"RestApiId", "StageName", "DeploymentId", "Variables",
                                        "Description", "Tags", "TracingEnabled"},
                                       {},
                                       &deploy_stage,
                                       {"RestApiId", "StageName", "DeploymentId"}};

}  // namespace preflight::harness
