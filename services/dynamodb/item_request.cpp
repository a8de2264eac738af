#include "services/dynamodb/item_request.h"

#include "emulator/service/input.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {
namespace {

std::string present(const Json& input, std::initializer_list<const char*> members) {
  std::string out;
  for (const char* m : members) {
    if (input.contains(m) && !input[m].is_null()) {
      out += (out.empty() ? "" : ", ") + std::string(m);
    }
  }
  return out;
}

}  // namespace

expr::Placeholders request_placeholders(const Json& input,
                                        std::initializer_list<const char*> legacy,
                                        std::initializer_list<const char*> expressions) {
  const auto used_legacy = present(input, legacy);
  const auto used_expressions = present(input, expressions);
  if (!used_legacy.empty() && !used_expressions.empty()) {
    throw errors::validation(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {" +
        used_legacy + "} Expression parameters: {" + used_expressions + "}");
  }
  const Json* names = core::input::object(input, "ExpressionAttributeNames");
  const Json* values = core::input::object(input, "ExpressionAttributeValues");
  if (used_expressions.empty()) {
    if (names != nullptr) {
      throw errors::validation(
          "ExpressionAttributeNames can only be specified when using expressions");
    }
    if (values != nullptr) {
      throw errors::validation(
          "ExpressionAttributeValues can only be specified when using expressions");
    }
  }
  return expr::Placeholders(names, values);
}

std::optional<expr::Condition> write_condition(const Json& input, expr::Placeholders& p) {
  if (const auto text = core::input::string(input, "ConditionExpression")) {
    return expr::parse_condition(*text, p, "ConditionExpression");
  }
  if (const auto* expected = core::input::object(input, "Expected")) {
    const auto it = input.find("ConditionalOperator");
    return expr::expected_condition(*expected, it == input.end() ? nullptr : &*it);
  }
  return std::nullopt;
}

std::optional<expr::Projection> read_projection(const Json& input, expr::Placeholders& p) {
  if (const auto text = core::input::string(input, "ProjectionExpression")) {
    return expr::parse_projection(*text, p);
  }
  if (const auto* names = core::input::array(input, "AttributesToGet")) {
    return expr::attributes_to_get(*names);
  }
  return std::nullopt;
}

Json request_key(const Json& input, const TableDef& table, const char* member) {
  const Json* key = core::input::object(input, member);
  if (key == nullptr) {
    throw errors::validation(std::string("1 validation error detected: Value null at '") +
                             static_cast<char>(std::tolower(member[0])) + (member + 1) +
                             "' failed to satisfy constraint: Member must not be null");
  }
  Json normalised = *key;
  validate_item(normalised);
  table.check_key(normalised);
  return normalised;
}

Json request_item(const Json& input, const TableDef& table) {
  const Json* item = core::input::object(input, "Item");
  if (item == nullptr) {
    throw errors::validation(
        "1 validation error detected: Value null at 'item' failed to "
        "satisfy constraint: Member must not be null");
  }
  Json normalised = *item;
  validate_item(normalised);
  table.check_item_key(normalised);
  return normalised;
}

void check_written_item(const TableDef& table, const Json& item) {
  for (const auto& index : table.indexes) {
    for (const auto* name :
         {&index.keys.partition, index.keys.sort ? &*index.keys.sort : nullptr}) {
      if (name == nullptr || !item.contains(*name)) {
        continue;
      }
      const auto& expected = table.attribute_types.at(*name);
      const auto& value = item.at(*name);
      const auto actual = type_of(value);
      if (!actual || type_name(*actual) != expected) {
        throw errors::validation(
            "One or more parameter values were invalid: Type mismatch for Index Key " + *name +
            " Expected: " + expected + " Actual: " +
            std::string(actual ? type_name(*actual) : "unknown") + " IndexName: " + index.name);
      }
      const auto& scalar = value.at(expected);
      if (scalar.is_string() && scalar.get_ref<const std::string&>().empty()) {
        throw errors::validation(
            "One or more parameter values are not valid. A value specified for a secondary index "
            "key is not supported. The AttributeValue for a key attribute cannot contain an "
            "empty string value. IndexName: " +
            index.name + ", IndexKey: " + *name);
      }
    }
  }
  if (item_size(item) > kMaxItemSize) {
    throw errors::validation("Item size has exceeded the maximum allowed size");
  }
}

std::string return_values(const Json& input, std::initializer_list<std::string_view> allowed) {
  const auto value = core::input::string(input, "ReturnValues").value_or("NONE");
  for (const auto a : allowed) {
    if (value == a) {
      return value;
    }
  }
  throw errors::validation("Return values set to invalid value");
}

void condition_failed(const Json& input, const Json& old_item) {
  auto error = errors::conditional_check_failed();
  if (core::input::string(input, "ReturnValuesOnConditionCheckFailure").value_or("NONE") ==
          "ALL_OLD" &&
      !old_item.is_null()) {
    error.details["Item"] = old_item;
  }
  throw error;
}

}  // namespace preflight::dynamodb
