// AWS::Lambda::Permission (AddPermission, once per statement) and AWS::IAM::Role (not emulated:
// Preflight does not enforce IAM, so a role is only the ARN functions are created with).
#include "emulator/common/strings.h"
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

// "name", "name:qualifier" or a function ARN (with or without qualifier) -> name, qualifier.
std::pair<std::string, std::string> function_and_qualifier(const std::string& text) {
  const auto parts = split(text, ':');
  if (text.starts_with("arn:") && parts.size() >= 7) {
    return {std::string(parts[6]), parts.size() > 7 ? std::string(parts[7]) : ""};
  }
  const auto colon = text.find(':');
  return colon == std::string::npos ? std::pair{text, std::string()}
                                    : std::pair{text.substr(0, colon), text.substr(colon + 1)};
}

Deployed deploy_permission(DeployContext& c, const std::string& id, const Json& props) {
  const auto [name, qualifier] = function_and_qualifier(props.value("FunctionName", ""));
  const std::string path = "/2015-03-31/functions/" + AwsClient::segment(name) + "/policy";
  AwsClient::Query query;
  if (!qualifier.empty()) {
    query.emplace_back("Qualifier", qualifier);
  }
  bool present = false;
  try {
    const Json policy = Json::parse(
        c.aws.rest("lambda", "GET", path, nullptr, query).value("Policy", "{}"), nullptr, false);
    for (const auto& statement : field(policy, "Statement")) {
      present = present || statement.value("Sid", "") == id;
    }
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
  }
  if (!present) {
    Json in = props;
    in.erase("FunctionName");
    in["StatementId"] = id;
    c.aws.rest("lambda", "POST", path, in, query);
  }
  c.report(id, "permission on " + name + (qualifier.empty() ? "" : ":" + qualifier) + ": " +
                   (present ? "unchanged" : "added"));
  return Deployed{id};
}

Deployed deploy_role(DeployContext& c, const std::string& id, const Json& props) {
  const std::string name = c.physical_name(id, field(props, "RoleName"), 64);
  const std::string arn = "arn:aws:iam::" + c.account + ":role" + props.value("Path", "/") + name;
  c.report(id, "not deployed (Preflight does not emulate IAM); functions use " + arn);
  Deployed d{name};
  d.attributes = {{"Arn", arn}, {"RoleId", "AROA" + c.stack}};
  return d;
}

}  // namespace

const ResourceType kLambdaPermission = {"AWS::Lambda::Permission",
                                        {"Action", "FunctionName", "Principal", "SourceArn",
                                         "SourceAccount", "EventSourceToken", "PrincipalOrgID"},
                                        {},
                                        &deploy_permission,
                                        {"Action", "FunctionName", "Principal"}};

const ResourceType kIamRole = {
    "AWS::IAM::Role",
    {"AssumeRolePolicyDocument", "Policies", "ManagedPolicyArns", "RoleName", "Path", "Description",
     "MaxSessionDuration", "PermissionsBoundary", "Tags"},
    {"Arn", "RoleId"},
    &deploy_role,
    {"AssumeRolePolicyDocument"}};

}  // namespace preflight::harness
