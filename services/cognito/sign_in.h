#pragma once

#include <string_view>

#include "services/cognito/backend.h"

// The checks every sign-in makes, whichever way it proves the password (API flows, SRP, the
// hosted login page), with the exceptions and messages Cognito answers.
namespace preflight::cognito {

// The user a sign-in names: unknown is UserNotFoundException, or NotAuthorizedException
// "Incorrect username or password." for a client that hides user existence.
User signing_in_user(Backend& b, const Pool& pool, const Client& client, std::string_view username);
// Checks the password (NotAuthorizedException "Incorrect username or password.").
void check_password(const User& user, std::string_view password);
// After the password was proven: disabled, unconfirmed and reset-required users are refused.
// FORCE_CHANGE_PASSWORD passes: the caller answers NEW_PASSWORD_REQUIRED.
void check_may_sign_in(const User& user);

}  // namespace preflight::cognito
