#pragma once

#include "emulator/service/request_context.h"
#include "services/cognito/backend.h"

namespace preflight::cognito {

using Result = boost::asio::awaitable<Json>;
#define PREFLIGHT_COGNITO_OP(name) \
  Result name(Backend& b, core::RequestContext& ctx, const Json& in)

// pool_ops.cpp
PREFLIGHT_COGNITO_OP(create_user_pool);
PREFLIGHT_COGNITO_OP(describe_user_pool);
PREFLIGHT_COGNITO_OP(list_user_pools);
PREFLIGHT_COGNITO_OP(update_user_pool);
PREFLIGHT_COGNITO_OP(delete_user_pool);

// client_ops.cpp
PREFLIGHT_COGNITO_OP(create_user_pool_client);
PREFLIGHT_COGNITO_OP(describe_user_pool_client);
PREFLIGHT_COGNITO_OP(list_user_pool_clients);
PREFLIGHT_COGNITO_OP(update_user_pool_client);
PREFLIGHT_COGNITO_OP(delete_user_pool_client);

// domain_ops.cpp: domains and resource servers
PREFLIGHT_COGNITO_OP(create_user_pool_domain);
PREFLIGHT_COGNITO_OP(describe_user_pool_domain);
PREFLIGHT_COGNITO_OP(delete_user_pool_domain);
PREFLIGHT_COGNITO_OP(create_resource_server);
PREFLIGHT_COGNITO_OP(describe_resource_server);
PREFLIGHT_COGNITO_OP(list_resource_servers);
PREFLIGHT_COGNITO_OP(update_resource_server);
PREFLIGHT_COGNITO_OP(delete_resource_server);

// group_ops.cpp
PREFLIGHT_COGNITO_OP(create_group);
PREFLIGHT_COGNITO_OP(get_group);
PREFLIGHT_COGNITO_OP(list_groups);
PREFLIGHT_COGNITO_OP(update_group);
PREFLIGHT_COGNITO_OP(delete_group);
PREFLIGHT_COGNITO_OP(admin_add_user_to_group);
PREFLIGHT_COGNITO_OP(admin_remove_user_from_group);
PREFLIGHT_COGNITO_OP(admin_list_groups_for_user);
PREFLIGHT_COGNITO_OP(list_users_in_group);

// admin_user_ops.cpp
PREFLIGHT_COGNITO_OP(admin_create_user);
PREFLIGHT_COGNITO_OP(admin_get_user);
PREFLIGHT_COGNITO_OP(admin_delete_user);
PREFLIGHT_COGNITO_OP(admin_disable_user);
PREFLIGHT_COGNITO_OP(admin_enable_user);
PREFLIGHT_COGNITO_OP(admin_update_user_attributes);
PREFLIGHT_COGNITO_OP(admin_delete_user_attributes);
PREFLIGHT_COGNITO_OP(admin_set_user_password);
PREFLIGHT_COGNITO_OP(admin_confirm_sign_up);
PREFLIGHT_COGNITO_OP(admin_reset_user_password);
PREFLIGHT_COGNITO_OP(admin_user_global_sign_out);

// list_users.cpp
PREFLIGHT_COGNITO_OP(list_users);

// signup_ops.cpp
PREFLIGHT_COGNITO_OP(sign_up);
PREFLIGHT_COGNITO_OP(confirm_sign_up);
PREFLIGHT_COGNITO_OP(resend_confirmation_code);
PREFLIGHT_COGNITO_OP(forgot_password);
PREFLIGHT_COGNITO_OP(confirm_forgot_password);

// self_ops.cpp: what a signed-in user does with an AccessToken
PREFLIGHT_COGNITO_OP(get_user);
PREFLIGHT_COGNITO_OP(update_user_attributes);
PREFLIGHT_COGNITO_OP(delete_user);
PREFLIGHT_COGNITO_OP(delete_user_attributes);
PREFLIGHT_COGNITO_OP(change_password);
PREFLIGHT_COGNITO_OP(global_sign_out);
PREFLIGHT_COGNITO_OP(revoke_token);
PREFLIGHT_COGNITO_OP(get_user_attribute_verification_code);
PREFLIGHT_COGNITO_OP(verify_user_attribute);

// auth_ops.cpp
PREFLIGHT_COGNITO_OP(initiate_auth);
PREFLIGHT_COGNITO_OP(admin_initiate_auth);
PREFLIGHT_COGNITO_OP(respond_to_auth_challenge);
PREFLIGHT_COGNITO_OP(admin_respond_to_auth_challenge);

#undef PREFLIGHT_COGNITO_OP

// Shared by the operations.
const std::string& required_string(const Json& in, const char* member);
Json user_json(const User& user, const char* attributes_member);  // UserType / AdminGetUser
// The user as ListUsers and friends show it, for a user whose password is also set.
void check_secret_hash(const Client& client, const Json& in, std::string_view username);

}  // namespace preflight::cognito
