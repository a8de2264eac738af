#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/password.h"
#include "services/cognito/pool.h"
#include "services/cognito/schema.h"
#include "services/cognito/user_update.h"

namespace preflight::cognito {
namespace {

constexpr std::int64_t kSignUpCodeSeconds = 24 * 3600;
constexpr std::int64_t kResetCodeSeconds = 3600;

struct Caller {
  Client client;
  PoolPtr pool;
};

// The public sign-up operations name a client, not a pool; the SecretHash is checked against the
// username as given.
Caller caller(Backend& b, const Json& in) {
  Client client = b.client(required_string(in, "ClientId"));
  PoolPtr pool = b.pool(client.pool_id);
  check_secret_hash(client, in, required_string(in, "Username"));
  return {std::move(client), std::move(pool)};
}

User existing(Backend& b, const Caller& c, const Json& in) {
  return b.user(*c.pool, required_string(in, "Username"));
}

Json delivery(Backend& b, const User& user) {
  if (user.attribute("email").empty()) {
    return Json::object();
  }
  return {{"CodeDeliveryDetails", b.delivery_details(user)}};
}

}  // namespace

Result sign_up(Backend& b, core::RequestContext&, const Json& in) {
  const auto c = caller(b, in);
  const auto& password = required_string(in, "Password");
  User user = new_user(*c.pool, required_string(in, "Username"),
                       attribute_map(core::input::array(in, "UserAttributes")));
  check_required_attributes(*c.pool, user.attributes);
  check_password_policy(password_policy(*c.pool), password);
  b.set_password(*c.pool, user, password);
  user.status = UserStatus::Unconfirmed;
  // The user and its code in one transaction: a crash between them would leave a user that
  // cannot be confirmed.
  core::Transaction tx(b.store().db());
  b.insert_user(*c.pool, user);
  // Issued whatever the pool's AutoVerifiedAttributes say, so ConfirmSignUp always has a code to
  // take locally; CodeDeliveryDetails only where Cognito would have sent one.
  b.issue_code(*c.pool, user, "SignUp", "", kSignUpCodeSeconds);
  tx.commit();
  Json out{{"UserConfirmed", false}, {"UserSub", user.sub()}};
  if (auto_verifies_email(*c.pool) && !user.attribute("email").empty()) {
    out["CodeDeliveryDetails"] = b.delivery_details(user);
  }
  co_return out;
}

Result confirm_sign_up(Backend& b, core::RequestContext&, const Json& in) {
  const auto c = caller(b, in);
  User user = existing(b, c, in);
  if (user.status != UserStatus::Unconfirmed) {
    throw errors::not_authorized("User cannot be confirmed. Current status is " +
                                 std::string(status_name(user.status)));
  }
  core::Transaction tx(b.store().db());  // the code is used up only if the user is confirmed
  b.consume_code(*c.pool, user, "SignUp", required_string(in, "ConfirmationCode"));
  user.status = UserStatus::Confirmed;
  if (auto_verifies_email(*c.pool) && !user.attribute("email").empty()) {
    user.attributes["email_verified"] = "true";
  }
  b.save_user(*c.pool, user);
  tx.commit();
  co_return Json::object();
}

Result resend_confirmation_code(Backend& b, core::RequestContext&, const Json& in) {
  const auto c = caller(b, in);
  const User user = existing(b, c, in);
  if (user.status != UserStatus::Unconfirmed) {
    throw errors::invalid_parameter("User is already confirmed.");
  }
  b.issue_code(*c.pool, user, "SignUp", "", kSignUpCodeSeconds);
  co_return delivery(b, user);
}

Result forgot_password(Backend& b, core::RequestContext&, const Json& in) {
  const auto c = caller(b, in);
  auto user = b.find_user(*c.pool, required_string(in, "Username"));
  if (!user) {
    if (hides_user_existence(c.client)) {
      co_return Json{
          {"CodeDeliveryDetails",
           {{"Destination", "***"}, {"DeliveryMedium", "EMAIL"}, {"AttributeName", "email"}}}};
    }
    throw errors::user_not_found();
  }
  if (!user->enabled) {
    throw errors::user_disabled();
  }
  if (user->attribute("email").empty()) {
    throw errors::invalid_parameter(
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number");
  }
  b.issue_code(*c.pool, *user, "ForgotPassword", "", kResetCodeSeconds);
  co_return delivery(b, *user);
}

Result confirm_forgot_password(Backend& b, core::RequestContext&, const Json& in) {
  const auto c = caller(b, in);
  User user = existing(b, c, in);
  const auto& password = required_string(in, "Password");
  check_password_policy(password_policy(*c.pool), password);
  core::Transaction tx(b.store().db());  // the code is used up only with the new password
  b.consume_code(*c.pool, user, "ForgotPassword", required_string(in, "ConfirmationCode"));
  b.set_password(*c.pool, user, password);
  if (user.status != UserStatus::Unconfirmed) {
    user.status = UserStatus::Confirmed;
  }
  b.save_user(*c.pool, user);
  tx.commit();
  co_return Json::object();
}

}  // namespace preflight::cognito
