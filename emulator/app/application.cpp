#include "emulator/app/application.h"

#include <chrono>

#include "emulator/common/ids.h"
#include "emulator/common/log.h"
#include "emulator/common/time_format.h"
#include "emulator/protocol/codec.h"
#include "emulator/service/request_context.h"

namespace preflight::core {
namespace {

std::string_view scope_service(const sigv4::ParseResult& auth) {
  if (const auto* a = std::get_if<sigv4::Authorization>(&auth)) {
    return a->credential.service;
  }
  return {};
}

// The code of an error response, for the log line: AwsError codes are in our own headers/body.
std::string_view error_code_of(const Route& route) {
  return route.error ? std::string_view(route.error->code) : std::string_view{};
}

// Browsers send Origin with every cross-site POST. Preflight's own endpoints reset the state and
// write or read snapshot files by path, so a web page the developer happens to open must not
// reach them through a simple form POST; no legitimate client of them is a browser.
bool browser_call_to_internal(const HttpRequest& request) {
  return request.path.starts_with(kInternalPrefix) && request.headers.contains("Origin");
}

HttpResponse refuse_browser() {
  HttpResponse res;
  res.status = 403;
  res.headers.add("Content-Type", "application/json");
  res.body =
      Json{{"message", "Preflight endpoints do not take requests from web pages (Origin)"}}.dump();
  return res;
}

}  // namespace

Application::Application(Environment& env, const Registry& registry)
    : env_(env),
      router_(registry),
      authenticator_(env.config.credentials, &env.issued_credentials),
      internal_(env, registry) {}

std::size_t Application::body_limit(const HttpRequest& head) {
  return router_.body_limit(head, scope_service(sigv4::parse(head)));
}

HttpResponse Application::too_large(const HttpRequest& head, std::size_t limit) {
  const Route route = router_.route(head, scope_service(sigv4::parse(head)));
  const auto request_id = new_uuid();
  const auto error = errors::request_entity_too_large(limit);
  log::request({request_id, route.call.service ? route.call.service->name : "-", head.path,
                error.status, 0, error.code});
  return encode_error(route.call.protocol, route.call.service, error, request_id);
}

boost::asio::awaitable<HttpResponse> Application::handle(HttpRequest request) {
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = new_uuid();
  const auto auth = sigv4::parse(request);
  const Route route = router_.route(request, scope_service(auth));

  HttpResponse response;
  std::string_view service = "-";
  std::string_view operation = request.path;
  std::string error_code(error_code_of(route));
  if (browser_call_to_internal(request)) {
    service = "internal";
    response = refuse_browser();
    error_code = "Forbidden";
  } else {
    switch (route.kind) {
      case Route::Kind::Internal:
        service = "internal";
        response = internal_.handle(request);
        break;
      case Route::Kind::Raw:
        service = route.raw->name;
        response = co_await call_raw(*route.raw, request, request_id);
        break;
      case Route::Kind::Error:
        if (route.call.service != nullptr) {
          service = route.call.service->name;
        }
        response = encode_error(route.call.protocol, route.call.service, *route.error, request_id);
        break;
      case Route::Kind::Aws:
        service = route.call.service->name;
        operation = route.call.operation_name;
        response = co_await dispatch(request, route.call, auth, request_id, error_code);
        break;
    }
  }
  const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  log::request({request_id, service, operation, response.status, latency, error_code});
  co_return response;
}

boost::asio::awaitable<HttpResponse> Application::dispatch(const HttpRequest& request,
                                                           const AwsCall& call,
                                                           const sigv4::ParseResult& auth,
                                                           const std::string& request_id,
                                                           std::string& error_code) {
  const Identity identity = resolve_identity(auth, env_.config.region, env_.issued_credentials);
  RequestContext ctx{env_,
                     request,
                     request_id,
                     identity.account_id,
                     identity.region,
                     identity.access_key_id,
                     call.service,
                     call.operation,
                     call.protocol,
                     identity.user_id};
  std::optional<AwsError> failure;
  try {
    const bool public_call = call.operation != nullptr && call.operation->unsigned_ok &&
                             std::holds_alternative<sigv4::NotSigned>(auth);
    if (env_.config.strict_auth && !public_call) {
      authenticator_.verify(request, auth, call.protocol, unix_now());
    }
    if (call.operation == nullptr) {
      throw unknown_operation_error(call, request);
    }
    const Json input = decode_input(call, request);
    Json output = co_await call.operation->handler(ctx, input);
    co_return encode_output(call, std::move(output), request_id);
  } catch (AwsError& e) {
    failure = std::move(e);
  } catch (const std::exception& e) {
    log::error("request " + request_id + " (" + call.service->name + " " + call.operation_name +
               ") failed: " + e.what());
    failure = errors::internal_failure();
  }
  error_code = failure->code;
  co_return encode_error(call.protocol, call.service, *failure, request_id);
}

boost::asio::awaitable<HttpResponse> Application::call_raw(const RawRoute& route,
                                                           HttpRequest& request,
                                                           const std::string& request_id) {
  try {
    co_return co_await route.handle(request, request_id);
  } catch (const std::exception& e) {
    log::error("request " + request_id + " (" + route.name + ") failed: " + e.what());
  }
  HttpResponse res;
  res.status = 500;
  res.headers.add("Content-Type", "application/json");
  res.body = R"({"message":"Internal server error"})";
  co_return res;
}

}  // namespace preflight::core
