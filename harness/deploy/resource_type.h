#pragma once

#include <set>
#include <string>
#include <string_view>

#include "harness/deploy/context.h"

namespace preflight::harness {

// One resource type the harness deploys: the properties and attributes it knows (anything else
// in a template is an error before anything is deployed) and how it creates or updates one.
// deploy() gets the evaluated properties, must leave an unchanged resource untouched, and
// reports what it did with DeployContext::report.
struct ResourceType {
  std::string_view name;
  std::set<std::string_view> properties;
  std::set<std::string_view> attributes;
  Deployed (*deploy)(DeployContext& c, const std::string& id, const Json& properties);
  std::set<std::string_view> required = {};
};

extern const ResourceType kDynamoDbTable;
extern const ResourceType kSqsQueue;
extern const ResourceType kCognitoUserPool;
extern const ResourceType kCognitoUserPoolClient;
extern const ResourceType kCognitoUserPoolGroup;
extern const ResourceType kServerlessFunction;
extern const ResourceType kServerlessApi;
extern const ResourceType kApiGatewayStage;
extern const ResourceType kLambdaPermission;
extern const ResourceType kIamRole;

// The type named `name`, or nullptr.
const ResourceType* find_resource_type(std::string_view name);

}  // namespace preflight::harness
