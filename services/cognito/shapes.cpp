#include "services/cognito/shapes.h"

#include <algorithm>
#include <string>

#include "emulator/service/aws_error.h"

namespace preflight::cognito::shapes {
namespace {

bool is(const Json& v, Kind kind) {
  switch (kind) {
    case Kind::String:
      return v.is_string();
    case Kind::Boolean:
      return v.is_boolean();
    case Kind::Integer:
      return v.is_number_integer();
    case Kind::StringList:
      return v.is_array() &&
             std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_string(); });
    case Kind::Object:
      return v.is_object();
    case Kind::ObjectList:
      return v.is_array() &&
             std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_object(); });
    case Kind::StringMap:
      return v.is_object() &&
             std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_string(); });
  }
  return false;
}

}  // namespace

void check(const Json& object, const char* member, Kind kind) {
  if (!object.is_object()) {
    throw core::errors::serialization("Expected a structure");
  }
  const auto it = object.find(member);
  if (it != object.end() && !it->is_null() && !is(*it, kind)) {
    throw core::errors::serialization(std::string("Unexpected type for member ") + member);
  }
}

void check_all(const Json& object, std::initializer_list<std::pair<const char*, Kind>> members) {
  for (const auto& [member, kind] : members) {
    check(object, member, kind);
  }
}

}  // namespace preflight::cognito::shapes
