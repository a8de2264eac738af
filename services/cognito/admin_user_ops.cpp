#include "emulator/common/ids.h"
#include "emulator/common/log.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/password.h"
#include "services/cognito/pool.h"
#include "services/cognito/schema.h"
#include "services/cognito/user_update.h"

namespace preflight::cognito {
namespace {

// A temporary password that satisfies any policy: upper, lower, digit, symbol, long enough.
std::string generated_password(const PasswordPolicy& policy) {
  std::string password =
      "Aa1!" +
      random_alnum(static_cast<std::size_t>(std::max<std::int64_t>(policy.minimum_length, 12)));
  return password;
}

User target(Backend& b, const Pool& pool, const Json& in) {
  return b.user(pool, required_string(in, "Username"));
}

}  // namespace

Result admin_create_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto& given_name = required_string(in, "Username");
  const auto action = core::input::string(in, "MessageAction").value_or("");
  if (action == "RESEND") {
    User user = b.user(*pool, given_name);
    if (user.status != UserStatus::ForceChangePassword) {
      throw errors::unsupported_operation("Resend not possible. " + user.username +
                                          " status is not FORCE_CHANGE_PASSWORD.");
    }
    const auto password = generated_password(password_policy(*pool));
    b.set_password(*pool, user, password);
    b.save_user(*pool, user);
    log::info("cognito: temporary password for " + pool->id + "/" + user.username + ": " +
              password);
    co_return Json{{"User", user_json(user, "Attributes")}};
  }
  if (!action.empty() && action != "SUPPRESS") {
    throw errors::invalid_parameter("Invalid MessageAction: " + action);
  }
  User user = new_user(*pool, given_name, attribute_map(core::input::array(in, "UserAttributes")));
  const auto temporary = core::input::string(in, "TemporaryPassword");
  std::string password;
  if (temporary) {
    check_password_policy(password_policy(*pool), *temporary);
    password = *temporary;
  } else {
    password = generated_password(password_policy(*pool));
  }
  b.set_password(*pool, user, password);
  user.status = UserStatus::ForceChangePassword;
  b.insert_user(*pool, user, "User account already exists");
  if (!temporary && action != "SUPPRESS") {
    // Where Cognito would send an invitation, the log shows the password it would carry.
    log::info("cognito: temporary password for " + pool->id + "/" + user.username + ": " +
              password);
  }
  co_return Json{{"User", user_json(user, "Attributes")}};
}

Result admin_get_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  Json out = user_json(target(b, *pool, in), "UserAttributes");
  out["MFAOptions"] = Json::array();
  out["UserMFASettingList"] = Json::array();
  co_return out;
}

Result admin_delete_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  b.store().delete_user(pool->id, target(b, *pool, in).username);
  co_return Json::object();
}

Result admin_disable_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  user.enabled = false;
  b.save_user(*pool, user);
  b.store().revoke_sessions_of(pool->id, user.username);
  co_return Json::object();
}

Result admin_enable_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  user.enabled = true;
  b.save_user(*pool, user);
  co_return Json::object();
}

Result admin_update_user_attributes(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  update_attributes(b, *pool, user, attribute_map(core::input::array(in, "UserAttributes")), true);
  co_return Json::object();
}

Result admin_delete_user_attributes(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  delete_attributes(b, *pool, user, core::input::array(in, "UserAttributeNames"));
  co_return Json::object();
}

Result admin_set_user_password(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  const auto& password = required_string(in, "Password");
  check_password_policy(password_policy(*pool), password);
  b.set_password(*pool, user, password);
  user.status = core::input::boolean(in, "Permanent").value_or(false)
                    ? UserStatus::Confirmed
                    : UserStatus::ForceChangePassword;
  b.save_user(*pool, user);
  co_return Json::object();
}

Result admin_confirm_sign_up(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  if (user.status != UserStatus::Unconfirmed) {
    throw errors::not_authorized("User cannot be confirmed. Current status is " +
                                 std::string(status_name(user.status)));
  }
  user.status = UserStatus::Confirmed;
  b.save_user(*pool, user);
  co_return Json::object();
}

Result admin_reset_user_password(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  User user = target(b, *pool, in);
  if (!user.enabled) {
    throw errors::user_disabled();
  }
  user.status = UserStatus::ResetRequired;
  b.save_user(*pool, user);
  b.store().revoke_sessions_of(pool->id, user.username);
  b.issue_code(*pool, user, "ForgotPassword", "", 3600);
  co_return Json::object();
}

Result admin_user_global_sign_out(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  b.store().revoke_sessions_of(pool->id, target(b, *pool, in).username);
  co_return Json::object();
}

}  // namespace preflight::cognito
