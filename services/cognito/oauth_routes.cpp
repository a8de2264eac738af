#include "services/cognito/oauth_endpoints.h"
#include "services/cognito/routes.h"

namespace preflight::cognito {

void add_oauth_routes(core::Registry& registry, std::shared_ptr<Backend> backend) {
  const auto port = [backend] { return backend->env().bound_port; };
  registry.add_raw_route(
      {"cognito-idp", [port](const HttpRequest& r) { return oauth_address(r, port()).has_value(); },
       [backend, port](HttpRequest& r, std::string_view) -> boost::asio::awaitable<HttpResponse> {
         const auto at = *oauth_address(r, port());
         Backend& b = *backend;
         if (at.path == "/oauth2/authorize") {
           co_return authorize_endpoint(b, at, r);
         }
         if (at.path == "/login") {
           co_return login_endpoint(b, at, r);
         }
         if (at.path == "/logout") {
           co_return logout_endpoint(b, at, r);
         }
         if (at.path == "/oauth2/token") {
           co_return token_endpoint(b, at, r);
         }
         if (at.path == "/oauth2/revoke") {
           co_return revoke_endpoint(b, at, r);
         }
         co_return user_info_endpoint(b, r);
       },
       64 * 1024});
}

}  // namespace preflight::cognito
