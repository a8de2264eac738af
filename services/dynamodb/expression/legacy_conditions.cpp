#include <cctype>

#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/legacy.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

// Expected, QueryFilter and ScanFilter become condition trees: one condition per attribute,
// joined by ConditionalOperator.
namespace preflight::dynamodb::expr {
namespace {

core::AwsError invalid_parameter(const std::string& message) {
  return errors::validation("One or more parameter values were invalid: " + message);
}

const Json* member(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::vector<Json> value_list(const Json* list) {
  std::vector<Json> values;
  if (list != nullptr) {
    for (const Json& value : *list) {
      values.push_back(value);
    }
  }
  return values;
}

Condition join(std::vector<ConditionNode> nodes, ConditionNode::Kind op) {
  Condition condition;
  if (nodes.size() == 1) {
    condition.root = std::move(nodes.front());
    return condition;
  }
  condition.root.kind = op;  // an empty AND holds
  condition.root.children = std::move(nodes);
  return condition;
}

// One Expected entry, checked in the order DynamoDB checks it.
ConditionNode expected_node(const std::string& attribute, const Json& entry) {
  const std::string suffix = " for Attribute: " + attribute;
  const Json* exists = member(entry, "Exists");
  const Json* value = member(entry, "Value");
  const Json* list = member(entry, "AttributeValueList");
  const Json* op = member(entry, "ComparisonOperator");
  if (exists != nullptr && op != nullptr) {
    throw invalid_parameter("Exists and ComparisonOperator cannot be used together" + suffix);
  }
  if (value != nullptr && list != nullptr) {
    throw invalid_parameter("Value and AttributeValueList cannot be used together" + suffix);
  }
  if (op == nullptr && list != nullptr) {
    throw invalid_parameter("AttributeValueList can only be used with a ComparisonOperator" +
                            suffix);
  }
  const bool exists_false = exists != nullptr && exists->is_boolean() && !exists->get<bool>();
  if (exists_false && value != nullptr) {
    throw invalid_parameter("Value cannot be used when Exists is false" + suffix);
  }
  if (value == nullptr && list == nullptr) {
    if (op != nullptr) {
      const std::string name = op->is_string() ? op->get<std::string>() : op->dump();
      if (name != "NULL" && name != "NOT_NULL") {
        throw invalid_parameter(
            "Value or AttributeValueList must be used with ComparisonOperator: " + name + suffix);
      }
    } else if (exists == nullptr) {
      throw invalid_parameter("Value must be provided when Exists is null" + suffix);
    } else if (!exists_false) {
      throw invalid_parameter("Value must be provided when Exists is true" + suffix);
    }
  }
  if (op != nullptr) {
    const LegacyOp parsed = legacy_op(*op, "expected." + attribute + ".member");
    std::vector<Json> values = value != nullptr ? std::vector<Json>{*value} : value_list(list);
    check_legacy_arguments(parsed, values);
    return legacy_node(attribute, parsed, values);
  }
  if (exists_false) {
    return legacy_node(attribute, LegacyOp::NUL, {});
  }
  Json normalised = *value;
  validate_value(normalised);
  return legacy_node(attribute, LegacyOp::EQ, {normalised});
}

}  // namespace

Condition expected_condition(const Json& expected, const Json* op) {
  if (!expected.is_object()) {
    throw errors::serialization("Expected map or null");
  }
  const ConditionNode::Kind joiner = conditional_operator(op, expected.size());
  std::vector<ConditionNode> nodes;
  for (const auto& [attribute, entry] : expected.items()) {
    if (!entry.is_object()) {
      throw invalid_parameter("ExpectedAttributeValue must not be null for Attribute: " +
                              attribute);
    }
    nodes.push_back(expected_node(attribute, entry));
  }
  return join(std::move(nodes), joiner);
}

Condition filter_condition(const Json& filter, const Json* op, std::string_view member_name) {
  if (!filter.is_object()) {
    throw errors::serialization("Expected map or null");
  }
  const ConditionNode::Kind joiner = conditional_operator(op, filter.size());
  std::string at(member_name);
  at[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(at[0])));
  std::vector<ConditionNode> nodes;
  for (const auto& [attribute, entry] : filter.items()) {
    if (!entry.is_object()) {
      throw errors::validation("The filter condition for an attribute cannot be null: " +
                               attribute);
    }
    const LegacyOp parsed =
        legacy_op(member(entry, "ComparisonOperator") ? entry["ComparisonOperator"] : Json(),
                  at + "." + attribute + ".member");
    std::vector<Json> values = value_list(member(entry, "AttributeValueList"));
    check_legacy_arguments(parsed, values);
    nodes.push_back(legacy_node(attribute, parsed, values));
  }
  return join(std::move(nodes), joiner);
}

}  // namespace preflight::dynamodb::expr
