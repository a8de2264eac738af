#include "services/dynamodb/table_schema.h"

#include <set>

#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {
namespace {

constexpr std::size_t kMaxGlobalIndexes = 20;
constexpr std::size_t kMaxLocalIndexes = 5;

[[noreturn]] void invalid(const std::string& message) {
  throw errors::validation("One or more parameter values were invalid: " + message);
}

const Json& required(const Json& input, const char* member, const char* lower) {
  const auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    throw errors::validation(std::string("1 validation error detected: Value null at '") + lower +
                             "' failed to satisfy constraint: Member must not be null");
  }
  return *it;
}

std::string list_names(const Json& elements, const char* field) {
  std::string out;
  for (const auto& e : elements) {
    out += (out.empty() ? "" : ", ") + e.value(field, std::string());
  }
  return "[" + out + "]";
}

// KeySchema: one HASH, then optionally one RANGE with another name.
void check_key_schema(const Json& key_schema) {
  if (!key_schema.is_array() || key_schema.empty() || key_schema.size() > 2) {
    throw errors::validation(
        "1 validation error detected: Value '" + key_schema.dump() +
        "' at 'keySchema' failed to satisfy constraint: Member must have length less than or "
        "equal to 2");
  }
  for (const auto& e : key_schema) {
    if (!e.is_object() || !e.contains("AttributeName") || !e["AttributeName"].is_string() ||
        !e.contains("KeyType") || (e["KeyType"] != "HASH" && e["KeyType"] != "RANGE")) {
      throw errors::validation("Invalid KeySchema: Some KeySchemaElement is not valid");
    }
  }
  if (key_schema[0]["KeyType"] != "HASH") {
    throw errors::validation(
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (key_schema.size() == 2) {
    if (key_schema[1]["KeyType"] != "RANGE") {
      throw errors::validation(
          "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    if (key_schema[0]["AttributeName"] == key_schema[1]["AttributeName"]) {
      throw errors::validation(
          "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
  }
}

std::string key_name(const Json& key_schema, const char* type) {
  for (const auto& e : key_schema) {
    if (e["KeyType"] == type) {
      return e["AttributeName"].get<std::string>();
    }
  }
  return {};
}

Json check_projection(const Json& index) {
  const auto it = index.find("Projection");
  if (it == index.end() || !it->is_object()) {
    throw errors::validation(
        "1 validation error detected: Value null at 'projection' failed to "
        "satisfy constraint: Member must not be null");
  }
  Json projection = *it;
  const auto type = projection.value("ProjectionType", std::string("ALL"));
  if (type != "ALL" && type != "KEYS_ONLY" && type != "INCLUDE") {
    throw errors::validation("1 validation error detected: Value '" + type +
                             "' at 'projection.projectionType' failed to satisfy constraint: "
                             "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
  }
  const bool has_non_key = projection.contains("NonKeyAttributes");
  if (type == "INCLUDE" && (!has_non_key || projection["NonKeyAttributes"].empty())) {
    invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  if (type != "INCLUDE" && has_non_key) {
    invalid("ProjectionType is " + type + ", but NonKeyAttributes is specified");
  }
  projection["ProjectionType"] = type;
  return projection;
}

Json throughput_of(const Json& input, bool provisioned, const std::string& what) {
  const auto it = input.find("ProvisionedThroughput");
  if (!provisioned) {
    if (it != input.end() && !it->is_null()) {
      invalid(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
          "is PAY_PER_REQUEST");
    }
    return Json{{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}};
  }
  if (it == input.end() || !it->is_object() || !it->contains("ReadCapacityUnits") ||
      !it->contains("WriteCapacityUnits")) {
    invalid(what.empty() ? "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                           "BillingMode is PROVISIONED"
                         : "ProvisionedThroughput must be specified for index: " + what);
  }
  for (const auto* unit : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
    if (!(*it)[unit].is_number_integer() || (*it)[unit].get<long long>() < 1) {
      throw errors::validation(std::string("1 validation error detected: Value at "
                                           "'provisionedThroughput.") +
                               (unit[0] == 'R' ? "readCapacityUnits" : "writeCapacityUnits") +
                               "' failed to satisfy constraint: Member must have value greater "
                               "than or equal to 1");
    }
  }
  return Json{{"NumberOfDecreasesToday", 0},
              {"ReadCapacityUnits", (*it)["ReadCapacityUnits"]},
              {"WriteCapacityUnits", (*it)["WriteCapacityUnits"]}};
}

Json stream_spec(const Json& input) {
  const auto it = input.find("StreamSpecification");
  if (it == input.end() || !it->is_object()) {
    return nullptr;
  }
  const bool enabled = it->value("StreamEnabled", false);
  if (!enabled) {
    if (it->contains("StreamViewType")) {
      invalid("Stream view type should not be specified when streams are disabled");
    }
    return Json{{"StreamEnabled", false}};
  }
  const auto view = it->value("StreamViewType", std::string());
  static const std::set<std::string> kViews{"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE",
                                            "NEW_AND_OLD_IMAGES"};
  if (!kViews.contains(view)) {
    invalid("Stream view type is required when streams are enabled");
  }
  return Json{{"StreamEnabled", true}, {"StreamViewType", view}};
}

}  // namespace

std::string stream_label(std::int64_t now_ms) {
  auto label = iso8601_ms(now_ms);
  label.pop_back();  // no trailing 'Z'
  return label;
}

void check_key_attributes_defined(const Json& key_schema, const Json& attribute_definitions) {
  std::string missing;
  for (const auto& e : key_schema) {
    bool found = false;
    for (const auto& def : attribute_definitions) {
      found = found || def["AttributeName"] == e["AttributeName"];
    }
    if (!found) {
      missing += (missing.empty() ? "" : ", ") + e["AttributeName"].get<std::string>();
    }
  }
  if (!missing.empty()) {
    invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: [" + missing +
            "], AttributeDefinitions: " + list_names(attribute_definitions, "AttributeName"));
  }
}

Json new_index_description(const Json& index, bool global, const Json& table_key_schema,
                           const Json& attribute_definitions, bool provisioned,
                           const std::string& table_arn) {
  const auto& name_json = required(index, "IndexName", "indexName");
  if (!name_json.is_string()) {
    throw errors::serialization("IndexName must be a string");
  }
  const auto name = name_json.get<std::string>();
  check_table_name(name, "indexName");
  const auto& key_schema = required(index, "KeySchema", "keySchema");
  check_key_schema(key_schema);
  check_key_attributes_defined(key_schema, attribute_definitions);
  if (!global) {
    if (key_name(table_key_schema, "RANGE").empty()) {
      invalid(
          "Table KeySchema does not have a range key, which is required when specifying a "
          "LocalSecondaryIndex");
    }
    if (key_name(key_schema, "HASH") != key_name(table_key_schema, "HASH")) {
      invalid(
          "Index KeySchema does not have the same leading hash key as table KeySchema for "
          "index: " +
          name + ". index hash key: " + key_name(key_schema, "HASH") +
          ", table hash key: " + key_name(table_key_schema, "HASH"));
    }
    if (key_schema.size() != 2) {
      invalid("Index KeySchema must have a range key for index: " + name);
    }
  }
  Json out{
      {"IndexName", name},   {"KeySchema", key_schema}, {"Projection", check_projection(index)},
      {"IndexSizeBytes", 0}, {"ItemCount", 0},          {"IndexArn", table_arn + "/index/" + name}};
  if (global) {
    out["IndexStatus"] = "ACTIVE";
    out["ProvisionedThroughput"] = throughput_of(index, provisioned, name);
  }
  return out;
}

Json new_table_description(const Json& input, const std::string& table_arn, std::int64_t now_ms) {
  const auto& attribute_definitions =
      required(input, "AttributeDefinitions", "attributeDefinitions");
  const auto& key_schema = required(input, "KeySchema", "keySchema");
  check_key_schema(key_schema);
  std::set<std::string> defined;
  for (const auto& def : attribute_definitions) {
    const auto type = def.value("AttributeType", std::string());
    if (type != "S" && type != "N" && type != "B") {
      throw errors::validation("1 validation error detected: Value '" + type +
                               "' at 'attributeDefinitions.1.member.attributeType' failed to "
                               "satisfy constraint: Member must satisfy enum value set: [B, N, S]");
    }
    if (!defined.insert(def.value("AttributeName", std::string())).second) {
      invalid("Cannot have two attributes with the same name");
    }
  }
  check_key_attributes_defined(key_schema, attribute_definitions);

  const auto billing = input.value("BillingMode", std::string("PROVISIONED"));
  if (billing != "PROVISIONED" && billing != "PAY_PER_REQUEST") {
    throw errors::validation("1 validation error detected: Value '" + billing +
                             "' at 'billingMode' failed to satisfy constraint: Member must "
                             "satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  }
  const bool provisioned = billing == "PROVISIONED";
  const auto name = input.at("TableName").get<std::string>();
  Json description{{"TableName", name},
                   {"AttributeDefinitions", attribute_definitions},
                   {"KeySchema", key_schema},
                   {"TableStatus", "ACTIVE"},
                   {"CreationDateTime", static_cast<double>(now_ms) / 1000.0},
                   {"ProvisionedThroughput", throughput_of(input, provisioned, "")},
                   {"TableArn", table_arn},
                   {"TableId", new_uuid()},
                   {"DeletionProtectionEnabled", input.value("DeletionProtectionEnabled", false)}};
  if (!provisioned) {
    description["BillingModeSummary"] = {
        {"BillingMode", "PAY_PER_REQUEST"},
        {"LastUpdateToPayPerRequestDateTime", static_cast<double>(now_ms) / 1000.0}};
  }
  if (input.contains("TableClass")) {
    description["TableClassSummary"] = {{"TableClass", input["TableClass"]}};
  }

  std::set<std::string> used;
  for (const auto& e : key_schema) {
    used.insert(e["AttributeName"].get<std::string>());
  }
  std::set<std::string> index_names;
  for (const auto& [member, global, limit] :
       {std::tuple{"GlobalSecondaryIndexes", true, kMaxGlobalIndexes},
        std::tuple{"LocalSecondaryIndexes", false, kMaxLocalIndexes}}) {
    const auto it = input.find(member);
    if (it == input.end() || it->is_null()) {
      continue;
    }
    if (!it->is_array() || it->empty()) {
      invalid(std::string("List of ") + member + " is empty");
    }
    if (it->size() > limit) {
      throw errors::limit_exceeded(
          std::string("One or more parameter values were invalid: Number of ") + member +
          " exceeds per-table limit of " + std::to_string(limit));
    }
    Json indexes = Json::array();
    for (const auto& index : *it) {
      Json desc = new_index_description(index, global, key_schema, attribute_definitions,
                                        provisioned, table_arn);
      if (!index_names.insert(desc["IndexName"].get<std::string>()).second) {
        invalid("Duplicate index name: " + desc["IndexName"].get<std::string>());
      }
      for (const auto& e : desc["KeySchema"]) {
        used.insert(e["AttributeName"].get<std::string>());
      }
      indexes.push_back(std::move(desc));
    }
    description[member] = std::move(indexes);
  }
  if (used.size() != defined.size()) {
    invalid(
        "Number of attributes in KeySchema does not exactly match number of attributes "
        "defined in AttributeDefinitions");
  }
  if (Json spec = stream_spec(input); !spec.is_null()) {
    description["StreamSpecification"] = spec;
    if (spec["StreamEnabled"] == true) {
      const auto label = stream_label(now_ms);
      description["LatestStreamLabel"] = label;
      description["LatestStreamArn"] = table_arn + "/stream/" + label;
    }
  }
  return description;
}

Json public_description(const Json& stored, std::int64_t item_count, std::int64_t size_bytes) {
  Json out = Json::object();
  for (const auto& [key, value] : stored.items()) {
    if (!key.starts_with("_")) {
      out[key] = value;
    }
  }
  out["ItemCount"] = item_count;
  out["TableSizeBytes"] = size_bytes;
  return out;
}

}  // namespace preflight::dynamodb
