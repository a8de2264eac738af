#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/http_message.h"
#include "emulator/service/service.h"

namespace preflight::core {

// A non-AWS-API surface a service serves over raw HTTP: execute-api traffic, JWKS, OAuth2.
struct RawRoute {
  std::string name;  // shown in logs as the service
  std::function<bool(const HttpRequest&)> matches;
  std::function<boost::asio::awaitable<HttpResponse>(HttpRequest&, std::string_view request_id)>
      handle;
  std::size_t body_limit = 8 * 1024 * 1024;
  // Serves paths under /_preflight/<service>/ (Cognito's confirmation codes). Only such routes
  // see /_preflight paths, and they see them before the core's internal endpoints.
  bool internal = false;
};

// Every emulated service and raw route, in registration order (which is routing order for raw
// routes). Filled once at startup by emulator/main/service_list.cpp, read-only afterwards.
class Registry {
 public:
  ServiceInfo& add(ServiceInfo service);
  void add_raw_route(RawRoute route);

  const std::vector<std::unique_ptr<ServiceInfo>>& services() const { return services_; }
  const std::vector<RawRoute>& raw_routes() const { return raw_routes_; }
  const ServiceInfo* find(std::string_view name) const;

 private:
  std::vector<std::unique_ptr<ServiceInfo>> services_;
  std::vector<RawRoute> raw_routes_;
};

}  // namespace preflight::core
