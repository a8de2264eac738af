#pragma once

#include <initializer_list>
#include <utility>

#include "emulator/common/json.h"

// Type checks for the input members Cognito stores and echoes back: a member of the wrong JSON
// type is the client's SerializationException, as it is for members handlers read directly
// (core::input), never a stored surprise or an internal error later.
namespace preflight::cognito::shapes {

enum class Kind { String, Boolean, Integer, StringList, Object, ObjectList, StringMap };

// Throws SerializationException when `object[member]` is present, not null, and not `kind`.
void check(const Json& object, const char* member, Kind kind);
void check_all(const Json& object, std::initializer_list<std::pair<const char*, Kind>> members);

}  // namespace preflight::cognito::shapes
