#include "emulator/service/request_context.h"

#include "emulator/service/environment.h"

namespace preflight::core {

std::string RequestContext::endpoint_url() const {
  if (auto host = http.headers.get("host"); host && !host->empty()) {
    return "http://" + std::string(*host);
  }
  return "http://localhost:" + std::to_string(env.bound_port);
}

}  // namespace preflight::core
