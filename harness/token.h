#pragma once

#include <string>
#include <string_view>

#include "harness/client/aws_client.h"

namespace preflight::harness {

struct TokenRequest {
  std::string pool;  // user pool name or id
  std::string user;  // username (or an alias the pool signs in with)
  std::string password;
  std::string client;  // app client name or id; empty: the pool's first client
  bool access_token = false;
};

// Signs the user in with AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH, with SECRET_HASH when the
// client has a secret) and returns the ID token, or the access token when asked. Throws
// std::runtime_error saying what is missing or why the sign-in failed.
std::string issue_token(const AwsClient& client, const TokenRequest& request);

// Cognito's SECRET_HASH: base64(HMAC-SHA256(client secret, username + client id)).
std::string secret_hash(std::string_view client_secret, std::string_view username,
                        std::string_view client_id);

}  // namespace preflight::harness
