#include "emulator/common/crypto.h"
#include "emulator/service/input.h"
#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/password.h"
#include "services/cognito/pool.h"
#include "services/cognito/schema.h"
#include "services/cognito/tokens.h"
#include "services/cognito/user_update.h"
#include "services/cognito/verifier.h"

namespace preflight::cognito {
namespace {

// The operations a user calls on themself need the access token's
// aws.cognito.signin.user.admin scope (an OAuth token without it may only call userInfo).
AccessTokenUser signed_in(Backend& b, const Json& in) {
  auto caller = access_token_user(b, in);
  const auto scopes = caller.claims.value("scope", "");
  if ((" " + scopes + " ").find(" " + std::string(kAdminScope) + " ") == std::string::npos) {
    throw errors::not_authorized("Access Token does not have required scopes");
  }
  return caller;
}

}  // namespace

Result get_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto caller = signed_in(b, in);
  co_return Json{{"Username", caller.user.username},
                 {"UserAttributes", attribute_list(caller.user.attributes)},
                 {"MFAOptions", Json::array()},
                 {"UserMFASettingList", Json::array()}};
}

Result update_user_attributes(Backend& b, core::RequestContext&, const Json& in) {
  auto caller = signed_in(b, in);
  const auto old_email = caller.user.attribute("email");
  update_attributes(b, *caller.pool, caller.user,
                    attribute_map(core::input::array(in, "UserAttributes")), false);
  Json out{{"CodeDeliveryDetailsList", Json::array()}};
  if (caller.user.attribute("email") != old_email &&
      caller.user.attribute("email_verified") != "true") {
    out["CodeDeliveryDetailsList"].push_back(b.delivery_details(caller.user));
  }
  co_return out;
}

Result delete_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto caller = signed_in(b, in);
  b.store().delete_user(caller.pool->id, caller.user.username);
  co_return Json::object();
}

Result delete_user_attributes(Backend& b, core::RequestContext&, const Json& in) {
  auto caller = signed_in(b, in);
  delete_attributes(b, *caller.pool, caller.user, core::input::array(in, "UserAttributeNames"));
  co_return Json::object();
}

Result change_password(Backend& b, core::RequestContext&, const Json& in) {
  auto caller = signed_in(b, in);
  const auto& proposed = required_string(in, "ProposedPassword");
  const auto previous = core::input::string(in, "PreviousPassword").value_or("");
  if (!verify_password(caller.user.password_hash, previous)) {
    throw errors::incorrect_credentials();
  }
  check_password_policy(password_policy(*caller.pool), proposed);
  b.set_password(*caller.pool, caller.user, proposed);
  b.save_user(*caller.pool, caller.user);
  co_return Json::object();
}

Result global_sign_out(Backend& b, core::RequestContext&, const Json& in) {
  const auto caller = signed_in(b, in);
  b.store().revoke_sessions_of(caller.pool->id, caller.user.username);
  co_return Json::object();
}

Result revoke_token(Backend& b, core::RequestContext&, const Json& in) {
  const auto& token = required_string(in, "Token");
  const Client client = b.client(required_string(in, "ClientId"));
  if (!client.secret.empty() &&
      !constant_time_equals(core::input::string(in, "ClientSecret").value_or(""), client.secret)) {
    throw errors::not_authorized("Client secret is not valid.");
  }
  if (!client.config.value("EnableTokenRevocation", true)) {
    throw errors::unsupported_operation("Token revocation is not enabled for this app client.");
  }
  if (std::count(token.begin(), token.end(), '.') == 2) {
    throw errors::unsupported_token_type();  // an id or access token, not a refresh token
  }
  revoke(b, client, token);  // an unknown token is not an error (RFC 7009)
  co_return Json::object();
}

Result get_user_attribute_verification_code(Backend& b, core::RequestContext&, const Json& in) {
  const auto caller = signed_in(b, in);
  const auto& attribute = required_string(in, "AttributeName");
  if (attribute != "email" || caller.user.attribute("email").empty()) {
    throw errors::invalid_parameter("Invalid attribute name: " + attribute);
  }
  b.issue_code(*caller.pool, caller.user, "VerifyAttribute", attribute, 24 * 3600);
  co_return Json{{"CodeDeliveryDetails", b.delivery_details(caller.user)}};
}

Result verify_user_attribute(Backend& b, core::RequestContext&, const Json& in) {
  auto caller = signed_in(b, in);
  const auto& attribute = required_string(in, "AttributeName");
  b.consume_code(*caller.pool, caller.user, "VerifyAttribute", required_string(in, "Code"));
  caller.user.attributes[attribute + "_verified"] = "true";
  b.save_user(*caller.pool, caller.user);
  co_return Json::object();
}

}  // namespace preflight::cognito
