#include "services/cognito/errors.h"

namespace preflight::cognito::errors {

core::AwsError invalid_parameter(std::string message) {
  return {"InvalidParameterException", std::move(message)};
}

core::AwsError pool_not_found(std::string_view pool_id) {
  return {"ResourceNotFoundException", "User pool " + std::string(pool_id) + " does not exist."};
}

core::AwsError client_not_found(std::string_view client_id) {
  return {"ResourceNotFoundException",
          "User pool client " + std::string(client_id) + " does not exist."};
}

core::AwsError resource_not_found(std::string message) {
  return {"ResourceNotFoundException", std::move(message)};
}

core::AwsError user_not_found() {
  return {"UserNotFoundException", "User does not exist."};
}

core::AwsError username_exists(std::string message) {
  return {"UsernameExistsException", std::move(message)};
}

core::AwsError alias_exists() {
  return {"AliasExistsException", "An account with the given email already exists."};
}

core::AwsError group_exists(std::string_view group) {
  return {"GroupExistsException",
          "A group with the name " + std::string(group) + " already exists."};
}

core::AwsError group_not_found() {
  return {"ResourceNotFoundException", "Group not found."};
}

core::AwsError not_authorized(std::string message) {
  return {"NotAuthorizedException", std::move(message)};
}

core::AwsError incorrect_credentials() {
  return not_authorized("Incorrect username or password.");
}

core::AwsError user_disabled() {
  return not_authorized("User is disabled.");
}

core::AwsError user_not_confirmed() {
  return {"UserNotConfirmedException", "User is not confirmed."};
}

core::AwsError password_reset_required() {
  return {"PasswordResetRequiredException", "Password reset required for the user"};
}

core::AwsError invalid_password(std::string message) {
  return {"InvalidPasswordException", std::move(message)};
}

core::AwsError code_mismatch() {
  return {"CodeMismatchException", "Invalid verification code provided, please try again."};
}

core::AwsError expired_code() {
  return {"ExpiredCodeException", "Invalid code provided, please request a code again."};
}

core::AwsError limit_exceeded(std::string message) {
  return {"LimitExceededException", std::move(message)};
}

core::AwsError invalid_oauth_flow(std::string message) {
  return {"InvalidOAuthFlowException", std::move(message)};
}

core::AwsError scope_does_not_exist(std::string message) {
  return {"ScopeDoesNotExistException", std::move(message)};
}

core::AwsError unsupported_token_type() {
  return {"UnsupportedTokenTypeException", "Unsupported token type"};
}

core::AwsError unsupported_operation(std::string message) {
  return {"UnsupportedOperationException", std::move(message)};
}

core::AwsError invalid_user_pool_configuration(std::string message) {
  return {"InvalidUserPoolConfigurationException", std::move(message)};
}

core::AwsError secret_hash_mismatch(std::string_view client_id) {
  return not_authorized("Unable to verify secret hash for client " + std::string(client_id));
}

core::AwsError invalid_session() {
  return not_authorized("Invalid session for the user, session is expired.");
}

}  // namespace preflight::cognito::errors
