#include "services/cognito/client.h"

#include <algorithm>
#include <array>

#include "emulator/common/crypto.h"
#include "services/cognito/errors.h"
#include "services/cognito/shapes.h"

namespace preflight::cognito {
namespace {

constexpr std::array kFlows = {"ADMIN_NO_SRP_AUTH",   "CUSTOM_AUTH_FLOW_ONLY",
                               "USER_PASSWORD_AUTH",  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                               "ALLOW_CUSTOM_AUTH",   "ALLOW_USER_PASSWORD_AUTH",
                               "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                               "ALLOW_USER_AUTH"};

std::int64_t unit_seconds(std::string_view unit) {
  if (unit == "seconds")
    return 1;
  if (unit == "minutes")
    return 60;
  if (unit == "hours")
    return 3600;
  if (unit == "days")
    return 86400;
  return 0;
}

// A validity member in seconds: its value times its unit (TokenValidityUnits, else the default
// unit), or the default when unset.
std::int64_t validity(const Json& config, const char* member, const char* unit_member,
                      const char* default_unit, std::int64_t fallback) {
  const auto it = config.find(member);
  if (it == config.end() || !it->is_number_integer() || it->get<std::int64_t>() == 0) {
    return fallback;
  }
  std::string unit = default_unit;
  if (const auto units = config.find("TokenValidityUnits"); units != config.end()) {
    unit = units->value(unit_member, unit);
  }
  return it->get<std::int64_t>() * unit_seconds(unit);
}

void check_range(const Json& config, const char* member, const char* unit_member,
                 const char* default_unit, std::int64_t min, std::int64_t max) {
  if (!config.contains(member)) {
    return;
  }
  if (!config[member].is_number_integer()) {
    throw errors::invalid_parameter(std::string(member) + " must be a number.");
  }
  if (config.contains("TokenValidityUnits")) {
    const auto unit = config["TokenValidityUnits"].value(unit_member, default_unit);
    if (unit_seconds(unit) == 0) {
      throw errors::invalid_parameter("Invalid TokenValidityUnits." + std::string(unit_member));
    }
  }
  const auto seconds = validity(config, member, unit_member, default_unit, min);
  if (seconds < min || seconds > max) {
    throw errors::invalid_parameter(std::string(member) + " must be between " +
                                    std::to_string(min) + " and " + std::to_string(max) +
                                    " seconds.");
  }
}

bool has(const Json& config, const char* member, std::string_view value) {
  const auto it = config.find(member);
  return it != config.end() && it->is_array() &&
         std::any_of(it->begin(), it->end(), [&](const Json& v) { return v == value; });
}

}  // namespace

Json client_config(const Json& input) {
  using shapes::Kind;
  shapes::check_all(input, {{"RefreshTokenValidity", Kind::Integer},
                            {"AccessTokenValidity", Kind::Integer},
                            {"IdTokenValidity", Kind::Integer},
                            {"TokenValidityUnits", Kind::StringMap},
                            {"ReadAttributes", Kind::StringList},
                            {"WriteAttributes", Kind::StringList},
                            {"ExplicitAuthFlows", Kind::StringList},
                            {"SupportedIdentityProviders", Kind::StringList},
                            {"CallbackURLs", Kind::StringList},
                            {"LogoutURLs", Kind::StringList},
                            {"DefaultRedirectURI", Kind::String},
                            {"AllowedOAuthFlows", Kind::StringList},
                            {"AllowedOAuthScopes", Kind::StringList},
                            {"AllowedOAuthFlowsUserPoolClient", Kind::Boolean},
                            {"AnalyticsConfiguration", Kind::Object},
                            {"PreventUserExistenceErrors", Kind::String},
                            {"EnableTokenRevocation", Kind::Boolean},
                            {"EnablePropagateAdditionalUserContextData", Kind::Boolean},
                            {"AuthSessionValidity", Kind::Integer}});
  Json config = Json::object();
  for (const char* member :
       {"RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "TokenValidityUnits",
        "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders",
        "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "AllowedOAuthFlows",
        "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "AnalyticsConfiguration",
        "PreventUserExistenceErrors", "EnableTokenRevocation",
        "EnablePropagateAdditionalUserContextData", "AuthSessionValidity"}) {
    if (const auto it = input.find(member); it != input.end() && !it->is_null()) {
      config[member] = *it;
    }
  }
  config.emplace("RefreshTokenValidity", 30);
  config.emplace("AllowedOAuthFlowsUserPoolClient", false);
  config.emplace("EnableTokenRevocation", true);
  config.emplace("AuthSessionValidity", 3);
  config.emplace("PreventUserExistenceErrors", "LEGACY");  // the API's default (not the console's)
  if (const auto it = config.find("ExplicitAuthFlows"); it != config.end()) {
    for (const auto& flow : *it) {
      if (!flow.is_string() ||
          std::find(kFlows.begin(), kFlows.end(), flow.get<std::string>()) == kFlows.end()) {
        throw errors::invalid_parameter("Invalid ExplicitAuthFlows value: " + flow.dump());
      }
    }
  }
  check_range(config, "AccessTokenValidity", "AccessToken", "hours", 300, 86400);
  check_range(config, "IdTokenValidity", "IdToken", "hours", 300, 86400);
  check_range(config, "RefreshTokenValidity", "RefreshToken", "days", 3600, 315360000);
  for (const auto& flow : config.value("AllowedOAuthFlows", Json::array())) {
    if (flow != "code" && flow != "implicit" && flow != "client_credentials") {
      throw errors::invalid_parameter("Invalid AllowedOAuthFlows value: " + flow.dump());
    }
  }
  if (has(config, "AllowedOAuthFlows", "client_credentials") &&
      (has(config, "AllowedOAuthFlows", "code") || has(config, "AllowedOAuthFlows", "implicit"))) {
    throw errors::invalid_oauth_flow(
        "client_credentials flow can not be selected with either implicit or code.");
  }
  const auto pue = config.value("PreventUserExistenceErrors", "LEGACY");
  if (pue != "LEGACY" && pue != "ENABLED") {
    throw errors::invalid_parameter("Invalid PreventUserExistenceErrors value.");
  }
  return config;
}

Json describe_client(const Client& client) {
  Json out = client.config;
  out["UserPoolId"] = client.pool_id;
  out["ClientName"] = client.name;
  out["ClientId"] = client.id;
  if (!client.secret.empty()) {
    out["ClientSecret"] = client.secret;
  }
  out["CreationDate"] = static_cast<double>(client.created);
  out["LastModifiedDate"] = static_cast<double>(client.last_modified);
  return out;
}

std::int64_t id_token_seconds(const Client& client) {
  return validity(client.config, "IdTokenValidity", "IdToken", "hours", 3600);
}

std::int64_t access_token_seconds(const Client& client) {
  return validity(client.config, "AccessTokenValidity", "AccessToken", "hours", 3600);
}

std::int64_t refresh_token_seconds(const Client& client) {
  return validity(client.config, "RefreshTokenValidity", "RefreshToken", "days", 30 * 86400);
}

bool allows_auth_flow(const Client& client, std::string_view flow) {
  const auto it = client.config.find("ExplicitAuthFlows");
  const bool defaults = it == client.config.end() || it->empty();
  const auto allowed = [&](const char* name) {
    return !defaults && has(client.config, "ExplicitAuthFlows", name);
  };
  if (flow == "USER_SRP_AUTH") {
    return defaults || allowed("ALLOW_USER_SRP_AUTH");
  }
  if (flow == "REFRESH_TOKEN_AUTH" || flow == "REFRESH_TOKEN") {
    // The legacy flow names never switched refreshing off.
    return defaults || allowed("ALLOW_REFRESH_TOKEN_AUTH") ||
           std::none_of(it->begin(), it->end(),
                        [](const Json& f) { return f.get<std::string>().starts_with("ALLOW_"); });
  }
  if (flow == "USER_PASSWORD_AUTH") {
    return allowed("ALLOW_USER_PASSWORD_AUTH") || allowed("USER_PASSWORD_AUTH");
  }
  if (flow == "ADMIN_USER_PASSWORD_AUTH" || flow == "ADMIN_NO_SRP_AUTH") {
    return allowed("ALLOW_ADMIN_USER_PASSWORD_AUTH") || allowed("ADMIN_NO_SRP_AUTH");
  }
  if (flow == "CUSTOM_AUTH") {
    return defaults || allowed("ALLOW_CUSTOM_AUTH") || allowed("CUSTOM_AUTH_FLOW_ONLY");
  }
  return false;
}

bool hides_user_existence(const Client& client) {
  return client.config.value("PreventUserExistenceErrors", "LEGACY") == "ENABLED";
}

std::vector<std::string> string_list(const Client& client, const char* member) {
  std::vector<std::string> out;
  if (const auto it = client.config.find(member); it != client.config.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) {
        out.push_back(v.get<std::string>());
      }
    }
  }
  return out;
}

bool allows_oauth(const Client& client) {
  return client.config.value("AllowedOAuthFlowsUserPoolClient", false);
}

bool has_oauth_flow(const Client& client, std::string_view flow) {
  return has(client.config, "AllowedOAuthFlows", flow);
}

std::string secret_hash(const Client& client, std::string_view username) {
  std::string message(username);
  message += client.id;
  return base64_encode(hmac_sha256(client.secret, message));
}

}  // namespace preflight::cognito
