#pragma once

#include "emulator/common/http_message.h"
#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::core {

// /_preflight/health, /_preflight/reset, /_preflight/snapshot, /_preflight/restore.
// Plain JSON over HTTP: operators and tests call these, not AWS SDKs.
class InternalEndpoints {
 public:
  InternalEndpoints(Environment& env, const Registry& registry) : env_(env), registry_(registry) {}

  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse health() const;
  HttpResponse reset();
  HttpResponse snapshot(const HttpRequest& request);
  HttpResponse restore(const HttpRequest& request);
  void after_state_replaced();

  Environment& env_;
  const Registry& registry_;
};

}  // namespace preflight::core
