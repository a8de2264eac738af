#include "emulator/common/time_format.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

// A deployment is an immutable snapshot of the API as it was at CreateDeployment: its resources
// with their methods and integrations, its authorizers and gateway responses and the API-level
// settings the data plane reads. Stages point at deployments; nothing that changes the API later
// reaches a stage until it is pointed at a newer deployment.
namespace preflight::apigateway {
namespace {

constexpr std::string_view kSnapshot = "_snapshot";

Json api_summary(const std::vector<Json>& resources) {
  Json summary = Json::object();
  for (const auto& r : resources) {
    for (const auto& [name, m] : r["resourceMethods"].items()) {
      summary[r["path"].get<std::string>()][name] =
          Json{{"authorizationType", m.value("authorizationType", "NONE")},
               {"apiKeyRequired", m.value("apiKeyRequired", false)}};
    }
  }
  return summary;
}

Json snapshot_of(Store& store, const Scope& s, const Json& api) {
  const std::string id = api["id"].get<std::string>();
  Json snapshot = Json::object();
  snapshot["resources"] = store.list(s, kind::resource, id);
  bool any_method = false;
  for (const auto& r : snapshot["resources"]) {
    for (const auto& [name, m] : r["resourceMethods"].items()) {
      any_method = true;
      if (!m.contains("methodIntegration")) {
        throw errors::bad_request("No integration defined for method");
      }
    }
  }
  if (!any_method) {
    throw errors::bad_request("The REST API doesn't contain any methods");
  }
  snapshot["authorizers"] = store.list(s, kind::authorizer, id);
  Json responses = Json::object();
  for (auto& g : store.list(s, kind::gateway_response, id)) {
    const std::string type = g["responseType"].get<std::string>();
    responses[type] = std::move(g);  // the key before the move
  }
  snapshot["gatewayResponses"] = std::move(responses);
  snapshot["api"] = api;
  return snapshot;
}

Json presented(Json deployment) {
  deployment.erase(kSnapshot);
  return deployment;
}

}  // namespace

const Json& deployment_snapshot(const Json& deployment) {
  return deployment[kSnapshot];
}

Result create_deployment(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json api = b.api(s, api_id);
  const std::string stage_name = input.value("stageName", "");
  const bool canary = input.contains("canarySettings") && input["canarySettings"].is_object();
  std::optional<Json> stage;
  if (!stage_name.empty()) {
    stage = b.store().get(s, kind::stage, api_id, stage_name);
  }
  if (canary && !stage) {
    throw errors::bad_request(
        "Invalid Stage identifier specified: canary settings need an "
        "existing stage");
  }
  Json d{{"id", new_id(6)}, {"createdDate", unix_now()}};
  copy_members(d, input, {"description"});
  Json snapshot = snapshot_of(b.store(), s, api);
  d["apiSummary"] = api_summary(snapshot["resources"].get<std::vector<Json>>());
  d[std::string(kSnapshot)] = std::move(snapshot);
  const std::string id = d["id"].get<std::string>();

  core::Transaction tx(b.store().db());
  b.store().put(s, kind::deployment, api_id, id, d);
  if (!stage_name.empty()) {
    if (canary) {
      Json settings = input["canarySettings"];
      settings["deploymentId"] = id;
      (*stage)["canarySettings"] = std::move(settings);
    } else if (stage) {
      (*stage)["deploymentId"] = id;
    } else {
      stage = new_stage_document(stage_name, id, input.value("stageDescription", ""));
    }
    copy_members(*stage, input, {"cacheClusterEnabled", "cacheClusterSize", "tracingEnabled"});
    if (input.contains("variables") && input["variables"].is_object()) {
      for (const auto& [k, v] : input["variables"].items()) {
        (*stage)["variables"][k] = v;
      }
    }
    (*stage)["lastUpdatedDate"] = unix_now();
    b.store().put(s, kind::stage, api_id, stage_name, *stage);
  }
  tx.commit();
  co_return presented(std::move(d));
}

Result get_deployment(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return presented(b.deployment(Backend::scope(ctx), input.value("restApiId", ""),
                                   input.value("deploymentId", "")));
}

Result get_deployments(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  std::vector<Json> items;
  for (auto& d : b.store().list(s, kind::deployment, api_id)) {
    items.push_back(presented(std::move(d)));
  }
  co_return page(std::move(items), input);
}

Result update_deployment(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  Json d = b.deployment(s, api_id, input.value("deploymentId", ""));
  apply_patch(d, input.value("patchOperations", Json()), {{"description", FieldType::String}});
  b.store().put(s, kind::deployment, api_id, d["id"].get<std::string>(), d);
  co_return presented(std::move(d));
}

Result delete_deployment(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json d = b.deployment(s, api_id, input.value("deploymentId", ""));
  const std::string id = d["id"].get<std::string>();
  for (const auto& stage : b.store().list(s, kind::stage, api_id)) {
    const bool canary_uses =
        stage.contains("canarySettings") && stage["canarySettings"].value("deploymentId", "") == id;
    if (stage.value("deploymentId", "") == id || canary_uses) {
      throw errors::bad_request(
          "Active stages pointing to this deployment must be moved or "
          "deleted");
    }
  }
  b.store().erase(s, kind::deployment, api_id, id);
  b.data_plane().forget_deployment(id);
  co_return Json::object();
}

}  // namespace preflight::apigateway
