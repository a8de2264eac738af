#pragma once

#include <gtest/gtest.h>

#include <string>

#include "emulator/common/json.h"
#include "emulator/service/aws_error.h"
#include "services/dynamodb/expression/expression.h"

// Small builders for AttributeValues and placeholders, and a way to read the message of the
// ValidationException an expression throws.
namespace preflight::dynamodb::expr::test {

inline Json S(const std::string& s) {
  return Json{{"S", s}};
}
inline Json N(const std::string& n) {
  return Json{{"N", n}};
}
inline Json B(const std::string& base64) {
  return Json{{"B", base64}};
}
inline Json BOOL(bool b) {
  return Json{{"BOOL", b}};
}
inline Json NUL() {
  return Json{{"NULL", true}};
}
inline Json L(Json elements) {
  return Json{{"L", std::move(elements)}};
}
inline Json M(Json members) {
  return Json{{"M", std::move(members)}};
}
inline Json SS(Json members) {
  return Json{{"SS", std::move(members)}};
}
inline Json NS(Json members) {
  return Json{{"NS", std::move(members)}};
}
inline Json BS(Json members) {
  return Json{{"BS", std::move(members)}};
}

inline Placeholders placeholders(const Json& names = Json::object(),
                                 const Json& values = Json::object()) {
  return Placeholders(names.empty() ? nullptr : &names, values.empty() ? nullptr : &values);
}

// The message of the ValidationException `fn` throws, or "<no error>".
template <typename Fn>
std::string validation_message(Fn&& fn) {
  try {
    fn();
  } catch (const core::AwsError& e) {
    EXPECT_EQ(e.code, "ValidationException") << e.message;
    return e.message;
  }
  return "<no error>";
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
