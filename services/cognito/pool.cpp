#include "services/cognito/pool.h"

#include <algorithm>

#include "emulator/common/strings.h"
#include "services/cognito/errors.h"
#include "services/cognito/shapes.h"

namespace preflight::cognito {
namespace {

struct StandardAttribute {
  const char* name;
  const char* type;  // AttributeDataType
  bool mutable_ = true;
  bool required = false;
};

// Cognito's standard schema, in the order DescribeUserPool lists it.
constexpr StandardAttribute kStandard[] = {
    {"sub", "String", false, true},
    {"name", "String"},
    {"given_name", "String"},
    {"family_name", "String"},
    {"middle_name", "String"},
    {"nickname", "String"},
    {"preferred_username", "String"},
    {"profile", "String"},
    {"picture", "String"},
    {"website", "String"},
    {"email", "String"},
    {"email_verified", "Boolean"},
    {"gender", "String"},
    {"birthdate", "String"},
    {"zoneinfo", "String"},
    {"locale", "String"},
    {"phone_number", "String"},
    {"phone_number_verified", "Boolean"},
    {"address", "String"},
    {"updated_at", "Number"},
    {"identities", "String"},
};

Json standard_schema_attribute(const StandardAttribute& a) {
  Json out{{"Name", a.name},
           {"AttributeDataType", a.type},
           {"DeveloperOnlyAttribute", false},
           {"Mutable", a.mutable_},
           {"Required", a.required}};
  if (std::string_view(a.type) == "String") {
    const bool birthdate = std::string_view(a.name) == "birthdate";
    out["StringAttributeConstraints"] = {{"MinLength", birthdate ? "10" : (a.required ? "1" : "0")},
                                         {"MaxLength", birthdate ? "10" : "2048"}};
  } else if (std::string_view(a.type) == "Number") {
    out["NumberAttributeConstraints"] = {{"MinValue", "0"}};
  }
  return out;
}

const StandardAttribute* find_standard(std::string_view name) {
  for (const auto& a : kStandard) {
    if (name == a.name) {
      return &a;
    }
  }
  return nullptr;
}

bool contains(const Json& config, const char* member, std::string_view value) {
  const auto it = config.find(member);
  if (it == config.end() || !it->is_array()) {
    return false;
  }
  return std::any_of(it->begin(), it->end(),
                     [&](const Json& v) { return v.is_string() && v.get<std::string>() == value; });
}

const Json* schema_attribute(const Pool& pool, std::string_view name) {
  const auto it = pool.config.find("SchemaAttributes");
  if (it == pool.config.end()) {
    return nullptr;
  }
  for (const auto& a : *it) {
    if (a.value("Name", "") == name) {
      return &a;
    }
  }
  return nullptr;
}

Json schema_attributes(const Json* schema) {
  Json out = Json::array();
  for (const auto& a : kStandard) {
    out.push_back(standard_schema_attribute(a));
  }
  if (schema == nullptr) {
    return out;
  }
  if (!schema->is_array()) {
    throw errors::invalid_parameter("Schema must be a list.");
  }
  for (const auto& given : *schema) {
    using shapes::Kind;
    shapes::check_all(given, {{"Name", Kind::String},
                              {"AttributeDataType", Kind::String},
                              {"DeveloperOnlyAttribute", Kind::Boolean},
                              {"Mutable", Kind::Boolean},
                              {"Required", Kind::Boolean},
                              {"NumberAttributeConstraints", Kind::StringMap},
                              {"StringAttributeConstraints", Kind::StringMap}});
    const std::string name = given.value("Name", "");
    if (name.empty()) {
      throw errors::invalid_parameter("Schema attributes must have a Name.");
    }
    if (const auto* standard = find_standard(name)) {
      // A standard attribute may be made required or immutable.
      for (auto& a : out) {
        if (a["Name"] == standard->name) {
          for (const char* m : {"Required", "Mutable", "StringAttributeConstraints"}) {
            if (given.contains(m)) {
              a[m] = given[m];
            }
          }
        }
      }
      continue;
    }
    const auto type = given.value("AttributeDataType", "String");
    if (type != "String" && type != "Number" && type != "DateTime" && type != "Boolean") {
      throw errors::invalid_parameter(
          "Invalid AttributeDataType input, consider using the "
          "provided AttributeDataType enum.");
    }
    for (const char* constraints : {"StringAttributeConstraints", "NumberAttributeConstraints"}) {
      const Json limits = given.value(constraints, Json::object());
      for (const auto& [key, value] : limits.items()) {
        if (!is_all_digits(value.get<std::string>())) {
          throw errors::invalid_parameter(std::string(constraints) + "." + key +
                                          " must be a number.");
        }
      }
    }
    Json custom = given;
    custom["Name"] = "custom:" + name;
    custom.emplace("AttributeDataType", "String");
    custom.emplace("DeveloperOnlyAttribute", false);
    custom.emplace("Mutable", true);
    custom["Required"] = false;  // custom attributes cannot be required
    if (custom["AttributeDataType"] == "String") {
      custom.emplace("StringAttributeConstraints", Json::object());
    }
    out.push_back(std::move(custom));
  }
  return out;
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

void check_attribute_writes(const Pool& pool, const Json& attributes, bool creating) {
  for (const auto& [name, value] : attributes.items()) {
    const Json* schema = schema_attribute(pool, name);
    if (schema == nullptr || name == "sub") {
      throw errors::invalid_parameter("Invalid user attributes: user." + name +
                                      ": Attribute does not exist in the schema.\n");
    }
    if (!creating && !schema->value("Mutable", true)) {
      throw errors::invalid_parameter("Invalid user attributes: user." + name +
                                      ": Attribute cannot be updated. (changing an immutable "
                                      "attribute)\n");
    }
    const auto constraints = schema->find("StringAttributeConstraints");
    if (constraints != schema->end() && value.is_string()) {
      const auto max = constraints->value("MaxLength", "2048");
      if (value.get<std::string>().size() > std::stoul(max)) {
        throw errors::invalid_parameter("Invalid user attributes: user." + name +
                                        ": String must be no longer than " + max +
                                        " characters.\n");
      }
    }
  }
}

void check_required_attributes(const Pool& pool, const Json& attributes) {
  for (const auto& a : pool.config["SchemaAttributes"]) {
    const std::string name = a.value("Name", "");
    if (a.value("Required", false) && name != "sub" && !attributes.contains(name)) {
      throw errors::invalid_parameter("Attributes did not conform to the schema: " + name +
                                      ": The attribute is required\n");
    }
  }
}

Json attribute_map(const Json* list) {
  Json out = Json::object();
  if (list == nullptr) {
    return out;
  }
  for (const auto& a : *list) {
    if (!a.is_object() || !a.contains("Name") || !a["Name"].is_string()) {
      throw errors::invalid_parameter("Each user attribute needs a Name.");
    }
    const auto value = a.find("Value");
    out[a["Name"].get<std::string>()] =
        value != a.end() && value->is_string() ? value->get<std::string>() : "";
  }
  return out;
}

Json attribute_list(const Json& map, const Json* only) {
  Json out = Json::array();
  for (const auto& [name, value] : map.items()) {
    if (only != nullptr && std::find(only->begin(), only->end(), Json(name)) == only->end()) {
      continue;
    }
    out.push_back({{"Name", name}, {"Value", value}});
  }
  return out;
}

}  // namespace preflight::cognito
