#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

namespace preflight::apigateway {
namespace {

bool is_variable(std::string_view part) {
  return part.size() > 2 && part.front() == '{';
}

// A path part as API Gateway accepts it: a literal, {name} or a final {name+}.
void check_path_part(const std::string& part) {
  if (part.empty() || part.find('/') != std::string::npos) {
    throw errors::bad_request(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at "
        "the beginning and the end and an optional plus sign before the "
        "closing brace.");
  }
  const bool open = part.front() == '{';
  const bool close = part.back() == '}';
  if (open != close || (open && part.size() < 3)) {
    throw errors::bad_request(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at "
        "the beginning and the end and an optional plus sign before the "
        "closing brace.");
  }
  for (std::size_t i = open ? 1 : 0; i < part.size() - (open ? 1 : 0); ++i) {
    const char c = part[i];
    const bool plus_at_end = open && c == '+' && i == part.size() - 2;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
          c == ':' || plus_at_end)) {
      throw errors::bad_request(
          "Resource's path part only allow a-zA-Z0-9._- and curly braces "
          "at the beginning and the end and an optional plus sign before "
          "the closing brace.");
    }
  }
}

// Siblings may not share a path part, and at most one may be a variable.
void check_siblings(Store& store, const Scope& s, const std::string& api_id,
                    const std::string& parent_id, const std::string& part,
                    const std::string& self_id) {
  for (const auto& r : store.list(s, kind::resource, api_id)) {
    if (r.value("parentId", "") != parent_id || r.value("id", "") == self_id) {
      continue;
    }
    const std::string other = r.value("pathPart", "");
    if (other == part) {
      throw errors::conflict("Another resource with the same parent already has this name: " +
                             part);
    }
    if (is_variable(other) && is_variable(part)) {
      throw errors::bad_request("A sibling (" + other +
                                ") of this resource already has a variable path part -- only one "
                                "is allowed");
    }
  }
}

std::string child_path(const std::string& parent_path, const std::string& part) {
  return parent_path == "/" ? "/" + part : parent_path + "/" + part;
}

// Resources list their methods' names only, unless ?embed=methods asks for the methods.
Json presented(Json resource, bool embed_methods) {
  if (!embed_methods) {
    Json& methods = resource["resourceMethods"];
    for (auto& [name, method] : methods.items()) {
      method = Json::object();
    }
    if (methods.empty()) {
      resource.erase("resourceMethods");
    }
  } else if (resource["resourceMethods"].empty()) {
    resource.erase("resourceMethods");
  }
  return resource;
}

bool embeds_methods(const Json& input) {
  const auto it = input.find("embed");
  if (it == input.end() || !it->is_array()) {
    return false;
  }
  for (const auto& e : *it) {
    if (e == "methods") {
      return true;
    }
  }
  return false;
}

// Rewrites the paths under a resource whose own path changed.
void repath_descendants(Store& store, const Scope& s, const std::string& api_id,
                        const Json& moved) {
  for (auto r : store.list(s, kind::resource, api_id)) {
    if (r.value("parentId", "") == moved["id"]) {
      r["path"] = child_path(moved["path"].get<std::string>(), r["pathPart"].get<std::string>());
      store.put(s, kind::resource, api_id, r["id"].get<std::string>(), r);
      repath_descendants(store, s, api_id, r);
    }
  }
}

}  // namespace

Json add_resource(Store& store, const Scope& s, const std::string& api_id, const Json& parent,
                  const std::string& part) {
  check_path_part(part);
  const std::string parent_path = parent["path"].get<std::string>();
  if (parent_path.ends_with("+}")) {
    throw errors::bad_request("Cannot create a child of a resource with a greedy path variable: " +
                              parent_path);
  }
  check_siblings(store, s, api_id, parent["id"].get<std::string>(), part, "");
  Json r{{"id", new_id(6)},
         {"parentId", parent["id"]},
         {"pathPart", part},
         {"path", child_path(parent_path, part)},
         {"resourceMethods", Json::object()}};
  store.put(s, kind::resource, api_id, r["id"].get<std::string>(), r);
  return r;
}

Result create_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json parent = b.resource(s, api_id, input.value("parentId", ""));
  co_return presented(
      add_resource(b.store(), s, api_id, parent, required_string(input, "pathPart")), false);
}

Result get_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return presented(
      b.resource(Backend::scope(ctx), input.value("restApiId", ""), input.value("resourceId", "")),
      embeds_methods(input));
}

Result get_resources(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  b.api(s, api_id);
  std::vector<Json> items;
  const bool embed = embeds_methods(input);
  for (auto& r : b.store().list(s, kind::resource, api_id)) {
    items.push_back(presented(std::move(r), embed));
  }
  co_return page(std::move(items), input);
}

Result update_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  Json r = b.resource(s, api_id, input.value("resourceId", ""));
  if (!r.contains("parentId")) {
    throw errors::bad_request("Root resource cannot be updated");
  }
  Json patched = r;
  apply_patch(patched, input.value("patchOperations", Json()),
              {{"pathPart", FieldType::String}, {"parentId", FieldType::String}});
  const std::string part = patched.value("pathPart", "");
  check_path_part(part);
  const Json parent = b.resource(s, api_id, patched.value("parentId", ""));
  check_siblings(b.store(), s, api_id, parent["id"].get<std::string>(), part,
                 r["id"].get<std::string>());
  patched["path"] = child_path(parent["path"].get<std::string>(), part);
  core::Transaction tx(b.store().db());
  b.store().put(s, kind::resource, api_id, r["id"].get<std::string>(), patched);
  repath_descendants(b.store(), s, api_id, patched);
  tx.commit();
  co_return presented(std::move(patched), false);
}

Result delete_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string api_id = input.value("restApiId", "");
  const Json r = b.resource(s, api_id, input.value("resourceId", ""));
  if (!r.contains("parentId")) {
    throw errors::bad_request("Cannot delete the root resource");
  }
  // The resource and everything below it.
  std::vector<std::string> doomed{r["id"].get<std::string>()};
  const auto all = b.store().list(s, kind::resource, api_id);
  for (std::size_t i = 0; i < doomed.size(); ++i) {
    for (const auto& other : all) {
      if (other.value("parentId", "") == doomed[i]) {
        doomed.push_back(other["id"].get<std::string>());
      }
    }
  }
  core::Transaction tx(b.store().db());
  for (const auto& id : doomed) {
    b.store().erase(s, kind::resource, api_id, id);
  }
  tx.commit();
  co_return Json::object();
}

}  // namespace preflight::apigateway
