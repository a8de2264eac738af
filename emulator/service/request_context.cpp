#include "emulator/service/request_context.h"

#include "emulator/service/environment.h"

namespace preflight::core {

std::string RequestContext::endpoint_url() const {
  return core::endpoint_url(http, env.bound_port);
}

std::string endpoint_url(const HttpRequest& http, std::uint16_t bound_port) {
  if (auto host = http.headers.get("host"); host && !host->empty()) {
    return "http://" + std::string(*host);
  }
  return "http://localhost:" + std::to_string(bound_port);
}

}  // namespace preflight::core
