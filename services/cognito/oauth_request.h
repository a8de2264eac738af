#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/strings.h"
#include "services/cognito/backend.h"

// Where an OAuth2 request came in and for which client: the three addressing forms (the pool
// domain's Host "{domain}.auth.localhost", plain /oauth2/..., /_aws/cognito-idp/oauth2/...).
namespace preflight::cognito {

struct OAuthAddress {
  std::string prefix;    // "" or "/_aws/cognito-idp": prepended to the pages we redirect to
  std::string endpoint;  // the emulator's own "http://host:port" (issuer base)
  std::string domain;    // the pool domain named by the Host header, if any
  std::string path;      // "/oauth2/token", "/login", ...
};

// nullopt when the request is not for an OAuth2 endpoint.
std::optional<OAuthAddress> oauth_address(const HttpRequest& request, std::uint16_t bound_port);

// A validated /oauth2/authorize (and /login) request.
struct AuthorizeRequest {
  PoolPtr pool;
  Client client;
  std::string redirect_uri;
  std::string state;
  std::string scopes;  // space-separated, as granted
  std::string code_challenge;
  std::string code_challenge_method;
  std::string nonce;
};

// Either a request to go on with, or the answer to give (an error page before redirect_uri is
// trusted, a redirect carrying error= after).
struct AuthorizeCheck {
  std::optional<AuthorizeRequest> request;
  HttpResponse error;
};
AuthorizeCheck check_authorize(Backend& b, const OAuthAddress& at, const FormParams& params);

}  // namespace preflight::cognito
