#include "emulator/common/crypto.h"
#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/pool.h"
#include "services/cognito/schema.h"

namespace preflight::cognito {
namespace {

// "UserPoolId" -> "userPoolId", as Cognito's validation messages spell members.
std::string camel(std::string_view member) {
  std::string out(member);
  if (!out.empty()) {
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  }
  return out;
}

}  // namespace

const std::string& required_string(const Json& in, const char* member) {
  const auto it = in.find(member);
  if (it == in.end() || it->is_null()) {
    throw errors::invalid_parameter("1 validation error detected: Value null at '" + camel(member) +
                                    "' failed to satisfy constraint: Member must not be null");
  }
  if (!it->is_string()) {
    throw core::errors::serialization(std::string("Expected a string for ") + member);
  }
  return it->get_ref<const std::string&>();
}

Json user_json(const User& user, const char* attributes_member) {
  return {{"Username", user.username},
          {attributes_member, attribute_list(user.attributes)},
          {"UserCreateDate", static_cast<double>(user.created)},
          {"UserLastModifiedDate", static_cast<double>(user.last_modified)},
          {"Enabled", user.enabled},
          {"UserStatus", status_name(user.status)}};
}

void check_secret_hash(const Client& client, const Json& in, std::string_view username) {
  if (client.secret.empty()) {
    return;
  }
  const auto it = in.find("SecretHash");
  if (it == in.end() || !it->is_string()) {
    throw errors::not_authorized("Client " + client.id +
                                 " is configured for secret but secret was not received");
  }
  if (!constant_time_equals(it->get<std::string>(), secret_hash(client, username))) {
    throw errors::secret_hash_mismatch(client.id);
  }
}

std::string_view status_name(UserStatus s) {
  switch (s) {
    case UserStatus::Unconfirmed:
      return "UNCONFIRMED";
    case UserStatus::Confirmed:
      return "CONFIRMED";
    case UserStatus::ForceChangePassword:
      return "FORCE_CHANGE_PASSWORD";
    case UserStatus::ResetRequired:
      return "RESET_REQUIRED";
  }
  return "UNKNOWN";
}

}  // namespace preflight::cognito
