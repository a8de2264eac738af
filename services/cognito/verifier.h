#pragma once

#include <memory>
#include <string_view>

#include "emulator/service/token_verifier.h"
#include "services/cognito/backend.h"

// Checking the tokens our pools issued: for other services through core::TokenVerifier (API
// Gateway's COGNITO_USER_POOLS authorizer), and for Cognito's own access-token operations.
namespace preflight::cognito {

struct TokenOwner {
  PoolPtr pool;
  Json claims;
};

// Signature (the key the kid names, which must be the key of the pool iss names), exp, and that
// the session it came from is not revoked. nullopt with the reason otherwise.
std::optional<TokenOwner> check_token(Backend& b, std::string_view token, std::string* reason);

core::TokenVerifier make_token_verifier(std::shared_ptr<Backend> backend);

// GetUser, ChangePassword, ...: the user an AccessToken member belongs to. Throws
// NotAuthorizedException ("Invalid Access Token", "Access Token has expired", "Access Token has
// been revoked") or UserNotFoundException.
struct AccessTokenUser {
  PoolPtr pool;
  User user;
  Json claims;
};
AccessTokenUser access_token_user(Backend& b, const Json& input);

}  // namespace preflight::cognito
