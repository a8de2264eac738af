#pragma once

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

}  // namespace preflight::core
