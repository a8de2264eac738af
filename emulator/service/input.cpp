#include "emulator/service/input.h"

#include "emulator/service/aws_error.h"

namespace preflight::core::input {
namespace {

const Json* member_of(const Json& input, std::string_view member) {
  if (!input.is_object()) {
    return nullptr;
  }
  const auto it = input.find(member);
  return it == input.end() || it->is_null() ? nullptr : &*it;
}

[[noreturn]] void wrong_type(std::string_view member, std::string_view expected) {
  throw errors::serialization("Expected " + std::string(expected) + " for member " +
                              std::string(member));
}

}  // namespace

std::optional<std::string> string(const Json& input, std::string_view member) {
  const Json* v = member_of(input, member);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_string()) {
    wrong_type(member, "a string");
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> integer(const Json& input, std::string_view member) {
  const Json* v = member_of(input, member);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    wrong_type(member, "an integer");
  }
  return v->get<std::int64_t>();
}

std::optional<bool> boolean(const Json& input, std::string_view member) {
  const Json* v = member_of(input, member);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_boolean()) {
    wrong_type(member, "a boolean");
  }
  return v->get<bool>();
}

const Json* object(const Json& input, std::string_view member) {
  const Json* v = member_of(input, member);
  if (v != nullptr && !v->is_object()) {
    wrong_type(member, "a structure or map");
  }
  return v;
}

const Json* array(const Json& input, std::string_view member) {
  const Json* v = member_of(input, member);
  if (v != nullptr && !v->is_array()) {
    wrong_type(member, "a list");
  }
  return v;
}

}  // namespace preflight::core::input
