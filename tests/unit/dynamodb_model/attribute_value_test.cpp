#include "services/dynamodb/model/attribute_value.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/support/aws_error.h"

namespace preflight::dynamodb {
namespace {

using core::testing::thrown_aws_error;

Json av(const char* text) {
  return Json::parse(text);
}

TEST(AttributeType, NamesRoundTripAndNullIsNul) {
  const std::vector<std::pair<Type, std::string>> names = {
      {Type::S, "S"}, {Type::N, "N"}, {Type::B, "B"},   {Type::BOOL, "BOOL"}, {Type::NUL, "NULL"},
      {Type::M, "M"}, {Type::L, "L"}, {Type::SS, "SS"}, {Type::NS, "NS"},     {Type::BS, "BS"},
  };
  for (const auto& [type, name] : names) {
    EXPECT_EQ(type_name(type), name);
    EXPECT_EQ(type_from_name(name), type);
  }
  EXPECT_EQ(type_from_name("NUL"), std::nullopt);
  EXPECT_EQ(type_from_name("s"), std::nullopt);
  EXPECT_EQ(type_from_name(""), std::nullopt);
}

TEST(AttributeType, TypeOfNeedsExactlyOneKnownNonNullMember) {
  EXPECT_EQ(type_of(av(R"({"S": "x"})")), Type::S);
  EXPECT_EQ(type_of(av(R"({"NULL": true})")), Type::NUL);
  EXPECT_EQ(type_of(av(R"({"M": {}})")), Type::M);
  EXPECT_EQ(type_of(av(R"({"BS": []})")), Type::BS);
  EXPECT_EQ(type_of(av(R"({"S": "x", "Other": 1})")), Type::S);
  EXPECT_EQ(type_of(av(R"({"S": "x", "N": null})")), Type::S);
  EXPECT_EQ(type_of(av(R"({"S": "x", "N": "1"})")), std::nullopt);
  EXPECT_EQ(type_of(av(R"({})")), std::nullopt);
  EXPECT_EQ(type_of(av(R"({"s": "x"})")), std::nullopt);
  EXPECT_EQ(type_of(av(R"("S")")), std::nullopt);
  EXPECT_EQ(type_of(av(R"(["S"])")), std::nullopt);
  EXPECT_EQ(type_of(Json()), std::nullopt);
}

TEST(AttributeEquals, ComparesByValueNotSpelling) {
  const std::vector<std::pair<const char*, const char*>> equal = {
      {R"({"S": "a"})", R"({"S": "a"})"},
      {R"({"S": ""})", R"({"S": ""})"},
      {R"({"N": "1"})", R"({"N": "1.0"})"},
      {R"({"N": "100"})", R"({"N": "1E2"})"},
      {R"({"N": "0"})", R"({"N": "-0"})"},
      {R"({"B": "Zm9v"})", R"({"B": "Zm9v"})"},
      {R"({"BOOL": true})", R"({"BOOL": true})"},
      {R"({"NULL": true})", R"({"NULL": true})"},
      {R"({"SS": ["a", "b"]})", R"({"SS": ["b", "a"]})"},
      {R"({"NS": ["1", "2.5"]})", R"({"NS": ["2.50", "1E0"]})"},
      {R"({"BS": ["YQ==", "Yg=="]})", R"({"BS": ["Yg==", "YQ=="]})"},
      {R"({"L": []})", R"({"L": []})"},
      {R"({"M": {}})", R"({"M": {}})"},
      {R"({"L": [{"N": "1"}, {"S": "x"}]})", R"({"L": [{"N": "1.0"}, {"S": "x"}]})"},
      {R"({"M": {"a": {"N": "1"}, "b": {"L": [{"SS": ["x", "y"]}]}}})",
       R"({"M": {"b": {"L": [{"SS": ["y", "x"]}]}, "a": {"N": "01"}}})"},
  };
  for (const auto& [a, b] : equal) {
    EXPECT_TRUE(equals(av(a), av(b))) << a << " == " << b;
    EXPECT_TRUE(equals(av(b), av(a))) << b << " == " << a;
  }
  const std::vector<std::pair<const char*, const char*>> different = {
      {R"({"S": "a"})", R"({"S": "A"})"},
      {R"({"S": "1"})", R"({"N": "1"})"},
      {R"({"S": "a"})", R"({"SS": ["a"]})"},
      {R"({"N": "1"})", R"({"N": "1.0000000000000000000000000000000000001"})"},
      {R"({"B": "YQ=="})", R"({"B": "Yg=="})"},
      {R"({"B": "YQ=="})", R"({"S": "YQ=="})"},
      {R"({"BOOL": true})", R"({"BOOL": false})"},
      {R"({"BOOL": true})", R"({"NULL": true})"},
      {R"({"SS": ["a", "b"]})", R"({"SS": ["a"]})"},
      {R"({"SS": ["a", "b"]})", R"({"SS": ["a", "c"]})"},
      {R"({"NS": ["1", "2"]})", R"({"NS": ["1", "3"]})"},
      {R"({"L": [{"N": "1"}, {"N": "2"}]})", R"({"L": [{"N": "2"}, {"N": "1"}]})"},
      {R"({"L": [{"N": "1"}]})", R"({"L": [{"N": "1"}, {"N": "1"}]})"},
      {R"({"L": []})", R"({"M": {}})"},
      {R"({"M": {"a": {"N": "1"}}})", R"({"M": {"b": {"N": "1"}}})"},
      {R"({"M": {"a": {"N": "1"}}})", R"({"M": {"a": {"N": "1"}, "b": {"N": "1"}}})"},
      {R"({"M": {"a": {"N": "1"}}})", R"({"M": {"a": {"S": "1"}}})"},
      {R"({})", R"({})"},
  };
  for (const auto& [a, b] : different) {
    EXPECT_FALSE(equals(av(a), av(b))) << a << " != " << b;
    EXPECT_FALSE(equals(av(b), av(a))) << b << " != " << a;
  }
}

TEST(AttributeCompare, OrdersStringsNumbersAndBinariesOnly) {
  struct Case {
    const char* a;
    const char* b;
    int expected;
  };
  const std::vector<Case> cases = {
      {R"({"S": "a"})", R"({"S": "b"})", -1},
      {R"({"S": "a"})", R"({"S": "ab"})", -1},
      {R"({"S": ""})", R"({"S": "a"})", -1},
      {R"({"S": "B"})", R"({"S": "a"})", -1},                  // bytes, not case-folded
      {R"({"S": "z"})", R"({"S": "\u00e9"})", -1},             // UTF-8 bytes above ASCII
      {R"({"S": "\uffff"})", R"({"S": "\ud83d\ude00"})", -1},  // EF BF BF < F0 9F 98 80
      {R"({"S": "same"})", R"({"S": "same"})", 0},
      {R"({"N": "9"})", R"({"N": "10"})", -1},  // numeric, not lexicographic
      {R"({"N": "-1"})", R"({"N": "0.5"})", -1},
      {R"({"N": "-10"})", R"({"N": "-9"})", -1},
      {R"({"N": "1.0"})", R"({"N": "1"})", 0},
      {R"({"N": "1E+125"})", R"({"N": "9E+124"})", 1},
      {R"({"B": "AA=="})", R"({"B": "/w=="})", -1},  // 0x00 < 0xFF though "A" > "/"
      {R"({"B": ""})", R"({"B": "AA=="})", -1},
      {R"({"B": "AAE="})", R"({"B": "AQ=="})", -1},  // 00 01 < 01
      {R"({"B": "YWJj"})", R"({"B": "YWJj"})", 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(compare(av(c.a), av(c.b)), c.expected) << c.a << " vs " << c.b;
    EXPECT_EQ(compare(av(c.b), av(c.a)), -c.expected) << c.b << " vs " << c.a;
  }
  const std::vector<std::pair<const char*, const char*>> unordered = {
      {R"({"S": "1"})", R"({"N": "1"})"},
      {R"({"B": "YQ=="})", R"({"S": "a"})"},
      {R"({"BOOL": false})", R"({"BOOL": true})"},
      {R"({"NULL": true})", R"({"NULL": true})"},
      {R"({"SS": ["a"]})", R"({"SS": ["b"]})"},
      {R"({"NS": ["1"]})", R"({"NS": ["2"]})"},
      {R"({"L": []})", R"({"L": []})"},
      {R"({"M": {}})", R"({"M": {}})"},
      {R"({})", R"({"S": "a"})"},
  };
  for (const auto& [a, b] : unordered) {
    EXPECT_EQ(compare(av(a), av(b)), std::nullopt) << a << " vs " << b;
  }
}

TEST(BinaryBytes, DecodesTheValueOrItsText) {
  EXPECT_EQ(binary_bytes(av(R"({"B": "Zm9v"})")), "foo");
  EXPECT_EQ(binary_bytes(Json("Zm9vYg==")), "foob");
  EXPECT_EQ(binary_bytes(Json("")), "");
  EXPECT_EQ(binary_bytes(Json("AP8=")), std::string("\x00\xff", 2));
  const auto e = thrown_aws_error([] { binary_bytes(Json("Zm9")); });
  EXPECT_EQ(e.code, "SerializationException");
  EXPECT_EQ(e.message, "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
  EXPECT_EQ(thrown_aws_error([] { binary_bytes(Json(5)); }).message,
            "only base-64-encoded strings are convertible to bytes");
}

}  // namespace
}  // namespace preflight::dynamodb
