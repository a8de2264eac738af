#pragma once

#include <string>

#include "emulator/common/json.h"

// Builders for DynamoDB AttributeValues in tests: S("x") is {"S": "x"}, L({...}) a list...
namespace preflight::dynamodb::testing {

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

}  // namespace preflight::dynamodb::testing
