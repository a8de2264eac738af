#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "services/cognito/model.h"

// What a user pool's configuration means: defaults as Cognito fills them in, the schema, and the
// username rules that decide how users are named and found.
namespace preflight::cognito {

// The configuration CreateUserPool stores: the request's UserPoolType members with Cognito's
// defaults filled in and Schema turned into SchemaAttributes (standard attributes first, custom
// ones as "custom:NAME"). Throws InvalidParameterException for a bad request.
Json new_pool_config(const Json& input);
// UpdateUserPool: replaces the members it may change (absent ones return to their defaults, as on
// AWS); the schema, username and alias attributes stay.
Json updated_pool_config(const Json& current, const Json& input);
// DescribeUserPool's UserPool.
Json describe_pool(const Pool& pool, std::int64_t users, const std::string& domain);
std::string pool_arn(const Pool& pool);

struct PasswordPolicy {
  std::int64_t minimum_length = 8;
  bool uppercase = true;
  bool lowercase = true;
  bool numbers = true;
  bool symbols = true;
  std::int64_t temporary_validity_days = 7;
};
PasswordPolicy password_policy(const Pool& pool);

// Username rules.
bool case_sensitive(const Pool& pool);  // UsernameConfiguration.CaseSensitive; true when unset
std::string username_key(const Pool& pool, std::string_view username);
bool email_is_username(const Pool& pool);    // UsernameAttributes contains "email"
bool email_is_alias(const Pool& pool);       // AliasAttributes contains "email"
bool auto_verifies_email(const Pool& pool);  // AutoVerifiedAttributes contains "email"
// The key that finds a user by email (lower case), or empty when the user has no email or the
// pool does not sign in with it (an alias counts only once verified).
std::string email_key(const Pool& pool, const User& user);

}  // namespace preflight::cognito
