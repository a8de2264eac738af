#pragma once

#include "emulator/auth/authenticator.h"
#include "emulator/http/server.h"
#include "emulator/internal/internal_endpoints.h"
#include "emulator/router/router.h"
#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::core {

// The request pipeline: route, authenticate, decode, call the handler, encode, log one line.
class Application final : public RequestHandler {
 public:
  Application(Environment& env, const Registry& registry);

  std::size_t body_limit(const HttpRequest& head) override;
  HttpResponse too_large(const HttpRequest& head, std::size_t limit) override;
  boost::asio::awaitable<HttpResponse> handle(HttpRequest request) override;

 private:
  boost::asio::awaitable<HttpResponse> dispatch(const HttpRequest& request, const AwsCall& call,
                                                const sigv4::ParseResult& auth,
                                                const std::string& request_id,
                                                std::string& error_code);
  boost::asio::awaitable<HttpResponse> call_raw(const RawRoute& route, HttpRequest& request,
                                                const std::string& request_id);

  Environment& env_;
  Router router_;
  Authenticator authenticator_;
  InternalEndpoints internal_;
};

}  // namespace preflight::core
