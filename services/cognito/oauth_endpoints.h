#pragma once

#include "emulator/common/http_message.h"
#include "services/cognito/oauth_request.h"

// The OAuth2 endpoints, one function each (oauth_routes.cpp routes to them).
namespace preflight::cognito {

// hosted_ui.cpp: the browser side.
HttpResponse authorize_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request);
HttpResponse login_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request);
HttpResponse logout_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request);

// token_endpoint.cpp: the back-channel side.
HttpResponse token_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request);
HttpResponse user_info_endpoint(Backend& b, const HttpRequest& request);
HttpResponse revoke_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request);

}  // namespace preflight::cognito
