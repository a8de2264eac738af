// AWS::Cognito::UserPool, UserPoolClient and UserPoolGroup, found by name on a redeploy.
#include <algorithm>
#include <span>

#include "harness/cognito/user_pool_lookup.h"
#include "harness/cognito/user_pool_settings.h"
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

constexpr std::string_view kPropertiesTag = "preflight:properties-sha256";

// A resource type's properties: CreateUserPool(Client)'s settings plus its own names.
std::set<std::string_view> properties(std::span<const std::string_view> settings,
                                      std::initializer_list<std::string_view> own) {
  std::set<std::string_view> out(settings.begin(), settings.end());
  out.insert(own.begin(), own.end());
  return out;
}

bool is_mutable_pool_setting(std::string_view key) {
  return std::find(std::begin(kUserPoolMutableSettings), std::end(kUserPoolMutableSettings), key) !=
         std::end(kUserPoolMutableSettings);
}

Deployed deploy_pool(DeployContext& c, const std::string& id, const Json& props) {
  const std::string name = c.physical_name(id, field(props, "UserPoolName"), 128);
  const std::string digest = json_digest(props);
  Json tags = props.value("UserPoolTags", Json::object());
  tags[std::string(kPropertiesTag)] = digest;
  std::string what = "unchanged";
  auto pool_id = find_user_pool(c.aws, name);
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
        if (is_mutable_pool_setting(key)) {
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
  const auto found = find_user_pool_client(c.aws, pool, name);
  std::string client_id = found ? found->value("ClientId", "") : "";
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
                                       properties(kUserPoolSettings, {"UserPoolName"}),
                                       {"Arn", "ProviderName", "ProviderURL", "UserPoolId"},
                                       &deploy_pool};

const ResourceType kCognitoUserPoolClient = {"AWS::Cognito::UserPoolClient",
                                             properties(kUserPoolClientSettings, {"UserPoolId"}),
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
