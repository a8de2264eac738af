#pragma once

#include <memory>

#include "emulator/service/registry.h"
#include "services/cognito/backend.h"

// Cognito's HTTP surfaces outside the AWS API.
namespace preflight::cognito {

// GET /{userPoolId}/.well-known/jwks.json and /openid-configuration.
void add_well_known_routes(core::Registry& registry, std::shared_ptr<Backend> backend);
// GET /_preflight/cognito/codes?userPoolId=&username=: the codes no e-mail delivered.
void add_codes_route(core::Registry& registry, std::shared_ptr<Backend> backend);
// The OAuth2 endpoints and the hosted login page (oauth_routes.cpp).
void add_oauth_routes(core::Registry& registry, std::shared_ptr<Backend> backend);

}  // namespace preflight::cognito
