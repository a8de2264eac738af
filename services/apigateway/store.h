#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/storage/database.h"

// API Gateway keeps each object as its AWS-shaped JSON document, keyed by (account, region,
// kind, parent, id): a rest API's resources, authorizers, deployments and stages have the API as
// parent; base path mappings their domain; usage plan keys their plan. Documents come back in
// creation order, which is the order AWS lists them in.
namespace preflight::apigateway {

struct Scope {
  std::string account;
  std::string region;
};

namespace kind {
inline constexpr std::string_view api = "restapi";
inline constexpr std::string_view resource = "resource";
inline constexpr std::string_view authorizer = "authorizer";
inline constexpr std::string_view deployment = "deployment";
inline constexpr std::string_view stage = "stage";
inline constexpr std::string_view gateway_response = "gatewayresponse";
inline constexpr std::string_view model = "model";
inline constexpr std::string_view validator = "requestvalidator";
inline constexpr std::string_view domain = "domainname";
inline constexpr std::string_view base_path = "basepathmapping";
inline constexpr std::string_view api_key = "apikey";
inline constexpr std::string_view usage_plan = "usageplan";
inline constexpr std::string_view plan_key = "usageplankey";
}  // namespace kind

class Store {
 public:
  explicit Store(core::Database& db);
  core::Database& db() { return db_; }

  std::optional<Json> get(const Scope& s, std::string_view kind, std::string_view parent,
                          std::string_view id);
  // Inserts or replaces; a replaced document keeps its place in the creation order.
  void put(const Scope& s, std::string_view kind, std::string_view parent, std::string_view id,
           const Json& doc);
  bool erase(const Scope& s, std::string_view kind, std::string_view parent, std::string_view id);
  // Every document of a kind under a parent, in creation order.
  std::vector<Json> list(const Scope& s, std::string_view kind, std::string_view parent);
  // Removes everything whose parent is `parent` (a rest API's children, a plan's keys).
  void erase_children(const Scope& s, std::string_view parent);

  // Where a rest API id lives: execute-api traffic names an API, not an account.
  std::optional<Scope> locate_api(std::string_view api_id);
  // Custom domains are looked up by Host header, across accounts.
  std::optional<std::pair<Scope, Json>> locate_domain(std::string_view domain_name);
  std::vector<std::string> all_domain_names();

 private:
  core::Database& db_;
};

}  // namespace preflight::apigateway
