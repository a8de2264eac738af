#include "services/dynamodb/model/key_codec.h"

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb {

std::string encode_key(const Json& value) {
  // S and B encode as their raw bytes, so a prefix of the value is a prefix of the encoding and
  // begins_with can be answered with a byte range; N uses Number's order-preserving key.
  switch (type_of(value).value_or(Type::NUL)) {
    case Type::S:
      if (value.at("S").is_string()) {
        return value.at("S").get<std::string>();
      }
      break;
    case Type::N:
      if (value.at("N").is_string()) {
        return Number::parse(value.at("N").get_ref<const std::string&>()).sort_key();
      }
      break;
    case Type::B:
      return binary_bytes(value);
    default:
      break;
  }
  // Table and index layers check key types first; this guards the codec itself.
  throw errors::validation(
      "One or more parameter values were invalid: Key attributes must be of type S, N or B");
}

}  // namespace preflight::dynamodb
