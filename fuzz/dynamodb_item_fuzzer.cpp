// libFuzzer target: DynamoDB AttributeValue JSON, what every PutItem, Key and
// ExpressionAttributeValues goes through. The input is parsed as JSON and run through the wire
// check and validation; a value that passes must then behave: it equals itself, sizes and key
// encodings are computed without error, and every number keeps its value through its canonical
// form. Rejection is allowed only as an AwsError; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "emulator/service/aws_error.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/key_codec.h"
#include "services/dynamodb/model/number.h"

namespace {

using preflight::Json;
namespace ddb = preflight::dynamodb;

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

// A valid number's canonical text parses back to an equal number with the same sort key.
void check_number(const std::string& text) {
  const auto number = ddb::Number::parse(text);
  const auto again = ddb::Number::parse(number.to_string());
  require(again == number && again.sort_key() == number.sort_key());
  require(number.to_string() == text);  // validate_value left numbers in canonical form
}

void check_valid_value(const Json& value) {
  require(ddb::equals(value, value));
  (void)ddb::value_size(value);
  const auto type = ddb::type_of(value);
  require(type.has_value());
  if (*type == ddb::Type::N) {
    check_number(value["N"].get<std::string>());
    require(ddb::compare(value, value) == 0);
  }
  if (*type == ddb::Type::S || *type == ddb::Type::N || *type == ddb::Type::B) {
    (void)ddb::encode_key(value);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Json item = Json::parse(text, nullptr, false);
  if (item.is_discarded()) {
    // Not JSON: the text is still a number candidate.
    if (auto number = ddb::Number::try_parse(text)) {
      (void)ddb::Number::parse(number->to_string());
      (void)number->size_bytes();
      require((*number - *number).is_zero());
      try {
        (void)(*number + *number);  // may overflow, with DynamoDB's ValidationException
      } catch (const preflight::core::AwsError&) {
      }
    }
    return 0;
  }
  try {
    if (item.is_object() && item.size() == 1 && ddb::type_of(item)) {
      ddb::validate_value(item);  // a lone AttributeValue
      check_valid_value(item);
      return 0;
    }
    ddb::validate_item(item);
    require(item.is_object());
    for (const auto& [name, value] : item.items()) {
      check_valid_value(value);
    }
    (void)ddb::item_size(item);
  } catch (const preflight::core::AwsError&) {
    // DynamoDB's SerializationException or ValidationException: the expected rejection.
  }
  return 0;
}
