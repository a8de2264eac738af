#pragma once

#include <boost/asio/awaitable.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/service/registry.h"
#include "services/apigateway/authorizer_cache.h"
#include "services/apigateway/usage.h"

namespace preflight::apigateway {

class Backend;
struct CompiledDeployment;
struct Exchange;

// Serves execute-api traffic: finds the API and stage the URL names, the stage's deployment (or
// its canary's), the route, runs authorizers, API-key and usage-plan checks, the integration,
// and writes the access log line.
class DataPlane {
 public:
  explicit DataPlane(Backend& b);
  ~DataPlane();

  bool matches(const HttpRequest& request);
  boost::asio::awaitable<HttpResponse> handle(HttpRequest& request, std::string_view request_id);

  AuthorizerCache& authorizer_cache() { return authorizer_cache_; }
  UsageMeter& usage() { return usage_; }

  void forget_all();
  void forget_deployment(const std::string& id) { deployments_.erase(id); }
  void forget_authorizer_results(const std::string& api_id) { authorizer_cache_.forget(api_id); }
  void forget_usage(const std::string& plan_id) { usage_.forget(plan_id); }
  // Custom domain names answer by Host header; the set is kept in memory so that other
  // traffic pays no lookup.
  void domains_changed();

 private:
  bool resolve(Exchange& x);  // false: no such API/stage (403 Forbidden)
  std::shared_ptr<const CompiledDeployment> compiled(Exchange& x, const std::string& id);
  void write_access_log(Exchange& x, const HttpResponse& res);

  Backend& b_;
  std::map<std::string, std::shared_ptr<const CompiledDeployment>, std::less<>> deployments_;
  std::set<std::string, std::less<>> domains_;
  bool domains_loaded_ = false;
  AuthorizerCache authorizer_cache_;
  UsageMeter usage_;
};

void add_execute_api_routes(core::Registry& registry, std::shared_ptr<Backend> b);

}  // namespace preflight::apigateway
