#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "services/cognito/backend.h"

// The tokens a sign-in yields: RS256 id and access JWTs with Cognito's claims, signed by the
// pool's key, and an opaque refresh token stored (hashed) as a Session.
namespace preflight::cognito {

inline constexpr std::string_view kAdminScope = "aws.cognito.signin.user.admin";

struct Tokens {
  std::string id_token;
  std::string access_token;
  std::string refresh_token;  // empty when none was issued (a refresh answers without one)
  std::int64_t expires_in = 0;
  std::string username;  // whom they are for (cognito:username)
};

// "{endpoint}/{poolId}": what iss says and the JWKS/OIDC documents live under.
std::string issuer(std::string_view endpoint, std::string_view pool_id);

// A new sign-in of `user` through `client`: a new session (origin_jti) and its refresh token.
// scopes: the access token's scope claim (space-separated); nonce: OIDC's, for the id token.
Tokens sign_in(Backend& b, std::string_view endpoint, const Pool& pool, const Client& client,
               const User& user, std::string scopes = std::string(kAdminScope),
               std::string_view nonce = {});
// REFRESH_TOKEN_AUTH and the refresh_token grant: new id and access tokens from a refresh
// token issued to this client. nullopt when the token is unknown, revoked, expired, another
// client's, or its user is gone or disabled.
std::optional<Tokens> refresh(Backend& b, std::string_view endpoint, const Client& client,
                              std::string_view refresh_token);
// The client_credentials grant: an access token for the client itself.
Tokens client_token(Backend& b, std::string_view endpoint, const Pool& pool, const Client& client,
                    const std::string& scopes);
// RevokeToken / oauth2/revoke: false when the token is not this client's.
bool revoke(Backend& b, const Client& client, std::string_view refresh_token);

// AuthenticationResult of InitiateAuth / RespondToAuthChallenge.
Json authentication_result(const Tokens& tokens);

}  // namespace preflight::cognito
