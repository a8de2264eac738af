#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "emulator/service/environment.h"
#include "emulator/service/request_context.h"
#include "services/apigateway/store.h"

namespace preflight::apigateway {

class DataPlane;

// The service's state: the store, the lookups operations start with, and the data plane (whose
// caches must forget deleted deployments and everything on reset).
class Backend {
 public:
  explicit Backend(core::Environment& env);
  ~Backend();

  Store& store() { return store_; }
  core::Environment& env() { return env_; }
  DataPlane& data_plane() { return *data_plane_; }

  static Scope scope(const core::RequestContext& ctx) { return {ctx.account_id, ctx.region}; }

  // Each throws NotFoundException with AWS's message when the object does not exist.
  Json api(const Scope& s, std::string_view api_id);
  Json resource(const Scope& s, std::string_view api_id, std::string_view resource_id);
  Json deployment(const Scope& s, std::string_view api_id, std::string_view deployment_id);
  Json stage(const Scope& s, std::string_view api_id, std::string_view stage_name);
  Json authorizer(const Scope& s, std::string_view api_id, std::string_view authorizer_id);

  void forget_all();

 private:
  core::Environment& env_;
  Store store_;
  std::unique_ptr<DataPlane> data_plane_;
};

// A new API Gateway id: n lower-case letters and digits ("a1b2c3d4e5" for APIs, 6 for resources).
std::string new_id(std::size_t n);
// The member, which must be a non-empty string; BadRequestException otherwise.
std::string required_string(const Json& input, std::string_view member);
// Copies the members present in `from` (those listed) into `to`.
void copy_members(Json& to, const Json& from, std::initializer_list<std::string_view> members);
// The member, or null when doc is not an object or lacks it; null iterates as empty, so
// `for (auto& [k, v] : member(doc, "variables").items())` needs no checks (and, unlike
// value(key, Json::object()), no temporary).
const Json& member(const Json& doc, std::string_view key);
// A page of items: {"items": [...], "position": "..."} from the input's position/limit.
Json page(std::vector<Json> items, const Json& input);

}  // namespace preflight::apigateway
