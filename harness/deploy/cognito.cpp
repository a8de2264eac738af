// AWS::Cognito::UserPool, UserPoolClient and UserPoolGroup, found by name on a redeploy.
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

constexpr std::string_view kPropertiesTag = "preflight:properties-sha256";

// What UpdateUserPool may change (the rest of a pool is fixed at creation).
const std::set<std::string> kMutablePoolSettings = {"Policies",
                                                    "AutoVerifiedAttributes",
                                                    "MfaConfiguration",
                                                    "SmsConfiguration",
                                                    "EmailConfiguration",
                                                    "AdminCreateUserConfig",
                                                    "AccountRecoverySetting",
                                                    "DeviceConfiguration",
                                                    "LambdaConfig",
                                                    "VerificationMessageTemplate",
                                                    "UserAttributeUpdateSettings",
                                                    "DeletionProtection",
                                                    "EmailVerificationMessage",
                                                    "EmailVerificationSubject",
                                                    "SmsAuthenticationMessage",
                                                    "SmsVerificationMessage",
                                                    "UserPoolAddOns"};

std::optional<std::string> find_pool(const AwsClient& aws, const std::string& name) {
  Json in = {{"MaxResults", 60}};
  while (true) {
    const Json page = aws.call("cognito-idp", "ListUserPools", in);
    for (const auto& pool : field(page, "UserPools")) {
      if (pool.value("Name", "") == name) {
        return pool.value("Id", "");
      }
    }
    if (!page.contains("NextToken")) {
      return std::nullopt;
    }
    in["NextToken"] = page["NextToken"];
  }
}

Deployed deploy_pool(DeployContext& c, const std::string& id, const Json& props) {
  const std::string name = c.physical_name(id, field(props, "UserPoolName"), 128);
  const std::string digest = json_digest(props);
  Json tags = props.value("UserPoolTags", Json::object());
  tags[std::string(kPropertiesTag)] = digest;
  std::string what = "unchanged";
  auto pool_id = find_pool(c.aws, name);
  if (!pool_id) {
    Json in = props;
    in.erase("UserPoolName");
    in["PoolName"] = name;
    in["UserPoolTags"] = tags;
    pool_id = c.aws.call("cognito-idp", "CreateUserPool", in)["UserPool"]["Id"];
    what = "created";
  } else {
    const Json pool =
        c.aws.call("cognito-idp", "DescribeUserPool", {{"UserPoolId", *pool_id}})["UserPool"];
    if (object_field(pool, "UserPoolTags").value(std::string(kPropertiesTag), "") != digest) {
      Json in = {{"UserPoolId", *pool_id}, {"UserPoolTags", tags}};
      for (const auto& [key, value] : props.items()) {
        if (kMutablePoolSettings.contains(key)) {
          in[key] = value;
        }
      }
      c.aws.call("cognito-idp", "UpdateUserPool", in);
      what =
          "updated (only settings UpdateUserPool can change; the schema and sign-in "
          "attributes are fixed at creation)";
    }
  }
  c.report(id, "user pool " + name + " " + *pool_id + ": " + what);
  const std::string provider = "cognito-idp." + c.region + ".amazonaws.com/" + *pool_id;
  Deployed d{*pool_id};
  d.attributes = {
      {"Arn", "arn:aws:cognito-idp:" + c.region + ":" + c.account + ":userpool/" + *pool_id},
      {"ProviderName", provider},
      {"ProviderURL", "https://" + provider},
      {"UserPoolId", *pool_id}};
  return d;
}

Deployed deploy_client(DeployContext& c, const std::string& id, const Json& props) {
  const std::string pool = props.value("UserPoolId", "");
  const std::string name = props.value("ClientName", id);
  std::string client_id;
  Json in = {{"UserPoolId", pool}, {"MaxResults", 60}};
  while (client_id.empty()) {
    const Json page = c.aws.call("cognito-idp", "ListUserPoolClients", in);
    for (const auto& client : field(page, "UserPoolClients")) {
      if (client.value("ClientName", "") == name) {
        client_id = client.value("ClientId", "");
      }
    }
    if (!page.contains("NextToken")) {
      break;
    }
    in["NextToken"] = page["NextToken"];
  }
  Json settings = props;
  settings["ClientName"] = name;
  Json client;
  std::string what = "unchanged";
  if (client_id.empty()) {
    client = c.aws.call("cognito-idp", "CreateUserPoolClient", settings)["UserPoolClient"];
    client_id = client.value("ClientId", "");
    what = "created";
  } else {
    client = c.aws.call("cognito-idp", "DescribeUserPoolClient",
                        {{"UserPoolId", pool}, {"ClientId", client_id}})["UserPoolClient"];
    settings.erase("GenerateSecret");
    for (const auto& [key, value] : settings.items()) {
      if (field(client, key) != value) {
        settings["ClientId"] = client_id;
        client = c.aws.call("cognito-idp", "UpdateUserPoolClient", settings)["UserPoolClient"];
        what = "updated";
        break;
      }
    }
  }
  c.report(id, "client " + name + " " + client_id + ": " + what);
  Deployed d{client_id};
  d.attributes = {{"ClientId", client_id}, {"Name", name}};
  if (client.contains("ClientSecret")) {
    d.attributes["ClientSecret"] = client["ClientSecret"];
  }
  return d;
}

Deployed deploy_group(DeployContext& c, const std::string& id, const Json& props) {
  const std::string pool = props.value("UserPoolId", "");
  const std::string name = props.value("GroupName", id);
  Json settings = props;
  settings["GroupName"] = name;
  std::string what = "unchanged";
  try {
    const Json group =
        c.aws.call("cognito-idp", "GetGroup", {{"UserPoolId", pool}, {"GroupName", name}})["Group"];
    for (const auto& [key, value] : settings.items()) {
      if (field(group, key) != value) {
        c.aws.call("cognito-idp", "UpdateGroup", settings);
        what = "updated";
        break;
      }
    }
  } catch (const AwsCallError& e) {
    if (e.code() != "ResourceNotFoundException") {
      throw;
    }
    c.aws.call("cognito-idp", "CreateGroup", settings);
    what = "created";
  }
  c.report(id, "group " + name + ": " + what);
  return Deployed{name};
}

}  // namespace

const ResourceType kCognitoUserPool = {"AWS::Cognito::UserPool",
                                       {"UserPoolName",
                                        "Policies",
                                        "Schema",
                                        "AutoVerifiedAttributes",
                                        "AliasAttributes",
                                        "UsernameAttributes",
                                        "UsernameConfiguration",
                                        "MfaConfiguration",
                                        "SmsConfiguration",
                                        "EmailConfiguration",
                                        "AdminCreateUserConfig",
                                        "AccountRecoverySetting",
                                        "DeviceConfiguration",
                                        "LambdaConfig",
                                        "VerificationMessageTemplate",
                                        "UserAttributeUpdateSettings",
                                        "UserPoolTags",
                                        "DeletionProtection",
                                        "EmailVerificationMessage",
                                        "EmailVerificationSubject",
                                        "SmsAuthenticationMessage",
                                        "SmsVerificationMessage",
                                        "UserPoolAddOns"},
                                       {"Arn", "ProviderName", "ProviderURL", "UserPoolId"},
                                       &deploy_pool};

const ResourceType kCognitoUserPoolClient = {"AWS::Cognito::UserPoolClient",
                                             {"UserPoolId",
                                              "ClientName",
                                              "GenerateSecret",
                                              "RefreshTokenValidity",
                                              "AccessTokenValidity",
                                              "IdTokenValidity",
                                              "TokenValidityUnits",
                                              "ReadAttributes",
                                              "WriteAttributes",
                                              "ExplicitAuthFlows",
                                              "SupportedIdentityProviders",
                                              "CallbackURLs",
                                              "LogoutURLs",
                                              "DefaultRedirectURI",
                                              "AllowedOAuthFlows",
                                              "AllowedOAuthScopes",
                                              "AllowedOAuthFlowsUserPoolClient",
                                              "PreventUserExistenceErrors",
                                              "EnableTokenRevocation",
                                              "EnablePropagateAdditionalUserContextData",
                                              "AuthSessionValidity"},
                                             {"ClientId", "ClientSecret", "Name"},
                                             &deploy_client,
                                             {"UserPoolId"}};

const ResourceType kCognitoUserPoolGroup = {
    "AWS::Cognito::UserPoolGroup",
    {"UserPoolId", "GroupName", "Description", "Precedence", "RoleArn"},
    {},
    &deploy_group,
    {"UserPoolId"}};

}  // namespace preflight::harness
