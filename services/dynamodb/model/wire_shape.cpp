// The deserialization pass: what DynamoDB's JSON framework (Coral) rejects before any validation
// runs, with its messages. Each AttributeValue member has a Java type (S, N: String; B: Blob;
// BOOL, NULL: Boolean; SS, NS: List<String>; BS: List<Blob>; L: List<AttributeValue>;
// M: Map<String, AttributeValue>) and a JSON token of the wrong kind is a SerializationException
// that names the token and the type.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "emulator/common/crypto.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {
namespace {

// Deeper than any valid value; the validation pass rejects anything past kMaxNestingLevel, so
// this only bounds recursion on hostile input.
constexpr int kMaxShapeDepth = 2 * kMaxNestingLevel;

constexpr std::string_view kStructureNotExpected =
    "Start of structure or map found where not expected";

constexpr std::array<std::string_view, 10> kTypeKeys = {"S", "N", "B",  "BOOL", "NULL",
                                                        "M", "L", "SS", "NS",   "BS"};

[[noreturn]] void fail(std::string message) {
  throw errors::serialization(std::move(message));
}

// Coral's name for the JSON token it found.
std::string token_name(const Json& value) {
  if (value.is_boolean()) {
    return value.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
  }
  if (value.is_number_float()) {
    return "DECIMAL_VALUE";
  }
  if (value.is_number()) {
    return "NUMBER_VALUE";
  }
  return "STRING_VALUE";
}

void expect_string(const Json& value) {
  if (value.is_string()) {
    return;
  }
  if (value.is_array()) {
    fail("Unrecognized collection type class java.lang.String");
  }
  if (value.is_object()) {
    fail(std::string(kStructureNotExpected));
  }
  fail(token_name(value) + " cannot be converted to String");
}

void expect_boolean(const Json& value) {
  if (value.is_boolean()) {
    return;
  }
  if (value.is_string()) {
    fail("Unexpected token received from parser");
  }
  if (value.is_array()) {
    fail("Unrecognized collection type class java.lang.Boolean");
  }
  if (value.is_object()) {
    fail(std::string(kStructureNotExpected));
  }
  fail(token_name(value) + " cannot be converted to Boolean");
}

// Decodes strict base64 (standard alphabet, padded, zero unused bits), as DynamoDB wants it.
std::string decode_blob(std::string_view text) {
  if (text.size() % 4 != 0) {
    fail("Base64 encoded length is expected a multiple of 4 bytes but found: " +
         std::to_string(text.size()));
  }
  auto bytes = base64_decode(text);
  // Re-encoding catches what the decoder tolerates: non-zero bits after the last byte ("+/+=").
  if (!bytes || base64_encode(*bytes) != text) {
    fail("Invalid last non-pad Base64 character dectected");  // sic, DynamoDB's spelling
  }
  return std::move(*bytes);
}

void expect_blob(const Json& value) {
  if (value.is_string()) {
    decode_blob(value.get_ref<const std::string&>());
    return;
  }
  if (value.is_array()) {
    fail("Unrecognized collection type class java.nio.ByteBuffer");
  }
  if (value.is_object()) {
    fail(std::string(kStructureNotExpected));
  }
  fail("only base-64-encoded strings are convertible to bytes");
}

void expect_list(const Json& value) {
  if (value.is_array()) {
    return;
  }
  fail(value.is_object() ? std::string(kStructureNotExpected) : "Unexpected field type");
}

void expect_map(const Json& value) {
  if (value.is_object()) {
    return;
  }
  fail(value.is_array() ? "Unrecognized collection type java.util.Map<java.lang.String, "
                          "com.amazonaws.dynamodb.v20120810.AttributeValue>"
                        : "Unexpected field type");
}

void check_value(Json& value, int depth);

void check_members(Json& value, int depth) {
  if (value.is_null() || depth > kMaxShapeDepth) {
    return;  // a null value is the validation pass's to report
  }
  if (value.is_array()) {
    fail("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
  }
  if (!value.is_object()) {
    fail("Unexpected value type in payload");
  }
  check_value(value, depth);
}

void check_entries(Json& map, int depth) {
  for (auto& [name, member] : map.items()) {
    check_members(member, depth);
  }
}

void check_value(Json& value, int depth) {
  std::vector<std::string> dropped;
  for (auto& [key, member] : value.items()) {
    if (member.is_null() || std::find(kTypeKeys.begin(), kTypeKeys.end(), key) == kTypeKeys.end()) {
      dropped.push_back(key);
      continue;
    }
    const auto type = type_from_name(key);
    switch (*type) {
      case Type::S:
      case Type::N:
        expect_string(member);
        break;
      case Type::B:
        expect_blob(member);
        break;
      case Type::BOOL:
      case Type::NUL:
        expect_boolean(member);
        break;
      case Type::SS:
      case Type::NS:
      case Type::BS:
        expect_list(member);
        for (const auto& element : member) {
          if (element.is_null()) {
            continue;  // reported by the validation pass
          }
          if (*type == Type::BS) {
            expect_blob(element);
          } else {
            expect_string(element);
          }
        }
        break;
      case Type::L:
        expect_list(member);
        for (auto& element : member) {
          check_members(element, depth + 1);
        }
        break;
      case Type::M:
        expect_map(member);
        check_entries(member, depth + 1);
        break;
    }
  }
  for (const auto& key : dropped) {
    value.erase(key);
  }
}

}  // namespace

void check_wire_value(Json& value) {
  check_members(value, 1);
}

void check_wire_item(Json& item) {
  expect_map(item);
  check_entries(item, 1);
}

std::string binary_bytes(const Json& b_value) {
  if (b_value.is_object() && b_value.contains("B")) {
    return binary_bytes(b_value.at("B"));
  }
  if (!b_value.is_string()) {
    expect_blob(b_value);  // throws: not a base64 string
  }
  return decode_blob(b_value.get_ref<const std::string&>());
}

}  // namespace preflight::dynamodb
