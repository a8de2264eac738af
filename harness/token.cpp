#include "harness/token.h"

#include <optional>
#include <stdexcept>

#include "emulator/common/crypto.h"
#include "harness/cognito/user_pool_lookup.h"

namespace preflight::harness {

namespace {

constexpr std::string_view kCognito = "cognito-idp";

// The app client to sign in with (DescribeUserPoolClient's answer, secret included).
Json app_client(const AwsClient& client, const std::string& pool_id, const TokenRequest& request) {
  std::optional<Json> summary;
  if (request.client.empty()) {
    const Json all = list_user_pool_clients(client, pool_id);
    if (all.empty()) {
      throw std::runtime_error("user pool " + request.pool + " has no app client");
    }
    summary = all.front();
  } else {
    summary = find_user_pool_client(client, pool_id, request.client);
    if (!summary) {
      throw std::runtime_error("user pool " + request.pool +
                               " has no app client named (or with id) " + request.client);
    }
  }
  const Json out =
      client.call(kCognito, "DescribeUserPoolClient",
                  {{"UserPoolId", pool_id}, {"ClientId", summary->value("ClientId", "")}});
  return out.at("UserPoolClient");
}

}  // namespace

std::string secret_hash(std::string_view client_secret, std::string_view username,
                        std::string_view client_id) {
  return base64_encode(hmac_sha256(client_secret, std::string(username) + std::string(client_id)));
}

std::string issue_token(const AwsClient& client, const TokenRequest& request) {
  const auto pool_id = find_user_pool(client, request.pool);
  if (!pool_id) {
    throw std::runtime_error("no user pool named (or with id) " + request.pool);
  }
  const Json app = app_client(client, *pool_id, request);
  const std::string client_id = app.value("ClientId", "");
  Json parameters = {{"USERNAME", request.user}, {"PASSWORD", request.password}};
  if (const std::string secret = app.value("ClientSecret", ""); !secret.empty()) {
    parameters["SECRET_HASH"] = secret_hash(secret, request.user, client_id);
  }
  const Json out = client.call(kCognito, "AdminInitiateAuth",
                               {{"UserPoolId", *pool_id},
                                {"ClientId", client_id},
                                {"AuthFlow", "ADMIN_USER_PASSWORD_AUTH"},
                                {"AuthParameters", std::move(parameters)}});
  const auto result = out.find("AuthenticationResult");
  if (result == out.end()) {
    throw std::runtime_error("signing in " + request.user + " needs the " +
                             out.value("ChallengeName", std::string("unknown")) +
                             " challenge answered first; no token was issued");
  }
  const char* which = request.access_token ? "AccessToken" : "IdToken";
  std::string token = result->value(which, "");
  if (token.empty()) {
    throw std::runtime_error(std::string("the sign-in answer has no ") + which);
  }
  return token;
}

}  // namespace preflight::harness
