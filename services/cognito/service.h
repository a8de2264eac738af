#pragma once

#include "emulator/service/environment.h"
#include "emulator/service/registry.h"

namespace preflight::cognito {

// Cognito user pools (AWSCognitoIdentityProviderService, JSON 1.1), their JWKS / OpenID
// documents, the OAuth2 endpoints with the hosted login page, and the token verifier other
// services use.
void register_service(core::Registry& registry, core::Environment& env);

}  // namespace preflight::cognito
