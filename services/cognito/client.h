#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "services/cognito/model.h"

// What an app client's configuration means: token lifetimes, the flows it allows, its OAuth
// settings.
namespace preflight::cognito {

// CreateUserPoolClient / UpdateUserPoolClient: the UserPoolClientType members to store, checked
// (flow names, validity ranges, OAuth settings). Throws InvalidParameterException.
Json client_config(const Json& input);
Json describe_client(const Client& client);

std::int64_t id_token_seconds(const Client& client);       // default 1 hour
std::int64_t access_token_seconds(const Client& client);   // default 1 hour
std::int64_t refresh_token_seconds(const Client& client);  // default 30 days

// Whether ExplicitAuthFlows allows an InitiateAuth AuthFlow ("USER_PASSWORD_AUTH", ...); the
// default set (no ExplicitAuthFlows) is USER_SRP, REFRESH_TOKEN and CUSTOM.
bool allows_auth_flow(const Client& client, std::string_view auth_flow);
// PreventUserExistenceErrors ENABLED: unknown users look like wrong passwords.
bool hides_user_existence(const Client& client);

std::vector<std::string> string_list(const Client& client, const char* member);
bool allows_oauth(const Client& client);  // AllowedOAuthFlowsUserPoolClient
bool has_oauth_flow(const Client& client, std::string_view flow);  // "code", "client_credentials"

// SECRET_HASH: base64(HMAC-SHA256(client secret, username + client id)).
std::string secret_hash(const Client& client, std::string_view username);

}  // namespace preflight::cognito
