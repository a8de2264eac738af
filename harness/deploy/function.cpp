// AWS::Serverless::Function: the folder's zip as $LATEST, its settings, its alias (created once:
// afterwards only `preflight promote` moves it) and its SQS / DynamoDB event source mappings.
#include <chrono>
#include <thread>

#include "emulator/common/crypto.h"
#include "harness/deploy/code_zip.h"
#include "harness/deploy/function_events.h"
#include "harness/deploy/lambda_functions.h"
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

// Environment variables are strings on the wire, whatever YAML made of them.
Json environment(const Json& props) {
  Json vars = Json::object();
  for (const auto& [key, value] : field(field(props, "Environment"), "Variables").items()) {
    vars[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return vars;
}

// The settings UpdateFunctionConfiguration takes, as the template wants them (Lambda's defaults
// where it says nothing, so an unchanged template compares equal).
Json wanted_settings(DeployContext& c, const std::string& id, const Json& props) {
  Json s = {{"Runtime", props.value("Runtime", "")},
            {"Handler", props.value("Handler", "")},
            {"Timeout", integer_property(props, "Timeout", 3)},
            {"MemorySize", integer_property(props, "MemorySize", 128)},
            {"Description", props.value("Description", "")},
            {"Role", props.value("Role", "arn:aws:iam::" + c.account + ":role/" + c.stack + "-" +
                                             id + "Role")},
            {"Environment", {{"Variables", environment(props)}}}};
  return s;
}

Json stack_tags(DeployContext& c, const std::string& id, const Json& props) {
  Json tags = props.value("Tags", Json::object());
  tags[std::string(kStackTag)] = c.stack;
  tags[std::string(kLogicalIdTag)] = id;
  if (props.contains("AutoPublishAlias")) {
    tags[std::string(kAliasTag)] = props["AutoPublishAlias"];
  }
  return tags;
}

// Lambda takes a function's next change only once the last one is done (State Active,
// LastUpdateStatus not InProgress); AWS answers ResourceConflictException before that. The
// emulator is done at once; on AWS this waits, bounded like the SDK waiters (5 minutes).
void wait_until_ready(DeployContext& c, const std::string& name) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (true) {
    const Json config = c.aws.rest("lambda", "GET", function_path(name) + "/configuration");
    const std::string state = config.value("State", "Active");
    const std::string update = config.value("LastUpdateStatus", "Successful");
    if (state == "Failed" || update == "Failed") {
      throw std::runtime_error(
          "function " + name + " failed to update: " +
          config.value("StateReason", config.value("LastUpdateStatusReason", std::string())));
    }
    if (state != "Pending" && update != "InProgress") {
      return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("function " + name + " still updating after 5 minutes");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

// Creates the alias at the first deploy (version 1 of what was just uploaded); a redeploy leaves
// it where promote put it.
std::string ensure_alias(DeployContext& c, const std::string& name, const std::string& alias,
                         std::vector<std::string>& changes) {
  const std::string path = function_path(name);
  try {
    return c.aws.rest("lambda", "GET", path + "/aliases/" + AwsClient::segment(alias))
        .value("FunctionVersion", "");
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
  }
  const std::string version =
      c.aws.rest("lambda", "POST", path + "/versions", Json::object()).value("Version", "");
  c.aws.rest("lambda", "POST", path + "/aliases", {{"Name", alias}, {"FunctionVersion", version}});
  changes.push_back("alias " + alias + " -> version " + version + " (created)");
  return version;
}

Deployed deploy(DeployContext& c, const std::string& id, const Json& props) {
  if (!props.contains("CodeUri") || !props["CodeUri"].is_string()) {
    throw TemplateError("Resources." + id +
                        ".Properties.CodeUri: give a local folder (S3 locations and InlineCode "
                        "are not supported)");
  }
  const std::string name = c.physical_name(id, field(props, "FunctionName"), 64);
  const std::string zip =
      zip_folder(c.tmpl.file.parent_path() / props["CodeUri"].get<std::string>());
  const std::string sha = code_sha256(zip);
  const Json settings = wanted_settings(c, id, props);
  const Json tags = stack_tags(c, id, props);
  const std::string path = function_path(name);
  std::vector<std::string> changes;

  Json existing;
  try {
    existing = c.aws.rest("lambda", "GET", path);
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
  }
  if (existing.is_null()) {
    Json in = settings;
    in["FunctionName"] = name;
    in["Code"] = {{"ZipFile", base64_encode(zip)}};
    in["Tags"] = tags;
    if (props.contains("Architectures")) {
      in["Architectures"] = props["Architectures"];
    }
    c.aws.rest("lambda", "POST", "/2015-03-31/functions", in);
    wait_until_ready(c, name);
    changes.push_back("created");
  } else {
    const Json& config = existing["Configuration"];
    if (config.value("CodeSha256", "") != sha) {
      c.aws.rest("lambda", "PUT", path + "/code", {{"ZipFile", base64_encode(zip)}});
      wait_until_ready(c, name);
      changes.push_back("code updated on $LATEST");
    }
    const Json have = function_settings(config);
    Json update = Json::object();
    for (const auto& [key, value] : settings.items()) {
      if (have[key] != value) {
        update[key] = value;
      }
    }
    if (!update.empty()) {
      std::string keys;
      for (const auto& [key, value] : update.items()) {
        keys += (keys.empty() ? "" : ", ") + key;
      }
      c.aws.rest("lambda", "PUT", path + "/configuration", update);
      wait_until_ready(c, name);
      changes.push_back("settings updated on $LATEST (" + keys + ")");
    }
    Json missing_tags = Json::object();
    for (const auto& [key, value] : tags.items()) {
      if (object_field(existing, "Tags").value(key, Json()) != value) {
        missing_tags[key] = value;
      }
    }
    if (!missing_tags.empty()) {
      c.aws.rest("lambda", "POST",
                 "/2017-03-31/tags/" + AwsClient::segment(config.value("FunctionArn", "")),
                 {{"Tags", missing_tags}});
    }
  }
  const std::string arn = "arn:aws:lambda:" + c.region + ":" + c.account + ":function:" + name;
  Deployed d{name};
  d.attributes = {{"Arn", arn}};
  std::string target = name;
  if (props.contains("AutoPublishAlias")) {
    const std::string alias = props["AutoPublishAlias"].get<std::string>();
    const std::string version = ensure_alias(c, name, alias, changes);
    d.suffixes = {{"Alias", arn + ":" + alias}, {"Version", arn + ":" + version}};
    target = name + ":" + alias;
  }
  if (props.contains("ReservedConcurrentExecutions")) {
    const Json now = c.aws.rest(
        "lambda", "GET", "/2019-09-30/functions/" + AwsClient::segment(name) + "/concurrency");
    if (field(now, "ReservedConcurrentExecutions") != props["ReservedConcurrentExecutions"]) {
      c.aws.rest("lambda", "PUT",
                 "/2017-10-31/functions/" + AwsClient::segment(name) + "/concurrency",
                 {{"ReservedConcurrentExecutions", props["ReservedConcurrentExecutions"]}});
      changes.push_back("reserved concurrency set");
    }
  }
  deploy_function_events(c, props, target, changes);
  std::string what = "function " + name + ": ";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    what += (i ? ", " : "") + changes[i];
  }
  c.report(id, changes.empty() ? what + "unchanged" : what);
  return d;
}

}  // namespace

const ResourceType kServerlessFunction = {
    "AWS::Serverless::Function",
    {"CodeUri", "Handler", "Runtime", "Timeout", "MemorySize", "Environment", "AutoPublishAlias",
     "Events", "Policies", "Role", "FunctionName", "Description", "Architectures", "Tags",
     "ReservedConcurrentExecutions", "Tracing"},
    {"Arn"},
    &deploy,
    {"CodeUri", "Handler", "Runtime"}};

}  // namespace preflight::harness
