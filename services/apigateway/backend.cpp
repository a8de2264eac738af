#include "services/apigateway/backend.h"

#include "emulator/common/ids.h"
#include "emulator/common/strings.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/errors.h"

namespace preflight::apigateway {

Backend::Backend(core::Environment& env)
    : env_(env), store_(env.db), data_plane_(std::make_unique<DataPlane>(*this)) {}

Backend::~Backend() = default;

namespace {

// The document, or NotFoundException with AWS's message for that kind of object.
Json found(std::optional<Json> doc, std::string message) {
  if (!doc) {
    throw errors::not_found(std::move(message));
  }
  return std::move(*doc);
}

}  // namespace

Json Backend::api(const Scope& s, std::string_view api_id) {
  return found(store_.get(s, kind::api, "", api_id),
               "Invalid API identifier specified " + s.account + ":" + std::string(api_id));
}

Json Backend::resource(const Scope& s, std::string_view api_id, std::string_view resource_id) {
  api(s, api_id);
  return found(store_.get(s, kind::resource, api_id, resource_id),
               "Invalid Resource identifier specified");
}

Json Backend::deployment(const Scope& s, std::string_view api_id, std::string_view deployment_id) {
  api(s, api_id);
  return found(store_.get(s, kind::deployment, api_id, deployment_id),
               "Invalid Deployment identifier specified");
}

Json Backend::stage(const Scope& s, std::string_view api_id, std::string_view stage_name) {
  api(s, api_id);
  return found(store_.get(s, kind::stage, api_id, stage_name),
               "Invalid Stage identifier specified");
}

Json Backend::authorizer(const Scope& s, std::string_view api_id, std::string_view authorizer_id) {
  api(s, api_id);
  return found(
      store_.get(s, kind::authorizer, api_id, authorizer_id),
      "Invalid Authorizer identifier specified " + s.account + ":" + std::string(authorizer_id));
}

void Backend::forget_all() {
  data_plane_->forget_all();
}

std::string new_id(std::size_t n) {
  return to_lower(random_alnum(n));
}

std::string required_string(const Json& input, std::string_view member) {
  const auto it = input.find(member);
  if (it == input.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw errors::bad_request("Invalid request input: " + std::string(member) +
                              " must be a non-empty string");
  }
  return it->get<std::string>();
}

void copy_members(Json& to, const Json& from, std::initializer_list<std::string_view> members) {
  for (const auto m : members) {
    const auto it = from.find(m);
    if (it != from.end() && !it->is_null()) {
      to[std::string(m)] = *it;
    }
  }
}

const Json& member(const Json& doc, std::string_view key) {
  static const Json kNull;
  if (!doc.is_object()) {
    return kNull;
  }
  const auto it = doc.find(key);
  return it == doc.end() ? kNull : *it;
}

Json page(std::vector<Json> items, const Json& input) {
  std::size_t start = 0;
  if (input.contains("position") && input["position"].is_string()) {
    const std::string pos = input["position"].get<std::string>();
    if (!is_all_digits(pos) || pos.empty() || pos.size() > 9) {
      throw errors::bad_request("Invalid position parameter");
    }
    start = std::stoul(pos);
  }
  std::size_t limit = 25;
  if (input.contains("limit") && input["limit"].is_number_integer()) {
    const auto l = input["limit"].get<long long>();
    if (l < 1 || l > 500) {
      throw errors::bad_request("Invalid limit parameter");
    }
    limit = static_cast<std::size_t>(l);
  }
  Json out = Json::object();
  Json list = Json::array();
  for (std::size_t i = start; i < items.size() && i < start + limit; ++i) {
    list.push_back(std::move(items[i]));
  }
  out["item"] = std::move(list);  // the wire name of the "items" member
  if (start + limit < items.size()) {
    out["position"] = std::to_string(start + limit);
  }
  return out;
}

}  // namespace preflight::apigateway
