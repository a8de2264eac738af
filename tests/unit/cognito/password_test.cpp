#include <gtest/gtest.h>

#include "emulator/service/aws_error.h"
#include "services/cognito/password.h"

namespace preflight::cognito {
namespace {

std::string policy_error(const PasswordPolicy& policy, std::string_view password) {
  try {
    check_password_policy(policy, password);
  } catch (const core::AwsError& e) {
    EXPECT_EQ(e.code, "InvalidPasswordException");
    return e.message;
  }
  return "";
}

TEST(PasswordPolicy, CognitosMessagesInCognitosOrder) {
  const PasswordPolicy policy;
  const std::string prefix = "Password did not conform with policy: ";
  EXPECT_EQ(policy_error(policy, "Aa1!"), prefix + "Password not long enough");
  EXPECT_EQ(policy_error(policy, "PASSW0RD!"), prefix + "Password must have lowercase characters");
  EXPECT_EQ(policy_error(policy, "passw0rd!"), prefix + "Password must have uppercase characters");
  EXPECT_EQ(policy_error(policy, "Password!"), prefix + "Password must have numeric characters");
  EXPECT_EQ(policy_error(policy, "Passw0rdX"), prefix + "Password must have symbol characters");
  EXPECT_EQ(policy_error(policy, "Passw0rd!"), "");
  EXPECT_EQ(policy_error(policy, "Passw0rd "), "");  // a space is one of Cognito's symbols
}

TEST(PasswordPolicy, RelaxedPolicies) {
  PasswordPolicy policy;
  policy.minimum_length = 6;
  policy.uppercase = policy.lowercase = policy.numbers = policy.symbols = false;
  EXPECT_EQ(policy_error(policy, "abcdef"), "");
  EXPECT_NE(policy_error(policy, "abcde"), "");
}

TEST(PasswordHash, SaltedAndVerified) {
  const auto a = hash_password("Passw0rd!", 2);
  const auto b = hash_password("Passw0rd!", 2);
  EXPECT_NE(a, b);  // a fresh salt each time
  EXPECT_EQ(a.rfind("pbkdf2-sha256$2$", 0), 0u);
  EXPECT_EQ(a.find("Passw0rd!"), std::string::npos);
  EXPECT_TRUE(verify_password(a, "Passw0rd!"));
  EXPECT_FALSE(verify_password(a, "Passw0rd?"));
  EXPECT_FALSE(verify_password("", "Passw0rd!"));
  EXPECT_FALSE(verify_password("pbkdf2-sha256$x$AAAA$AAAA", "Passw0rd!"));
  EXPECT_FALSE(verify_password("md5$1$AAAA$AAAA", "Passw0rd!"));
}

}  // namespace
}  // namespace preflight::cognito
