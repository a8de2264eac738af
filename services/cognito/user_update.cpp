#include "services/cognito/user_update.h"

#include <cctype>

#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "services/cognito/errors.h"
#include "services/cognito/pool.h"
#include "services/cognito/schema.h"

namespace preflight::cognito {
namespace {

bool valid_username(std::string_view name) {
  if (name.empty() || name.size() > 128) {
    return false;
  }
  for (const char c : name) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

bool looks_like_email(std::string_view s) {
  const auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos;
}

void check_email(const Json& attributes) {
  if (const auto it = attributes.find("email"); it != attributes.end()) {
    if (!looks_like_email(it->get<std::string>())) {
      throw errors::invalid_parameter("Invalid email address format.");
    }
  }
}

}  // namespace

User new_user(const Pool& pool, std::string_view username, Json attributes) {
  if (!valid_username(username)) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member "
        "must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
  }
  check_attribute_writes(pool, attributes, true);
  User user;
  user.pool_id = pool.id;
  const std::string sub = new_uuid();
  if (email_is_username(pool)) {
    if (!looks_like_email(username)) {
      throw errors::invalid_parameter("Username should be an email.");
    }
    attributes["email"] = std::string(username);
    user.username = sub;
  } else {
    if (looks_like_email(username) && email_is_alias(pool)) {
      throw errors::invalid_parameter(
          "Username cannot be of email format, since user pool is configured for email alias.");
    }
    user.username = std::string(username);
  }
  check_email(attributes);
  attributes["sub"] = sub;
  user.attributes = std::move(attributes);
  user.created = user.last_modified = unix_now();
  return user;
}

void update_attributes(Backend& b, const Pool& pool, User& user, Json attributes, bool admin) {
  check_attribute_writes(pool, attributes, false);
  check_email(attributes);
  const auto old_email = user.attribute("email");
  bool verify_email = false;
  for (auto& [name, value] : attributes.items()) {
    user.attributes[name] = value;
  }
  if (attributes.contains("email") && user.attribute("email") != old_email &&
      !attributes.contains("email_verified")) {
    user.attributes["email_verified"] = "false";
    verify_email = auto_verifies_email(pool) || !admin;
  }
  b.save_user(pool, user);
  if (verify_email) {
    b.issue_code(pool, user, "VerifyAttribute", "email", 24 * 3600);
  }
}

void delete_attributes(Backend& b, const Pool& pool, User& user, const Json* names) {
  if (names == nullptr) {
    throw errors::invalid_parameter("UserAttributeNames is required.");
  }
  for (const auto& name : *names) {
    const auto n = name.is_string() ? name.get<std::string>() : "";
    if (n == "sub") {
      throw errors::invalid_parameter("Cannot delete the sub attribute.");
    }
    check_attribute_writes(pool, Json{{n, ""}}, false);
    user.attributes.erase(n);
  }
  b.save_user(pool, user);
}

}  // namespace preflight::cognito
