#include <map>

#include "emulator/common/time_format.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

namespace preflight::apigateway {
namespace {

const PatchRules kStageRules = {
    {"deploymentId", FieldType::String},
    {"description", FieldType::String},
    {"variables", FieldType::StringMap},
    {"canarySettings", FieldType::Object},
    {"accessLogSettings", FieldType::Object},
    {"tracingEnabled", FieldType::Boolean},
    {"cacheClusterEnabled", FieldType::Boolean},
    {"cacheClusterSize", FieldType::String},
    {"clientCertificateId", FieldType::String},
    {"documentationVersion", FieldType::String},
    {"webAclArn", FieldType::String},
};

// "/{resource path}/{method}/throttling/rateLimit" -> methodSettings["{path}/{method}"].
struct MethodSetting {
  std::string member;
  FieldType type;
};
const std::map<std::string, MethodSetting, std::less<>> kMethodSettings = {
    {"metrics/enabled", {"metricsEnabled", FieldType::Boolean}},
    {"logging/loglevel", {"loggingLevel", FieldType::String}},
    {"logging/dataTrace", {"dataTraceEnabled", FieldType::Boolean}},
    {"throttling/burstLimit", {"throttlingBurstLimit", FieldType::Integer}},
    {"throttling/rateLimit", {"throttlingRateLimit", FieldType::Number}},
    {"caching/enabled", {"cachingEnabled", FieldType::Boolean}},
    {"caching/ttlInSeconds", {"cacheTtlInSeconds", FieldType::Integer}},
    {"caching/dataEncrypted", {"cacheDataEncrypted", FieldType::Boolean}},
    {"caching/requireAuthorizationForCacheControl",
     {"requireAuthorizationForCacheControl", FieldType::Boolean}},
    {"caching/unauthorizedCacheControlHeaderStrategy",
     {"unauthorizedCacheControlHeaderStrategy", FieldType::String}},
};

Json default_method_settings() {
  return Json{{"metricsEnabled", false},
              {"loggingLevel", "OFF"},
              {"dataTraceEnabled", false},
              {"throttlingBurstLimit", 5000},
              {"throttlingRateLimit", 10000.0},
              {"cachingEnabled", false},
              {"cacheTtlInSeconds", 300},
              {"cacheDataEncrypted", false},
              {"requireAuthorizationForCacheControl", true},
              {"unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER"}};
}

// Splits patch operations on method settings from the rest, applying them to the stage.
Json apply_method_settings(Json& stage, const Json& operations) {
  Json rest = Json::array();
  if (!operations.is_array()) {
    return operations;
  }
  for (const auto& op : operations) {
    const auto seg = patch_path(op.is_object() ? op.value("path", "") : "");
    if (seg.size() != 4 || kStageRules.contains(seg[0])) {
      rest.push_back(op);
      continue;
    }
    const auto setting = kMethodSettings.find(seg[2] + "/" + seg[3]);
    if (setting == kMethodSettings.end()) {
      throw errors::bad_request("Invalid method setting path: " + op.value("path", ""));
    }
    std::string resource_path = seg[0];
    if (resource_path.starts_with('/')) {
      resource_path.erase(0, 1);
    }
    const std::string key = resource_path + "/" + seg[1];
    Json& settings = stage["methodSettings"][key];
    if (settings.is_null()) {
      settings = default_method_settings();
    }
    if (op.value("op", "") == "remove") {
      settings.erase(setting->second.member);
    } else {
      settings[setting->second.member] =
          patch_value(setting->second.member, op.value("value", Json()), setting->second.type);
    }
  }
  return rest;
}

void check_stage_name(const std::string& name) {
  if (name.empty() || name.size() > 128) {
    throw errors::bad_request("Stage name only allows a-zA-Z0-9_");
  }
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
      throw errors::bad_request("Stage name only allows a-zA-Z0-9_");
    }
  }
}

}  // namespace

Json new_stage_document(const std::string& name, const std::string& deployment_id,
                        const std::string& description) {
  const auto now = unix_now();
  Json stage{{"stageName", name},
             {"deploymentId", deployment_id},
             {"cacheClusterEnabled", false},
             {"cacheClusterStatus", "NOT_AVAILABLE"},
             {"methodSettings", Json::object()},
             {"tracingEnabled", false},
             {"createdDate", now},
             {"lastUpdatedDate", now}};
  if (!description.empty()) {
    stage["description"] = description;
  }
  return stage;
}

Result create_stage(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const std::string name = required_string(input, "stageName");
  check_stage_name(name);
  const std::string deployment_id = required_string(input, "deploymentId");
  b.deployment(s, api_id, deployment_id);
  if (b.store().get(s, kind::stage, api_id, name)) {
    throw errors::conflict("Stage already exists");
  }
  Json stage = new_stage_document(name, deployment_id, input.value("description", ""));
  copy_members(stage, input,
               {"cacheClusterEnabled", "cacheClusterSize", "variables", "documentationVersion",
                "canarySettings", "tracingEnabled", "tags"});
  if (stage.contains("canarySettings")) {
    Json& canary = stage["canarySettings"];
    if (!canary.contains("deploymentId")) {
      canary["deploymentId"] = deployment_id;
    } else {
      b.deployment(s, api_id, canary["deploymentId"].get<std::string>());
    }
  }
  b.store().put(s, kind::stage, api_id, name, stage);
  co_return stage;
}

Result get_stage(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return b.stage(Backend::scope(ctx), input.value("restApiId", ""),
                    input.value("stageName", ""));
}

Result get_stages(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  const std::string deployment = input.value("deploymentId", "");
  Json items = Json::array();
  for (auto& stage : b.store().list(s, kind::stage, api_id)) {
    if (deployment.empty() || stage.value("deploymentId", "") == deployment) {
      items.push_back(std::move(stage));
    }
  }
  co_return Json{{"item", std::move(items)}};
}

Result update_stage(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  Json stage = b.stage(s, api_id, input.value("stageName", ""));
  const Json rest = apply_method_settings(stage, input.value("patchOperations", Json()));
  apply_patch(stage, rest, kStageRules);
  b.deployment(s, api_id, stage.value("deploymentId", ""));
  if (stage.contains("canarySettings")) {
    Json& canary = stage["canarySettings"];
    if (canary.is_object() && !canary.contains("deploymentId")) {
      canary["deploymentId"] = stage["deploymentId"];
    }
    b.deployment(s, api_id, canary.value("deploymentId", ""));
    const double percent = canary.value("percentTraffic", 0.0);
    if (percent < 0 || percent > 100) {
      throw errors::bad_request("Canary traffic percentage must be between 0.0 and 100.0");
    }
  }
  stage["lastUpdatedDate"] = unix_now();
  b.store().put(s, kind::stage, api_id, stage["stageName"].get<std::string>(), stage);
  co_return stage;
}

Result delete_stage(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json stage = b.stage(s, api_id, input.value("stageName", ""));
  b.store().erase(s, kind::stage, api_id, stage["stageName"].get<std::string>());
  co_return Json::object();
}

Result flush_stage_authorizers_cache(Backend& b, core::RequestContext& ctx, const Json& input) {
  b.stage(Backend::scope(ctx), input.value("restApiId", ""), input.value("stageName", ""));
  b.data_plane().forget_authorizer_results(input.value("restApiId", ""));
  co_return Json::object();
}

}  // namespace preflight::apigateway
