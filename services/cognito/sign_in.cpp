#include "services/cognito/sign_in.h"

#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/password.h"

namespace preflight::cognito {

User signing_in_user(Backend& b, const Pool& pool, const Client& client,
                     std::string_view username) {
  auto user = b.find_user(pool, username);
  if (!user) {
    if (hides_user_existence(client)) {
      throw errors::incorrect_credentials();
    }
    throw errors::user_not_found();
  }
  return std::move(*user);
}

void check_password(const User& user, std::string_view password) {
  if (user.password_hash.empty() || !verify_password(user.password_hash, password)) {
    throw errors::incorrect_credentials();
  }
}

void check_may_sign_in(const User& user) {
  if (!user.enabled) {
    throw errors::user_disabled();
  }
  switch (user.status) {
    case UserStatus::Unconfirmed:
      throw errors::user_not_confirmed();
    case UserStatus::ResetRequired:
      throw errors::password_reset_required();
    case UserStatus::Confirmed:
    case UserStatus::ForceChangePassword:
      break;
  }
}

}  // namespace preflight::cognito
