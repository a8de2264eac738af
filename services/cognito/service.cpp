#include "services/cognito/service.h"

#include "services/cognito/operations.h"
#include "services/cognito/routes.h"
#include "services/cognito/verifier.h"

namespace preflight::cognito {
namespace {

core::Operation public_op(std::string name, core::Handler handler) {
  core::Operation o{std::move(name), std::move(handler)};
  o.unsigned_ok = true;
  return o;
}

}  // namespace

void register_service(core::Registry& registry, core::Environment& env) {
  auto b = std::make_shared<Backend>(env);
  env.token_verifier = make_token_verifier(b);
  using core::bind_state;

  core::ServiceInfo cognito;
  cognito.name = "cognito-idp";
  cognito.signing_name = "cognito-idp";
  cognito.protocols = {core::Protocol::Json};
  cognito.json_target_prefix = "AWSCognitoIdentityProviderService";
  cognito.json_version = "1.1";
  cognito.on_reset = [b] { b->forget_all(); };
  cognito.operations = {
      {"CreateUserPool", bind_state(b, &create_user_pool)},
      {"DescribeUserPool", bind_state(b, &describe_user_pool)},
      {"ListUserPools", bind_state(b, &list_user_pools)},
      {"UpdateUserPool", bind_state(b, &update_user_pool)},
      {"DeleteUserPool", bind_state(b, &delete_user_pool)},
      {"CreateUserPoolClient", bind_state(b, &create_user_pool_client)},
      {"DescribeUserPoolClient", bind_state(b, &describe_user_pool_client)},
      {"ListUserPoolClients", bind_state(b, &list_user_pool_clients)},
      {"UpdateUserPoolClient", bind_state(b, &update_user_pool_client)},
      {"DeleteUserPoolClient", bind_state(b, &delete_user_pool_client)},
      {"CreateUserPoolDomain", bind_state(b, &create_user_pool_domain)},
      {"DescribeUserPoolDomain", bind_state(b, &describe_user_pool_domain)},
      {"DeleteUserPoolDomain", bind_state(b, &delete_user_pool_domain)},
      {"CreateResourceServer", bind_state(b, &create_resource_server)},
      {"DescribeResourceServer", bind_state(b, &describe_resource_server)},
      {"ListResourceServers", bind_state(b, &list_resource_servers)},
      {"UpdateResourceServer", bind_state(b, &update_resource_server)},
      {"DeleteResourceServer", bind_state(b, &delete_resource_server)},
      {"CreateGroup", bind_state(b, &create_group)},
      {"GetGroup", bind_state(b, &get_group)},
      {"ListGroups", bind_state(b, &list_groups)},
      {"UpdateGroup", bind_state(b, &update_group)},
      {"DeleteGroup", bind_state(b, &delete_group)},
      {"AdminAddUserToGroup", bind_state(b, &admin_add_user_to_group)},
      {"AdminRemoveUserFromGroup", bind_state(b, &admin_remove_user_from_group)},
      {"AdminListGroupsForUser", bind_state(b, &admin_list_groups_for_user)},
      {"ListUsersInGroup", bind_state(b, &list_users_in_group)},
      {"AdminCreateUser", bind_state(b, &admin_create_user)},
      {"AdminGetUser", bind_state(b, &admin_get_user)},
      {"AdminDeleteUser", bind_state(b, &admin_delete_user)},
      {"AdminDisableUser", bind_state(b, &admin_disable_user)},
      {"AdminEnableUser", bind_state(b, &admin_enable_user)},
      {"AdminUpdateUserAttributes", bind_state(b, &admin_update_user_attributes)},
      {"AdminDeleteUserAttributes", bind_state(b, &admin_delete_user_attributes)},
      {"AdminSetUserPassword", bind_state(b, &admin_set_user_password)},
      {"AdminConfirmSignUp", bind_state(b, &admin_confirm_sign_up)},
      {"AdminResetUserPassword", bind_state(b, &admin_reset_user_password)},
      {"AdminUserGlobalSignOut", bind_state(b, &admin_user_global_sign_out)},
      {"AdminInitiateAuth", bind_state(b, &admin_initiate_auth)},
      {"AdminRespondToAuthChallenge", bind_state(b, &admin_respond_to_auth_challenge)},
      {"ListUsers", bind_state(b, &list_users)},
      // What end users call with only a client id or their access token: no AWS credentials.
      public_op("SignUp", bind_state(b, &sign_up)),
      public_op("ConfirmSignUp", bind_state(b, &confirm_sign_up)),
      public_op("ResendConfirmationCode", bind_state(b, &resend_confirmation_code)),
      public_op("ForgotPassword", bind_state(b, &forgot_password)),
      public_op("ConfirmForgotPassword", bind_state(b, &confirm_forgot_password)),
      public_op("InitiateAuth", bind_state(b, &initiate_auth)),
      public_op("RespondToAuthChallenge", bind_state(b, &respond_to_auth_challenge)),
      public_op("GetUser", bind_state(b, &get_user)),
      public_op("UpdateUserAttributes", bind_state(b, &update_user_attributes)),
      public_op("DeleteUser", bind_state(b, &delete_user)),
      public_op("DeleteUserAttributes", bind_state(b, &delete_user_attributes)),
      public_op("ChangePassword", bind_state(b, &change_password)),
      public_op("GlobalSignOut", bind_state(b, &global_sign_out)),
      public_op("RevokeToken", bind_state(b, &revoke_token)),
      public_op("GetUserAttributeVerificationCode",
                bind_state(b, &get_user_attribute_verification_code)),
      public_op("VerifyUserAttribute", bind_state(b, &verify_user_attribute)),
  };
  registry.add(std::move(cognito));
  add_codes_route(registry, b);
  add_well_known_routes(registry, b);
  add_oauth_routes(registry, b);
}

}  // namespace preflight::cognito
