#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

// API keys, usage plans and the keys in each plan. The data plane enforces them: a method with
// apiKeyRequired needs an enabled key that belongs to a plan covering the API's stage, and that
// plan's throttle and quota apply per key.
namespace preflight::apigateway {
namespace {

Json api_key(Backend& b, const Scope& s, const std::string& id) {
  auto k = b.store().get(s, kind::api_key, "", id);
  if (!k) {
    throw errors::not_found("Invalid API Key identifier specified");
  }
  return std::move(*k);
}

Json usage_plan(Backend& b, const Scope& s, const std::string& id) {
  auto p = b.store().get(s, kind::usage_plan, "", id);
  if (!p) {
    throw errors::not_found("Invalid Usage Plan ID specified");
  }
  return std::move(*p);
}

Json without_value(Json key, bool include) {
  if (!include) {
    key.erase("value");
  }
  return key;
}

// "/apiStages" add/remove "apiId:stage"; everything else through the generic rules.
Json apply_api_stages(Backend& b, const Scope& s, Json& plan, const Json& operations) {
  Json rest = Json::array();
  if (!operations.is_array()) {
    return operations;
  }
  for (const auto& op : operations) {
    if (!op.is_object() || op.value("path", "") != "/apiStages") {
      rest.push_back(op);
      continue;
    }
    const std::string value = op.value("value", "");
    const auto colon = value.find(':');
    if (colon == std::string::npos) {
      throw errors::bad_request("Invalid API stage specified: " + value);
    }
    Json stage{{"apiId", value.substr(0, colon)}, {"stage", value.substr(colon + 1)}};
    Json& stages = plan["apiStages"];
    if (!stages.is_array()) {
      stages = Json::array();
    }
    if (op.value("op", "") == "remove") {
      for (auto it = stages.begin(); it != stages.end(); ++it) {
        if ((*it)["apiId"] == stage["apiId"] && (*it)["stage"] == stage["stage"]) {
          stages.erase(it);
          break;
        }
      }
    } else {
      b.stage(s, stage["apiId"].get<std::string>(), stage["stage"].get<std::string>());
      stages.push_back(std::move(stage));
    }
  }
  return rest;
}

}  // namespace

Result create_api_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const auto now = unix_now();
  Json k{{"id", new_id(10)},   {"value", random_alnum(40)}, {"enabled", false},
         {"createdDate", now}, {"lastUpdatedDate", now},    {"stageKeys", Json::array()}};
  copy_members(k, input,
               {"name", "description", "enabled", "value", "customerId", "tags", "stageKeys"});
  if (k["value"].get<std::string>().size() < 20) {
    throw errors::bad_request("API Key value should be at least 20 characters long");
  }
  for (const auto& other : b.store().list(s, kind::api_key, "")) {
    if (other["value"] == k["value"]) {
      throw errors::conflict("API Key already exists");
    }
  }
  b.store().put(s, kind::api_key, "", k["id"].get<std::string>(), k);
  co_return k;
}

Result get_api_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return without_value(api_key(b, Backend::scope(ctx), input.value("apiKey", "")),
                          input.value("includeValue", false));
}

Result get_api_keys(Backend& b, core::RequestContext& ctx, const Json& input) {
  const bool include = input.value("includeValues", false);
  const std::string name = input.value("nameQuery", "");
  std::vector<Json> items;
  for (auto& k : b.store().list(Backend::scope(ctx), kind::api_key, "")) {
    if (name.empty() || k.value("name", "").starts_with(name)) {
      items.push_back(without_value(std::move(k), include));
    }
  }
  co_return page(std::move(items), input);
}

Result update_api_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  Json k = api_key(b, s, input.value("apiKey", ""));
  apply_patch(k, input.value("patchOperations", Json()),
              {{"name", FieldType::String},
               {"description", FieldType::String},
               {"enabled", FieldType::Boolean},
               {"customerId", FieldType::String},
               {"stageKeys", FieldType::StringList}});
  k["lastUpdatedDate"] = unix_now();
  b.store().put(s, kind::api_key, "", k["id"].get<std::string>(), k);
  co_return without_value(std::move(k), false);
}

Result delete_api_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string id = api_key(b, s, input.value("apiKey", ""))["id"];
  core::Transaction tx(b.store().db());
  b.store().erase(s, kind::api_key, "", id);
  for (const auto& plan : b.store().list(s, kind::usage_plan, "")) {
    b.store().erase(s, kind::plan_key, "plan:" + plan["id"].get<std::string>(), id);
  }
  tx.commit();
  co_return Json::object();
}

Result create_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  Json p{{"id", new_id(6)}, {"name", required_string(input, "name")}};
  copy_members(p, input, {"description", "apiStages", "throttle", "quota", "tags"});
  if (p.contains("apiStages")) {
    for (const auto& st : p["apiStages"]) {
      b.stage(s, st.value("apiId", ""), st.value("stage", ""));
    }
  }
  if (p.contains("quota") && p["quota"].value("limit", 0) <= 0) {
    throw errors::bad_request("Quota limit should be greater than 0");
  }
  b.store().put(s, kind::usage_plan, "", p["id"].get<std::string>(), p);
  co_return p;
}

Result get_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return usage_plan(b, Backend::scope(ctx), input.value("usagePlanId", ""));
}

Result get_usage_plans(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string key = input.value("keyId", "");
  std::vector<Json> items;
  for (auto& p : b.store().list(s, kind::usage_plan, "")) {
    if (key.empty() ||
        b.store().get(s, kind::plan_key, "plan:" + p["id"].get<std::string>(), key)) {
      items.push_back(std::move(p));
    }
  }
  co_return page(std::move(items), input);
}

Result update_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  Json p = usage_plan(b, s, input.value("usagePlanId", ""));
  const Json rest = apply_api_stages(b, s, p, input.value("patchOperations", Json()));
  apply_patch(p, rest,
              {{"name", FieldType::String},
               {"description", FieldType::String},
               {"productCode", FieldType::String},
               {"throttle", FieldType::Object},
               {"quota", FieldType::Object}});
  b.store().put(s, kind::usage_plan, "", p["id"].get<std::string>(), p);
  b.data_plane().forget_usage(p["id"].get<std::string>());
  co_return p;
}

Result delete_usage_plan(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string id = usage_plan(b, s, input.value("usagePlanId", ""))["id"];
  core::Transaction tx(b.store().db());
  b.store().erase_children(s, "plan:" + id);
  b.store().erase(s, kind::usage_plan, "", id);
  tx.commit();
  b.data_plane().forget_usage(id);
  co_return Json::object();
}

Result create_usage_plan_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string plan = usage_plan(b, s, input.value("usagePlanId", ""))["id"];
  if (input.value("keyType", "") != "API_KEY") {
    throw errors::bad_request("Invalid key type specified: " + input.value("keyType", ""));
  }
  const Json k = api_key(b, s, required_string(input, "keyId"));
  const std::string id = k["id"];
  if (b.store().get(s, kind::plan_key, "plan:" + plan, id)) {
    throw errors::conflict("Usage Plan " + plan + " cannot be added because API Key " + id +
                           " is already in the Usage Plan");
  }
  Json pk{{"id", id}, {"type", "API_KEY"}, {"value", k["value"]}};
  copy_members(pk, k, {"name"});
  b.store().put(s, kind::plan_key, "plan:" + plan, id, pk);
  co_return pk;
}

Result get_usage_plan_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string plan = usage_plan(b, s, input.value("usagePlanId", ""))["id"];
  auto pk = b.store().get(s, kind::plan_key, "plan:" + plan, input.value("keyId", ""));
  if (!pk) {
    throw errors::not_found("Invalid Usage Plan Key identifier specified");
  }
  co_return *pk;
}

Result get_usage_plan_keys(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string plan = usage_plan(b, s, input.value("usagePlanId", ""))["id"];
  co_return page(b.store().list(s, kind::plan_key, "plan:" + plan), input);
}

Result delete_usage_plan_key(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string plan = usage_plan(b, s, input.value("usagePlanId", ""))["id"];
  if (!b.store().erase(s, kind::plan_key, "plan:" + plan, input.value("keyId", ""))) {
    throw errors::not_found("Invalid Usage Plan Key identifier specified");
  }
  co_return Json::object();
}

}  // namespace preflight::apigateway
