#include "services/cognito/pool.h"

#include <algorithm>

#include "emulator/common/strings.h"
#include "services/cognito/errors.h"
#include "services/cognito/schema.h"
#include "services/cognito/shapes.h"

namespace preflight::cognito {
namespace {

bool contains(const Json& config, const char* member, std::string_view value) {
  const auto it = config.find(member);
  if (it == config.end() || !it->is_array()) {
    return false;
  }
  return std::any_of(it->begin(), it->end(),
                     [&](const Json& v) { return v.is_string() && v.get<std::string>() == value; });
}

Json password_policy_json(const Json* given) {
  Json policy{{"MinimumLength", 8},       {"RequireUppercase", true},
              {"RequireLowercase", true}, {"RequireNumbers", true},
              {"RequireSymbols", true},   {"TemporaryPasswordValidityDays", 7}};
  if (given != nullptr && given->is_object()) {
    for (auto& [key, value] : given->items()) {
      policy[key] = value;
    }
  }
  const auto length = policy["MinimumLength"];
  if (!length.is_number_integer() || length.get<std::int64_t>() < 6 ||
      length.get<std::int64_t>() > 99) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to "
        "satisfy constraint: Member must have value between 6 and 99");
  }
  return policy;
}

// Members CreateUserPool and UpdateUserPool both take and Cognito echoes, with their defaults.
void apply_mutable_members(Json& config, const Json& input) {
  using shapes::Kind;
  shapes::check_all(input, {{"Policies", Kind::Object},
                            {"MfaConfiguration", Kind::String},
                            {"LambdaConfig", Kind::Object},
                            {"DeletionProtection", Kind::String},
                            {"AdminCreateUserConfig", Kind::Object},
                            {"VerificationMessageTemplate", Kind::Object},
                            {"EmailConfiguration", Kind::Object},
                            {"AutoVerifiedAttributes", Kind::StringList},
                            {"SmsVerificationMessage", Kind::String},
                            {"EmailVerificationMessage", Kind::String},
                            {"EmailVerificationSubject", Kind::String},
                            {"SmsAuthenticationMessage", Kind::String},
                            {"UserAttributeUpdateSettings", Kind::Object},
                            {"DeviceConfiguration", Kind::Object},
                            {"SmsConfiguration", Kind::Object},
                            {"UserPoolTags", Kind::StringMap},
                            {"UserPoolAddOns", Kind::Object},
                            {"AccountRecoverySetting", Kind::Object}});
  if (const auto it = input.find("Policies"); it != input.end() && it->is_object()) {
    shapes::check(*it, "PasswordPolicy", Kind::Object);
    if (const auto p = it->find("PasswordPolicy"); p != it->end() && p->is_object()) {
      shapes::check_all(*p, {{"MinimumLength", Kind::Integer},
                             {"RequireUppercase", Kind::Boolean},
                             {"RequireLowercase", Kind::Boolean},
                             {"RequireNumbers", Kind::Boolean},
                             {"RequireSymbols", Kind::Boolean},
                             {"TemporaryPasswordValidityDays", Kind::Integer}});
    }
  }
  if (const auto it = input.find("AdminCreateUserConfig"); it != input.end() && it->is_object()) {
    shapes::check_all(*it, {{"AllowAdminCreateUserOnly", Kind::Boolean},
                            {"UnusedAccountValidityDays", Kind::Integer},
                            {"InviteMessageTemplate", Kind::Object}});
  }
  const Json* policies = input.contains("Policies") ? &input["Policies"] : nullptr;
  config["Policies"] = {
      {"PasswordPolicy", password_policy_json(policies != nullptr && policies->is_object() &&
                                                      policies->contains("PasswordPolicy")
                                                  ? &(*policies)["PasswordPolicy"]
                                                  : nullptr)}};
  config["MfaConfiguration"] = input.value("MfaConfiguration", "OFF");
  if (config["MfaConfiguration"] != "OFF") {
    throw errors::invalid_parameter("Preflight supports MfaConfiguration OFF only.");
  }
  config["LambdaConfig"] = input.value("LambdaConfig", Json::object());
  config["DeletionProtection"] = input.value("DeletionProtection", "INACTIVE");
  config["AdminCreateUserConfig"] = {{"AllowAdminCreateUserOnly", false},
                                     {"UnusedAccountValidityDays", 7}};
  if (const auto it = input.find("AdminCreateUserConfig"); it != input.end() && it->is_object()) {
    for (auto& [key, value] : it->items()) {
      config["AdminCreateUserConfig"][key] = value;
    }
  }
  config["VerificationMessageTemplate"] =
      input.value("VerificationMessageTemplate", Json{{"DefaultEmailOption", "CONFIRM_WITH_CODE"}});
  config["EmailConfiguration"] =
      input.value("EmailConfiguration", Json{{"EmailSendingAccount", "COGNITO_DEFAULT"}});
  for (const char* member :
       {"AutoVerifiedAttributes", "SmsVerificationMessage", "EmailVerificationMessage",
        "EmailVerificationSubject", "SmsAuthenticationMessage", "UserAttributeUpdateSettings",
        "DeviceConfiguration", "SmsConfiguration", "UserPoolTags", "UserPoolAddOns",
        "AccountRecoverySetting"}) {
    if (const auto it = input.find(member); it != input.end()) {
      config[member] = *it;
    } else {
      config.erase(member);
    }
  }
}

void check_string_list(const Json& input, const char* member,
                       std::initializer_list<std::string_view> allowed) {
  const auto it = input.find(member);
  if (it == input.end()) {
    return;
  }
  for (const auto& v : *it) {
    if (!v.is_string() ||
        std::find(allowed.begin(), allowed.end(), v.get<std::string>()) == allowed.end()) {
      throw errors::invalid_parameter(std::string("Invalid value in ") + member + ".");
    }
  }
}

}  // namespace

Json new_pool_config(const Json& input) {
  using shapes::Kind;
  shapes::check_all(input, {{"UsernameAttributes", Kind::StringList},
                            {"AliasAttributes", Kind::StringList},
                            {"UsernameConfiguration", Kind::Object},
                            {"Schema", Kind::ObjectList}});
  if (const auto it = input.find("UsernameConfiguration"); it != input.end() && it->is_object()) {
    shapes::check(*it, "CaseSensitive", Kind::Boolean);
  }
  check_string_list(input, "UsernameAttributes", {"email", "phone_number"});
  check_string_list(input, "AliasAttributes", {"email", "phone_number", "preferred_username"});
  check_string_list(input, "AutoVerifiedAttributes", {"email", "phone_number"});
  if (input.contains("UsernameAttributes") && input.contains("AliasAttributes")) {
    throw errors::invalid_parameter(
        "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
  }
  Json config = Json::object();
  apply_mutable_members(config, input);
  const auto schema = input.find("Schema");
  config["SchemaAttributes"] = schema_attributes(schema == input.end() ? nullptr : &*schema);
  for (const char* member : {"UsernameAttributes", "AliasAttributes", "UsernameConfiguration"}) {
    if (const auto it = input.find(member); it != input.end()) {
      config[member] = *it;
    }
  }
  return config;
}

Json updated_pool_config(const Json& current, const Json& input) {
  Json config = current;
  apply_mutable_members(config, input);
  return config;
}

std::string pool_arn(const Pool& pool) {
  return "arn:aws:cognito-idp:" + pool.region + ":" + pool.account_id + ":userpool/" + pool.id;
}

Json describe_pool(const Pool& pool, std::int64_t users, const std::string& domain) {
  Json out = pool.config;
  out["Id"] = pool.id;
  out["Name"] = pool.name;
  out["Arn"] = pool_arn(pool);
  out["CreationDate"] = static_cast<double>(pool.created);
  out["LastModifiedDate"] = static_cast<double>(pool.last_modified);
  out["EstimatedNumberOfUsers"] = users;
  if (!domain.empty()) {
    out["Domain"] = domain;
  }
  return out;
}

PasswordPolicy password_policy(const Pool& pool) {
  PasswordPolicy p;
  const Json& given = pool.config["Policies"]["PasswordPolicy"];
  p.minimum_length = given.value("MinimumLength", p.minimum_length);
  p.uppercase = given.value("RequireUppercase", p.uppercase);
  p.lowercase = given.value("RequireLowercase", p.lowercase);
  p.numbers = given.value("RequireNumbers", p.numbers);
  p.symbols = given.value("RequireSymbols", p.symbols);
  p.temporary_validity_days = given.value("TemporaryPasswordValidityDays", 7);
  return p;
}

bool case_sensitive(const Pool& pool) {
  const auto it = pool.config.find("UsernameConfiguration");
  return it == pool.config.end() || it->value("CaseSensitive", true);
}

std::string username_key(const Pool& pool, std::string_view username) {
  return case_sensitive(pool) ? std::string(username) : to_lower(username);
}

bool email_is_username(const Pool& pool) {
  return contains(pool.config, "UsernameAttributes", "email");
}

bool email_is_alias(const Pool& pool) {
  return contains(pool.config, "AliasAttributes", "email");
}

bool auto_verifies_email(const Pool& pool) {
  return contains(pool.config, "AutoVerifiedAttributes", "email");
}

std::string email_key(const Pool& pool, const User& user) {
  const std::string email = user.attribute("email");
  if (email.empty()) {
    return "";
  }
  if (email_is_username(pool) ||
      (email_is_alias(pool) && user.attribute("email_verified") == "true")) {
    return to_lower(email);
  }
  return "";
}

}  // namespace preflight::cognito
