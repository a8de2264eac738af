#pragma once

#include <cstdint>
#include <string>

#include "emulator/common/http_message.h"
#include "emulator/service/service.h"

namespace preflight::core {

struct Environment;

// Everything a handler knows about the call besides its input.
struct RequestContext {
  Environment& env;
  const HttpRequest& http;
  std::string request_id;
  std::string account_id;
  std::string region;
  std::string access_key_id;
  const ServiceInfo* service = nullptr;
  const Operation* operation = nullptr;
  Protocol protocol = Protocol::Json;
  std::string user_id;  // the caller as GetCallerIdentity names it (SQS's SenderId)

  // "http://<Host header>" as the client addressed us (SQS queue URLs, Lambda code URLs).
  std::string endpoint_url() const;
};

// The same for raw routes, which have a request but no RequestContext.
std::string endpoint_url(const HttpRequest& http, std::uint16_t bound_port);

}  // namespace preflight::core
