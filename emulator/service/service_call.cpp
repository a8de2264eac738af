#include "emulator/service/service_call.h"

#include "emulator/common/ids.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/environment.h"
#include "emulator/service/registry.h"
#include "emulator/service/request_context.h"

namespace preflight::core {

boost::asio::awaitable<Json> call_service(Environment& env, std::string_view service,
                                          std::string_view operation, const Json& input,
                                          const CallerScope& scope) {
  const ServiceInfo* info = env.registry != nullptr ? env.registry->find(service) : nullptr;
  if (info == nullptr) {
    throw errors::not_implemented_service(service);
  }
  const Operation* op = info->find(operation);
  if (op == nullptr) {
    throw errors::unknown_operation(operation);
  }
  // The request a handler may look at: only its Host matters (SQS builds queue URLs from it).
  HttpRequest http;
  http.method = "POST";
  http.path = "/";
  http.headers.add("Host", "127.0.0.1:" + std::to_string(env.bound_port));
  RequestContext ctx{env,           http, new_uuid(), scope.account_id,        scope.region,
                     std::string(), info, op,         info->protocols.front(), scope.account_id};
  co_return co_await op->handler(ctx, input);
}

}  // namespace preflight::core
