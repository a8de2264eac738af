#pragma once

#include <string_view>

#include "emulator/common/json.h"
#include "services/cognito/backend.h"

// Creating users and changing their attributes: the rules SignUp, AdminCreateUser and the
// attribute operations share.
namespace preflight::cognito {

// A new user (not stored) named `username` with these attributes and a fresh sub. In a pool that
// signs in with email the username must be one: it becomes the email attribute and the user is
// named by the sub, as Cognito does. Throws InvalidParameterException.
User new_user(const Pool& pool, std::string_view username, Json attributes);

// Sets attributes and saves. A changed email is unverified again unless email_verified comes with
// it; where the pool verifies email, a VerifyAttribute code is issued for it.
void update_attributes(Backend& b, const Pool& pool, User& user, Json attributes, bool admin);
void delete_attributes(Backend& b, const Pool& pool, User& user, const Json* names);

}  // namespace preflight::cognito
