// SerializationException: JSON of the wrong kind for an AttributeValue member, with the messages
// DynamoDB's JSON framework gives.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/dynamodb/model/attribute_value.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::dynamodb {
namespace {

using core::testing::thrown_aws_error;

const std::string kStructure = "Start of structure or map found where not expected";
const std::string kBadBase64 = "Invalid last non-pad Base64 character dectected";
const std::string kMapCollection =
    "Unrecognized collection type java.util.Map<java.lang.String, "
    "com.amazonaws.dynamodb.v20120810.AttributeValue>";
const std::string kValueCollection =
    "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue";

struct Case {
  std::string input;
  std::string message;
};

void expect_serialization(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    Json value = Json::parse(c.input);
    const auto e = thrown_aws_error([&] { validate_value(value); });
    EXPECT_EQ(e.code, "SerializationException") << c.input;
    EXPECT_EQ(e.message, c.message) << c.input;
    Json again = Json::parse(c.input);
    EXPECT_EQ(thrown_aws_error([&] { check_wire_value(again); }).message, c.message) << c.input;
  }
}

TEST(WireShape, StringMembersNameTheTokenFound) {
  expect_serialization({
      {R"({"S": 5})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"S": -2147483648})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"S": 34.56})", "DECIMAL_VALUE cannot be converted to String"},
      {R"({"S": 1e3})", "DECIMAL_VALUE cannot be converted to String"},
      {R"({"S": true})", "TRUE_VALUE cannot be converted to String"},
      {R"({"S": false})", "FALSE_VALUE cannot be converted to String"},
      {R"({"S": []})", "Unrecognized collection type class java.lang.String"},
      {R"({"S": {}})", kStructure},
      {R"({"S": {"S": "asdf"}})", kStructure},
      {R"({"N": 123})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"N": 1.5})", "DECIMAL_VALUE cannot be converted to String"},
  });
}

TEST(WireShape, BooleanMembers) {
  expect_serialization({
      {R"({"BOOL": "23"})", "Unexpected token received from parser"},
      {R"({"BOOL": "true"})", "Unexpected token received from parser"},
      {R"({"BOOL": 23})", "NUMBER_VALUE cannot be converted to Boolean"},
      {R"({"BOOL": 34.56})", "DECIMAL_VALUE cannot be converted to Boolean"},
      {R"({"BOOL": []})", "Unrecognized collection type class java.lang.Boolean"},
      {R"({"BOOL": {}})", kStructure},
      {R"({"NULL": "no"})", "Unexpected token received from parser"},
      {R"({"NULL": 1})", "NUMBER_VALUE cannot be converted to Boolean"},
  });
}

TEST(WireShape, BinaryMembersMustBeStrictBase64) {
  expect_serialization({
      {R"({"B": true})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"B": 23})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"B": 34.56})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"B": []})", "Unrecognized collection type class java.nio.ByteBuffer"},
      {R"({"B": {}})", kStructure},
      {R"({"B": "23456"})", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
      {R"({"B": "Zg="})", "Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
      {R"({"B": "=+/="})", kBadBase64},
      {R"({"B": "+/+="})", kBadBase64},  // non-zero bits after the last byte
      {R"({"B": "Zh=="})", kBadBase64},
      {R"({"B": "Zm9v!A=="})", kBadBase64},
      {R"({"B": "Zm9v Zg="})", kBadBase64},
      {R"({"BS": ["YQ==", 5]})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"BS": ["23456"]})",
       "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
  });
}

TEST(WireShape, ListAndMapMembers) {
  expect_serialization({
      {R"({"SS": "a"})", "Unexpected field type"},
      {R"({"SS": 5})", "Unexpected field type"},
      {R"({"SS": true})", "Unexpected field type"},
      {R"({"SS": {}})", kStructure},
      {R"({"SS": [5]})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"NS": [true]})", "TRUE_VALUE cannot be converted to String"},
      {R"({"NS": [1]})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"L": "a"})", "Unexpected field type"},
      {R"({"L": {}})", kStructure},
      {R"({"L": ["a"]})", "Unexpected value type in payload"},
      {R"({"L": [1]})", "Unexpected value type in payload"},
      {R"({"L": [[]]})", kValueCollection},
      {R"({"M": "a"})", "Unexpected field type"},
      {R"({"M": 5})", "Unexpected field type"},
      {R"({"M": []})", kMapCollection},
      {R"({"M": {"a": 5}})", "Unexpected value type in payload"},
      {R"({"M": {"a": []}})", kValueCollection},
      {R"({"M": {"a": {"S": 5}}})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"M": {"a": {"L": [{"M": {"b": {"BS": [1]}}}]}}})",
       "only base-64-encoded strings are convertible to bytes"},
      {R"("x")", "Unexpected value type in payload"},
      {R"(5)", "Unexpected value type in payload"},
      {R"([])", kValueCollection},
  });
}

TEST(WireShape, SerializationErrorsComeBeforeAnyValidationError) {
  expect_serialization({
      {R"({"L": [{"N": "abc"}, {"S": 5}]})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"NULL": false, "B": "x"})",
       "Base64 encoded length is expected a multiple of 4 bytes "
       "but found: 1"},
      {R"({"SS": [], "M": []})", kMapCollection},
  });
}

TEST(WireShape, IgnoresAndDropsUnknownMembersWhateverTheirType) {
  Json value = Json::parse(R"({"S": "a", "X": 5, "Y": {"S": 5}, "N": null})");
  check_wire_value(value);
  EXPECT_EQ(value, Json::parse(R"({"S": "a"})"));
}

TEST(WireShape, ItemMustBeAMapOfValues) {
  struct ItemCase {
    std::string input;
    std::string message;
  };
  const std::vector<ItemCase> cases = {
      {R"([])", kMapCollection},
      {R"("x")", "Unexpected field type"},
      {R"(5)", "Unexpected field type"},
      {R"({"a": "x"})", "Unexpected value type in payload"},
      {R"({"a": []})", kValueCollection},
      {R"({"a": {"BOOL": "yes"}})", "Unexpected token received from parser"},
  };
  for (const auto& c : cases) {
    Json item = Json::parse(c.input);
    const auto e = thrown_aws_error([&] { validate_item(item); });
    EXPECT_EQ(e.code, "SerializationException") << c.input;
    EXPECT_EQ(e.message, c.message) << c.input;
  }
  Json clean = Json::parse(R"({"a": {"S": "x", "Q": 1}, "b": null})");
  check_wire_item(clean);
  EXPECT_EQ(clean, Json::parse(R"({"a": {"S": "x"}, "b": null})"));  // b is validation's to report
}

}  // namespace
}  // namespace preflight::dynamodb
