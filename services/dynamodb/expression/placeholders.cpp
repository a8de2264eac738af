#include "services/dynamodb/expression/placeholders.h"

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::expr {
namespace {

void check_map(const Json* map, std::string_view member) {
  if (map == nullptr) {
    return;
  }
  if (!map->is_object()) {
    throw errors::serialization("Expected a map for " + std::string(member));
  }
  if (map->empty()) {
    throw errors::validation(std::string(member) + " must not be empty");
  }
}

std::string unused_keys(const Json& map, const std::set<std::string, std::less<>>& used) {
  std::string keys;
  for (const auto& [key, value] : map.items()) {
    if (!used.contains(key)) {
      keys += (keys.empty() ? "" : ", ") + key;
    }
  }
  return keys;
}

}  // namespace

Placeholders::Placeholders(const Json* names, const Json* values) {
  check_map(names, "ExpressionAttributeNames");
  check_map(values, "ExpressionAttributeValues");
  if (names != nullptr) {
    for (const auto& [key, name] : names->items()) {
      if (!name.is_string()) {
        throw errors::serialization("Expected a string for ExpressionAttributeNames " + key);
      }
      if (key.size() < 2 || key[0] != '#') {
        throw errors::validation(
            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
      }
    }
    names_ = *names;
  }
  if (values != nullptr) {
    for (const auto& [key, value] : values->items()) {
      if (key.size() < 2 || key[0] != ':') {
        throw errors::validation(
            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
      }
      Json normalised = value;
      try {
        validate_value(normalised);
      } catch (const core::AwsError& e) {
        if (e.code != "ValidationException") {
          throw;
        }
        throw errors::validation("ExpressionAttributeValues contains invalid value: " + e.message +
                                 " for key " + key);
      }
      values_[key] = std::move(normalised);
    }
  }
}

const std::string& Placeholders::name(std::string_view placeholder,
                                      std::string_view expression_kind) {
  const auto it = names_.find(placeholder);
  if (it == names_.end()) {
    throw errors::validation("Invalid " + std::string(expression_kind) +
                             ": An expression attribute name used in the document path is not "
                             "defined; attribute name: " +
                             std::string(placeholder));
  }
  used_names_.emplace(placeholder);
  return it->get_ref<const std::string&>();
}

const Json& Placeholders::value(std::string_view placeholder, std::string_view expression_kind) {
  const auto it = values_.find(placeholder);
  if (it == values_.end()) {
    throw errors::validation("Invalid " + std::string(expression_kind) +
                             ": An expression attribute value used in expression is not defined; "
                             "attribute value: " +
                             std::string(placeholder));
  }
  used_values_.emplace(placeholder);
  return *it;
}

void Placeholders::check_all_used() const {
  if (auto keys = unused_keys(names_, used_names_); !keys.empty()) {
    throw errors::validation(
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}");
  }
  if (auto keys = unused_keys(values_, used_values_); !keys.empty()) {
    throw errors::validation(
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}");
  }
}

}  // namespace preflight::dynamodb::expr
