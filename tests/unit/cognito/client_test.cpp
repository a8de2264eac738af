#include <gtest/gtest.h>

#include "emulator/service/aws_error.h"
#include "services/cognito/client.h"

namespace preflight::cognito {
namespace {

Client with(Json input) {
  Client c;
  c.id = "client";
  c.config = client_config(input);
  return c;
}

TEST(ClientConfig, TokenValidityWithUnits) {
  const auto defaults = with(Json::object());
  EXPECT_EQ(id_token_seconds(defaults), 3600);
  EXPECT_EQ(access_token_seconds(defaults), 3600);
  EXPECT_EQ(refresh_token_seconds(defaults), 30 * 86400);
  const auto set =
      with({{"IdTokenValidity", 5},
            {"AccessTokenValidity", 2},
            {"RefreshTokenValidity", 90},
            {"TokenValidityUnits",
             {{"IdToken", "minutes"}, {"AccessToken", "hours"}, {"RefreshToken", "minutes"}}}});
  EXPECT_EQ(id_token_seconds(set), 300);
  EXPECT_EQ(access_token_seconds(set), 7200);
  EXPECT_EQ(refresh_token_seconds(set), 5400);
  EXPECT_THROW(with({{"IdTokenValidity", 2}, {"TokenValidityUnits", {{"IdToken", "days"}}}}),
               core::AwsError);  // more than a day
  EXPECT_THROW(
      with({{"AccessTokenValidity", 1}, {"TokenValidityUnits", {{"AccessToken", "seconds"}}}}),
      core::AwsError);  // less than 5 minutes
}

TEST(ClientConfig, ExplicitAuthFlows) {
  const auto defaults = with(Json::object());
  EXPECT_TRUE(allows_auth_flow(defaults, "USER_SRP_AUTH"));
  EXPECT_TRUE(allows_auth_flow(defaults, "REFRESH_TOKEN_AUTH"));
  EXPECT_FALSE(allows_auth_flow(defaults, "USER_PASSWORD_AUTH"));
  EXPECT_FALSE(allows_auth_flow(defaults, "ADMIN_USER_PASSWORD_AUTH"));
  const auto password = with({{"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}});
  EXPECT_TRUE(allows_auth_flow(password, "USER_PASSWORD_AUTH"));
  EXPECT_FALSE(allows_auth_flow(password, "USER_SRP_AUTH"));
  EXPECT_FALSE(allows_auth_flow(password, "REFRESH_TOKEN_AUTH"));
  // The legacy names never turned refreshing off.
  const auto legacy = with({{"ExplicitAuthFlows", {"ADMIN_NO_SRP_AUTH"}}});
  EXPECT_TRUE(allows_auth_flow(legacy, "ADMIN_NO_SRP_AUTH"));
  EXPECT_TRUE(allows_auth_flow(legacy, "ADMIN_USER_PASSWORD_AUTH"));
  EXPECT_TRUE(allows_auth_flow(legacy, "REFRESH_TOKEN"));
  EXPECT_THROW(with({{"ExplicitAuthFlows", {"ALLOW_EVERYTHING"}}}), core::AwsError);
}

TEST(ClientConfig, SecretHash) {
  Client c;
  c.id = "abc";
  c.secret = "secret";
  // base64(HMAC-SHA256("secret", "alice" + "abc")), computed independently.
  EXPECT_EQ(secret_hash(c, "alice"), "nNe16ZOhfQ2BKBtOzeJ1L0Cv5xJoONOYykzPHWQ7Xvc=");
}

}  // namespace
}  // namespace preflight::cognito
