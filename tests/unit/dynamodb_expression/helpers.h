#pragma once

#include <gtest/gtest.h>

#include <string>

#include "emulator/common/json.h"
#include "emulator/service/aws_error.h"
#include "services/dynamodb/expression/expression.h"
#include "tests/unit/support/attribute_values.h"
#include "tests/unit/support/aws_error.h"

// Small builders for AttributeValues and placeholders, and a way to read the message of the
// ValidationException an expression throws.
namespace preflight::dynamodb::expr::test {

using namespace preflight::dynamodb::testing;  // S(), N(), L(), ... builders
using core::testing::validation_message;

inline Placeholders placeholders(const Json& names = Json::object(),
                                 const Json& values = Json::object()) {
  return Placeholders(names.empty() ? nullptr : &names, values.empty() ? nullptr : &values);
}

inline std::string condition_error(const std::string& text, const Json& names = Json::object(),
                                   const Json& values = Json::object(),
                                   const std::string& kind = "FilterExpression") {
  Placeholders p = placeholders(names, values);
  return validation_message([&] { parse_condition(text, p, kind); });
}

inline std::string update_error(const std::string& text, const Json& names = Json::object(),
                                const Json& values = Json::object()) {
  Placeholders p = placeholders(names, values);
  return validation_message([&] { parse_update(text, p); });
}

inline std::string projection_error(const std::string& text, const Json& names = Json::object()) {
  Placeholders p = placeholders(names);
  return validation_message([&] { parse_projection(text, p); });
}

// Evaluates a condition against an item, with the given placeholders.
inline bool holds(const std::string& text, const Json& item, const Json& values = Json::object(),
                  const Json& names = Json::object()) {
  Placeholders p = placeholders(names, values);
  return evaluate(parse_condition(text, p, "ConditionExpression"), item);
}

}  // namespace preflight::dynamodb::expr::test
