#pragma once

#include <string>

#include "emulator/common/json.h"

namespace preflight::dynamodb {

// Encodes a key attribute value (S, N or B) as bytes whose memcmp order is DynamoDB's order for
// that type: S by UTF-8 bytes, N numerically, B bytewise. A key attribute has one type per table,
// so no type tag is needed. S and B encode as their raw bytes (so begins_with is a byte-prefix
// range); N as Number::sort_key, equal for every spelling of a number ("1", "1.0", "1E0").
// Throws ValidationException for any other type, Number's errors for an invalid N, and
// SerializationException for a B that is not base64.
std::string encode_key(const Json& value);

}  // namespace preflight::dynamodb
