#include "emulator/common/yaml.h"
#include "services/apigateway/errors.h"
#include "services/apigateway/openapi/openapi.h"
#include "services/apigateway/operations.h"

// ImportRestApi and PutRestApi (OpenAPI 3 / Swagger 2, JSON or YAML) and GetExport. The
// openapi library turns a definition into API Gateway's shapes; this file gives them ids and
// stores them, resolving authorizers by name.
namespace preflight::apigateway {
namespace {

openapi::ImportedApi parse_definition(const Json& input) {
  try {
    auto imported = openapi::import_definition(input.value("body", ""));
    if (input.value("failOnWarnings", false) && !imported.warnings.empty()) {
      std::string message = "Warnings found during import:";
      for (const auto& w : imported.warnings) {
        message += "\n\t" + w;
      }
      throw errors::bad_request(message);
    }
    return imported;
  } catch (const openapi::ImportError& e) {
    throw errors::bad_request(e.what());
  }
}

// Clears what an overwrite replaces: every resource but the root, the root's methods, the
// authorizers, gateway responses and models.
void clear_definition(Store& store, const Scope& s, const Json& api) {
  const std::string api_id = api["id"];
  const std::string root_id = api["rootResourceId"];
  for (const auto& r : store.list(s, kind::resource, api_id)) {
    if (r.value("id", "") != root_id) {
      store.erase(s, kind::resource, api_id, r["id"].get<std::string>());
    }
  }
  Json root{{"id", root_id}, {"path", "/"}, {"resourceMethods", Json::object()}};
  store.put(s, kind::resource, api_id, root_id, root);
  for (const auto& a : store.list(s, kind::authorizer, api_id)) {
    store.erase(s, kind::authorizer, api_id, a.value("id", ""));
  }
  for (const auto& g : store.list(s, kind::gateway_response, api_id)) {
    store.erase(s, kind::gateway_response, api_id, g.value("responseType", ""));
  }
  for (const auto& m : store.list(s, kind::model, api_id)) {
    store.erase(s, kind::model, api_id, m.value("name", ""));
  }
}

// Stores an imported definition into the API (merge: what exists stays unless redefined).
Json apply_definition(Store& store, const Scope& s, Json api,
                      const openapi::ImportedApi& imported) {
  const std::string api_id = api["id"];
  for (const auto& [k, v] : imported.api.items()) {
    if (k != "tags") {
      api[k] = v;
    }
  }
  if (!imported.warnings.empty()) {
    api["warnings"] = imported.warnings;
  } else {
    api.erase("warnings");
  }
  store.put(s, kind::api, "", api_id, api);

  std::map<std::string, std::string> authorizer_ids;
  for (const auto& existing : store.list(s, kind::authorizer, api_id)) {
    authorizer_ids[existing.value("name", "")] = existing.value("id", "");
  }
  for (const auto& a : imported.authorizers) {
    const std::string name = a.value("name", "");
    if (const auto it = authorizer_ids.find(name); it != authorizer_ids.end()) {
      Json replaced = a;
      replaced["id"] = it->second;
      store.put(s, kind::authorizer, api_id, it->second, replaced);
    } else {
      authorizer_ids[name] = new_authorizer(store, s, api_id, a)["id"];
    }
  }

  std::map<std::string, Json> by_path;
  for (auto& r : store.list(s, kind::resource, api_id)) {
    const std::string path = r.value("path", "");  // read before r is moved from
    by_path[path] = std::move(r);
  }
  for (const auto& imported_resource : imported.resources) {
    const std::string& path = imported_resource.path;
    if (!by_path.contains(path)) {
      const auto slash = path.rfind('/');
      const std::string parent_path = slash == 0 ? "/" : path.substr(0, slash);
      const auto parent = by_path.find(parent_path);
      if (parent == by_path.end()) {
        throw errors::bad_request("Invalid resource path: " + path);
      }
      by_path[path] = add_resource(store, s, api_id, parent->second, path.substr(slash + 1));
    }
    Json& resource = by_path[path];
    for (const auto& [verb, imported_method] : imported_resource.methods.items()) {
      Json method = imported_method;
      if (method.contains("authorizerName")) {
        const std::string name = method["authorizerName"];
        const auto it = authorizer_ids.find(name);
        if (it == authorizer_ids.end()) {
          throw errors::bad_request("Invalid authorizer name: " + name);
        }
        method.erase("authorizerName");
        method["authorizerId"] = it->second;
      }
      method.erase("requestValidatorName");
      resource["resourceMethods"][verb] = method;
    }
    store.put(s, kind::resource, api_id, resource["id"].get<std::string>(), resource);
  }
  for (const auto& [type, response] : imported.gateway_responses.items()) {
    Json r = response;
    r["responseType"] = type;
    r["defaultResponse"] = false;
    store.put(s, kind::gateway_response, api_id, type, r);
  }
  for (const auto& [name, model] : imported.models.items()) {
    Json m = model;
    m["name"] = name;
    m["id"] = new_id(6);
    store.put(s, kind::model, api_id, name, m);
  }
  return api;
}

}  // namespace

Result import_rest_api(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const auto imported = parse_definition(input);
  Json create = Json::object();
  create["name"] = imported.api.value("name", "");
  if (imported.api.contains("tags")) {
    create["tags"] = imported.api["tags"];
  }
  core::Transaction tx(b.store().db());
  Json api = new_rest_api(b.store(), s, create);
  api = apply_definition(b.store(), s, std::move(api), imported);
  tx.commit();
  co_return api;
}

Result put_rest_api(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  Json api = b.api(s, input.value("restApiId", ""));
  const std::string mode = input.value("mode", "merge");
  if (mode != "merge" && mode != "overwrite") {
    throw errors::bad_request("Invalid mode: " + mode + ". Valid options are merge,overwrite");
  }
  const auto imported = parse_definition(input);
  core::Transaction tx(b.store().db());
  if (mode == "overwrite") {
    clear_definition(b.store(), s, api);
  }
  api = apply_definition(b.store(), s, std::move(api), imported);
  tx.commit();
  co_return api;
}

Result get_export(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json stage = b.stage(s, api_id, input.value("stageName", ""));
  const Json deployment = b.deployment(s, api_id, stage.value("deploymentId", ""));
  const Json& snapshot = deployment_snapshot(deployment);
  const std::string type = input.value("exportType", "");
  if (type != "oas30" && type != "swagger") {
    throw errors::bad_request("Invalid export type: " + type +
                              ". Valid options are "
                              "oas30,swagger");
  }
  openapi::ExportInput in;
  in.api = snapshot.value("api", Json::object());
  in.resources = snapshot.value("resources", Json::array()).get<std::vector<Json>>();
  in.authorizers = snapshot.value("authorizers", Json::array()).get<std::vector<Json>>();
  in.gateway_responses = snapshot.value("gatewayResponses", Json::object());
  for (const auto& m : b.store().list(s, kind::model, api_id)) {
    in.models[m.value("name", "")] = m;
  }
  in.stage_name = stage.value("stageName", "");
  in.host = api_id + ".execute-api." + s.region + ".amazonaws.com";
  const Json doc = openapi::export_definition(
      in, type == "oas30" ? openapi::ExportFormat::OpenApi3 : openapi::ExportFormat::Swagger2,
      input.value("extensions", ""));
  const bool yaml = input.value("accepts", "").find("yaml") != std::string::npos;
  Json out = Json::object();
  out["contentType"] = yaml ? "application/yaml" : "application/json";
  out["contentDisposition"] = "attachment; filename=\"" + type + "_" + in.stage_name + "." +
                              (yaml ? "yaml" : "json") + "\"";
  out["body"] = yaml ? openapi::to_yaml(doc) : doc.dump(2);
  co_return out;
}

}  // namespace preflight::apigateway
