#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/dynamodb/model/attribute_value.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::dynamodb {
namespace {

using core::testing::thrown_aws_error;

const std::string kInvalid = "One or more parameter values were invalid: ";
const std::string kEmpty =
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
const std::string kMultiple =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";
const std::string kNesting =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";
const std::string kNull = "The supplied Item contains a null AttributeValue";

struct Rejected {
  std::string input;  // JSON text of the AttributeValue
  std::string message;
};

void expect_rejected(const std::vector<Rejected>& cases, const std::string& code) {
  for (const auto& c : cases) {
    Json value = Json::parse(c.input);
    const auto e = thrown_aws_error([&] { validate_value(value); });
    EXPECT_EQ(e.code, code) << c.input;
    EXPECT_EQ(e.message, c.message) << c.input;
  }
}

// {"M": {"n": ... {"S": "leaf"}}} with `levels` maps around the leaf.
Json deep_map(int levels) {
  Json v = {{"S", "leaf"}};
  for (int i = 0; i < levels; ++i) {
    v = Json{{"M", {{"n", v}}}};
  }
  return v;
}

Json deep_list(int levels) {
  Json v = {{"N", "1"}};
  for (int i = 0; i < levels; ++i) {
    v = Json{{"L", Json::array({v})}};
  }
  return v;
}

TEST(ValidateValue, RejectsValuesWithoutExactlyOneType) {
  expect_rejected(
      {
          {R"({})", kEmpty},
          {R"({"X": "a"})", kEmpty},  // unknown members are ignored, as DynamoDB ignores them
          {R"({"S": null})", kEmpty},
          {R"({"S": "a", "N": "1"})", kMultiple},
          {R"({"BOOL": true, "NULL": true})", kMultiple},
          {R"({"M": {}, "L": []})", kMultiple},
          {R"({"SS": ["a"], "NS": ["1"], "BS": ["YQ=="]})", kMultiple},
      },
      "ValidationException");
}

TEST(ValidateValue, ChecksEachTypeBeforeCountingTypes) {
  expect_rejected(
      {
          {R"({"S": "a", "N": "b"})", "The parameter cannot be converted to a numeric value: b"},
          {R"({"S": "", "N": ""})", "The parameter cannot be converted to a numeric value"},
          {R"({"S": "a", "SS": []})", kInvalid + "An string set  may not be empty"},
          {R"({"BOOL": true, "NULL": false})",
           kInvalid + "Null attribute value types must have the value of true"},
          {R"({"S": "a", "L": [{}]})", kEmpty},
      },
      "ValidationException");
}

TEST(ValidateValue, RejectsInvalidScalarsAndSetsWithDynamoDbMessages) {
  expect_rejected(
      {
          {R"({"NULL": false})",
           kInvalid + "Null attribute value types must have the value of true"},
          {R"({"SS": []})", kInvalid + "An string set  may not be empty"},
          {R"({"NS": []})", kInvalid + "An number set  may not be empty"},
          {R"({"BS": []})", kInvalid + "Binary sets should not be empty"},
          {R"({"SS": ["a", "a"]})", kInvalid + "Input collection [a, a] contains duplicates."},
          {R"({"SS": ["a", "b", "a"]})",
           kInvalid + "Input collection [a, b, a] contains duplicates."},
          {R"({"SS": ["", ""]})", kInvalid + "Input collection [, ] contains duplicates."},
          {R"({"BS": ["Yg==", "Yg=="]})",
           kInvalid + "Input collection [Yg==, Yg==]of type BS contains duplicates."},
          {R"({"NS": ["1", "1"]})", "Input collection contains duplicates"},
          {R"({"NS": ["1", "1.0"]})", "Input collection contains duplicates"},
          {R"({"NS": ["100", "2", "1E2"]})", "Input collection contains duplicates"},
          {R"({"NS": ["-0", "0.0"]})", "Input collection contains duplicates"},
          {R"({"NS": ["1", ""]})", "The parameter cannot be converted to a numeric value"},
          {R"({"NS": ["1", "b"]})", "The parameter cannot be converted to a numeric value: b"},
          {R"({"NS": ["1", "1", "x"]})", "The parameter cannot be converted to a numeric value: x"},
          {R"({"N": ""})", "The parameter cannot be converted to a numeric value"},
          {R"({"N": " 1"})", "The parameter cannot be converted to a numeric value:  1"},
          {R"({"N": "NaN"})", "The parameter cannot be converted to a numeric value: NaN"},
          {R"({"N": "123456789012345678901234567890123456789"})",
           "Attempting to store more than 38 significant digits in a Number"},
          {R"({"N": "-1.23456789012345678901234567890123456789"})",
           "Attempting to store more than 38 significant digits in a Number"},
          {R"({"N": "1e126"})",
           "Number overflow. Attempting to store a number with magnitude larger than supported "
           "range"},
          {R"({"N": "-1e126"})",
           "Number overflow. Attempting to store a number with magnitude larger than supported "
           "range"},
          {R"({"N": "1e-131"})",
           "Number underflow. Attempting to store a number with magnitude smaller than supported "
           "range"},
          {R"({"NS": ["1", "1e-131"]})",
           "Number underflow. Attempting to store a number with magnitude smaller than supported "
           "range"},
      },
      "ValidationException");
}

TEST(ValidateValue, ReportsNullsInsideDocumentsAndSets) {
  expect_rejected(
      {
          {R"({"L": [null]})", kNull},
          {R"({"L": [{"S": "a"}, null]})", kNull},
          {R"({"M": {"a": null}})", kNull + ": a is null"},
          {R"({"SS": ["a", null]})", kNull},
          {R"({"NS": [null]})", kNull},
          {R"({"BS": [null]})", kNull},
          {R"(null)", kNull},
      },
      "ValidationException");
}

TEST(ValidateValue, ValidatesNestedValuesAndMapKeys) {
  expect_rejected(
      {
          {R"({"M": {"a": {}}})", kEmpty},
          {R"({"L": [{"S": "a"}, {"N": "x"}]})",
           "The parameter cannot be converted to a numeric value: x"},
          {R"({"M": {"a": {"L": [{"NULL": false}]}}})",
           kInvalid + "Null attribute value types must have the value of true"},
          {R"({"M": {"": {"S": "x"}}})", "Empty attribute name"},
          {R"({"M": {"": {"N": "x"}}})", "The parameter cannot be converted to a numeric value: x"},
      },
      "ValidationException");
  Json long_key = {{"M", {{std::string(65536, 'k'), {{"S", "x"}}}}}};
  const auto e = thrown_aws_error([&] { validate_value(long_key); });
  EXPECT_EQ(e.message, "Attribute name is too large, must be less than 65536 bytes");
}

TEST(ValidateValue, AllowsThirtyOneNestedDocumentsNotThirtyTwo) {
  for (auto make : {deep_map, deep_list}) {
    Json ok = make(31);
    EXPECT_NO_THROW(validate_value(ok));
    Json too_deep = make(32);
    const auto e = thrown_aws_error([&] { validate_value(too_deep); });
    EXPECT_EQ(e.code, "ValidationException");
    EXPECT_EQ(e.message, kNesting);
  }
  // Maps and lists count alike.
  Json mixed = {{"S", "x"}};
  for (int i = 0; i < 32; ++i) {
    mixed = i % 2 == 0 ? Json{{"L", Json::array({mixed})}} : Json{{"M", {{"k", mixed}}}};
  }
  EXPECT_EQ(thrown_aws_error([&] { validate_value(mixed); }).message, kNesting);
  // An empty document at the deepest allowed level is fine; a deeper one is not.
  Json empty_at_31 = {{"M", Json::object()}};
  Json empty_at_32 = {{"L", Json::array()}};
  for (int i = 0; i < 30; ++i) {
    empty_at_31 = Json{{"L", Json::array({empty_at_31})}};
  }
  for (int i = 0; i < 31; ++i) {
    empty_at_32 = Json{{"L", Json::array({empty_at_32})}};
  }
  EXPECT_NO_THROW(validate_value(empty_at_31));
  EXPECT_EQ(thrown_aws_error([&] { validate_value(empty_at_32); }).message, kNesting);
}

TEST(ValidateValue, AcceptsAndNormalisesValidValues) {
  struct Normalised {
    std::string input;
    std::string output;
  };
  const std::vector<Normalised> cases = {
      {R"({"S": ""})", R"({"S": ""})"},
      {R"({"S": "a", "X": 5})", R"({"S": "a"})"},
      {R"({"S": "a", "N": null})", R"({"S": "a"})"},
      {R"({"B": ""})", R"({"B": ""})"},
      {R"({"B": "Zm9v"})", R"({"B": "Zm9v"})"},
      {R"({"N": "1.50"})", R"({"N": "1.5"})"},
      {R"({"N": "-0"})", R"({"N": "0"})"},
      {R"({"N": "1E+2"})", R"({"N": "100"})"},
      {R"({"NS": ["1.0", "2E1", "-.5"]})", R"({"NS": ["1", "20", "-0.5"]})"},
      {R"({"SS": ["", "a"]})", R"({"SS": ["", "a"]})"},
      {R"({"BS": ["", "YQ=="]})", R"({"BS": ["", "YQ=="]})"},
      {R"({"BOOL": false})", R"({"BOOL": false})"},
      {R"({"NULL": true})", R"({"NULL": true})"},
      {R"({"M": {}})", R"({"M": {}})"},
      {R"({"L": []})", R"({"L": []})"},
      {R"({"M": {"a": {"N": "010"}, "b": {"L": [{"N": "1e1", "Z": 1}]}}})",
       R"({"M": {"a": {"N": "10"}, "b": {"L": [{"N": "10"}]}}})"},
  };
  for (const auto& c : cases) {
    Json value = Json::parse(c.input);
    ASSERT_NO_THROW(validate_value(value)) << c.input;
    EXPECT_EQ(value, Json::parse(c.output)) << c.input;
  }
}

TEST(ValidateItem, ChecksNamesAfterValues) {
  Json empty_name = {{"", {{"S", "x"}}}};
  auto e = thrown_aws_error([&] { validate_item(empty_name); });
  EXPECT_EQ(e.code, "ValidationException");
  EXPECT_EQ(e.message, "Empty attribute name");
  Json bad_value_and_name = {{"", {{"N", "x"}}}};
  EXPECT_EQ(thrown_aws_error([&] { validate_item(bad_value_and_name); }).message,
            "The parameter cannot be converted to a numeric value: x");
}

TEST(ValidateItem, LimitsNamesTo65535Utf8Bytes) {
  Json longest = {{std::string(65535, 'a'), {{"S", "x"}}}, {"b", {{"N", "1.0"}}}};
  ASSERT_NO_THROW(validate_item(longest));
  EXPECT_EQ(longest["b"]["N"], "1");
  Json too_long = {{std::string(65536, 'a'), {{"S", "x"}}}};
  auto e = thrown_aws_error([&] { validate_item(too_long); });
  EXPECT_EQ(e.code, "ValidationException");
  EXPECT_EQ(e.message, "Attribute name is too large, must be less than 65536 bytes");
  // Bytes, not characters: 21845 euro signs are 65535 bytes, one more is too many.
  std::string euros;
  for (int i = 0; i < 21845; ++i) {
    euros += "\xE2\x82\xAC";
  }
  Json utf8_ok = {{euros, {{"S", "x"}}}};
  EXPECT_NO_THROW(validate_item(utf8_ok));
  Json utf8_long = {{euros + "\xE2\x82\xAC", {{"S", "x"}}}};
  EXPECT_EQ(thrown_aws_error([&] { validate_item(utf8_long); }).message,
            "Attribute name is too large, must be less than 65536 bytes");
}

TEST(ValidateItem, CountsTheAttributeAsTheFirstNestingLevel) {
  Json ok = {{"pk", {{"S", "a"}}}, {"data", deep_map(31)}};
  EXPECT_NO_THROW(validate_item(ok));
  Json too_deep = {{"pk", {{"S", "a"}}}, {"data", deep_map(32)}};
  EXPECT_EQ(thrown_aws_error([&] { validate_item(too_deep); }).message, kNesting);
}

TEST(ValidateItem, RejectsNullAttributesNamingThem) {
  Json item = {{"a", nullptr}};
  EXPECT_EQ(thrown_aws_error([&] { validate_item(item); }).message, kNull + ": a is null");
}

TEST(ValidateItem, AcceptsAnEmptyItemAndNormalisesValues) {
  Json empty = Json::object();
  EXPECT_NO_THROW(validate_item(empty));
  Json item = Json::parse(R"({"a": {"N": "0001"}, "b": {"NS": ["2", "1.0"]}, "c": {"S": ""}})");
  validate_item(item);
  EXPECT_EQ(item, Json::parse(R"({"a": {"N": "1"}, "b": {"NS": ["2", "1"]}, "c": {"S": ""}})"));
}

}  // namespace
}  // namespace preflight::dynamodb
