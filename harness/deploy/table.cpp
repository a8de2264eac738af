// AWS::DynamoDB::Table: created with CreateTable; a redeploy adds what CloudFormation would update
// in place (a stream, new global secondary indexes, TTL) and refuses what needs a replacement.
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

Json tags_of(const Json& props) {
  return props.contains("Tags") ? props["Tags"] : Json::array();
}

Json create_input(const std::string& name, const Json& props) {
  Json in = {{"TableName", name},
             {"AttributeDefinitions", props["AttributeDefinitions"]},
             {"KeySchema", props["KeySchema"]},
             {"BillingMode", props.value("BillingMode", "PROVISIONED")}};
  for (const char* key : {"ProvisionedThroughput", "GlobalSecondaryIndexes",
                          "LocalSecondaryIndexes", "SSESpecification"}) {
    if (props.contains(key)) {
      in[key] = props[key];
    }
  }
  if (in["BillingMode"] == "PROVISIONED" && !in.contains("ProvisionedThroughput")) {
    in["ProvisionedThroughput"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}};
  }
  if (const Json& stream = field(props, "StreamSpecification"); !stream.is_null()) {
    in["StreamSpecification"] = {{"StreamEnabled", true},
                                 {"StreamViewType", stream.value("StreamViewType", "")}};
  }
  if (!tags_of(props).empty()) {
    in["Tags"] = tags_of(props);
  }
  return in;
}

std::set<std::string> index_names(const Json& list) {
  std::set<std::string> out;
  for (const auto& index : list.is_array() ? list : Json::array()) {
    out.insert(index.value("IndexName", ""));
  }
  return out;
}

// Brings an existing table to the template's stream, indexes and TTL; returns what changed.
std::vector<std::string> update_table(DeployContext& c, const std::string& name, const Json& props,
                                      const Json& table) {
  std::vector<std::string> changes;
  if (json_digest(table["KeySchema"]) != json_digest(props["KeySchema"])) {
    throw TemplateError("Resources: table " + name +
                        ": changing KeySchema needs a new table (delete it, or rename it)");
  }
  const Json& want_stream = object_field(props, "StreamSpecification");
  const Json& have_stream = object_field(table, "StreamSpecification");
  const bool have_enabled = have_stream.value("StreamEnabled", false);
  const std::string want_view = want_stream.value("StreamViewType", "");
  const std::string have_view = have_enabled ? have_stream.value("StreamViewType", "") : "";
  if (want_view != have_view) {
    if (have_enabled) {
      c.aws.call("dynamodb", "UpdateTable",
                 {{"TableName", name}, {"StreamSpecification", {{"StreamEnabled", false}}}});
    }
    if (!want_view.empty()) {
      c.aws.call(
          "dynamodb", "UpdateTable",
          {{"TableName", name},
           {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", want_view}}}});
    }
    changes.push_back("stream " + (want_view.empty() ? std::string("off") : want_view));
  }
  const auto have = index_names(field(table, "GlobalSecondaryIndexes"));
  for (const auto& index : field(props, "GlobalSecondaryIndexes")) {
    if (have.contains(index.value("IndexName", ""))) {
      continue;
    }
    Json create = index;
    if (props.value("BillingMode", "PROVISIONED") == "PROVISIONED" &&
        !create.contains("ProvisionedThroughput")) {
      create["ProvisionedThroughput"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}};
    }
    c.aws.call("dynamodb", "UpdateTable",
               {{"TableName", name},
                {"AttributeDefinitions", props["AttributeDefinitions"]},
                {"GlobalSecondaryIndexUpdates", Json::array({{{"Create", create}}})}});
    changes.push_back("index " + index.value("IndexName", "") + " added");
  }
  const auto want = index_names(field(props, "GlobalSecondaryIndexes"));
  for (const auto& index : have) {
    if (!want.contains(index)) {
      c.aws.call(
          "dynamodb", "UpdateTable",
          {{"TableName", name},
           {"GlobalSecondaryIndexUpdates", Json::array({{{"Delete", {{"IndexName", index}}}}})}});
      changes.push_back("index " + index + " removed");
    }
  }
  return changes;
}

// TimeToLiveSpecification: applied when it differs from DescribeTimeToLive.
std::optional<std::string> update_ttl(DeployContext& c, const std::string& name,
                                      const Json& props) {
  const Json& ttl = field(props, "TimeToLiveSpecification");
  if (ttl.is_null()) {
    return std::nullopt;
  }
  const bool enabled = ttl.value("Enabled", false);
  const std::string attribute = ttl.value("AttributeName", "");
  const Json now = c.aws.call("dynamodb", "DescribeTimeToLive", {{"TableName", name}});
  const Json& desc = object_field(now, "TimeToLiveDescription");
  const bool on = desc.value("TimeToLiveStatus", "") == "ENABLED";
  if (on == enabled && (!enabled || desc.value("AttributeName", "") == attribute)) {
    return std::nullopt;
  }
  c.aws.call("dynamodb", "UpdateTimeToLive",
             {{"TableName", name},
              {"TimeToLiveSpecification", {{"Enabled", enabled}, {"AttributeName", attribute}}}});
  return "ttl " + (enabled ? attribute : std::string("off"));
}

Deployed deploy(DeployContext& c, const std::string& id, const Json& props) {
  const std::string name = c.physical_name(id, field(props, "TableName"), 255);
  Json table;
  std::vector<std::string> changes;
  try {
    table = c.aws.call("dynamodb", "DescribeTable", {{"TableName", name}})["Table"];
    changes = update_table(c, name, props, table);
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
    c.aws.call("dynamodb", "CreateTable", create_input(name, props));
    changes.push_back("created");
  }
  if (auto ttl = update_ttl(c, name, props)) {
    changes.push_back(*ttl);
  }
  if (!changes.empty()) {  // the ARNs (and a new stream's) are read once the changes are made
    table = c.aws.call("dynamodb", "DescribeTable", {{"TableName", name}})["Table"];
  }
  std::string what = "table " + name + ": ";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    what += (i ? ", " : "") + changes[i];
  }
  c.report(id, changes.empty() ? what + "unchanged" : what);
  Deployed d{name};
  d.attributes = {{"Arn", table["TableArn"]}};
  if (table.contains("LatestStreamArn")) {
    d.attributes["StreamArn"] = table["LatestStreamArn"];
  }
  return d;
}

}  // namespace

const ResourceType kDynamoDbTable = {
    "AWS::DynamoDB::Table",
    {"TableName", "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput",
     "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification",
     "TimeToLiveSpecification", "SSESpecification", "Tags"},
    {"Arn", "StreamArn"},
    &deploy,
    {"AttributeDefinitions", "KeySchema"}};

}  // namespace preflight::harness
