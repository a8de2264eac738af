#pragma once

#include <string>
#include <string_view>

#include "emulator/service/aws_error.h"

// Cognito user pool errors. __type is the bare exception name, as Cognito sends it; messages are
// Cognito's own wherever clients or users are known to match on them.
namespace preflight::cognito::errors {

core::AwsError invalid_parameter(std::string message);  // InvalidParameterException
core::AwsError pool_not_found(std::string_view pool_id);
core::AwsError client_not_found(std::string_view client_id);
core::AwsError resource_not_found(std::string message);
core::AwsError user_not_found();
core::AwsError username_exists(std::string message = "User already exists");
core::AwsError alias_exists();
core::AwsError group_exists(std::string_view group);
core::AwsError group_not_found();
core::AwsError not_authorized(std::string message);  // NotAuthorizedException
core::AwsError incorrect_credentials();              // "Incorrect username or password."
core::AwsError user_disabled();
core::AwsError user_not_confirmed();
core::AwsError password_reset_required();
core::AwsError invalid_password(std::string message);
core::AwsError code_mismatch();
core::AwsError expired_code();
core::AwsError limit_exceeded(std::string message);
core::AwsError invalid_oauth_flow(std::string message);
core::AwsError scope_does_not_exist(std::string message);
core::AwsError unsupported_token_type();
core::AwsError unsupported_operation(std::string message);
core::AwsError invalid_user_pool_configuration(std::string message);
core::AwsError secret_hash_mismatch(std::string_view client_id);
core::AwsError invalid_session();

}  // namespace preflight::cognito::errors
