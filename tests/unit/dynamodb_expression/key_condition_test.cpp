#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

using Op = SortKeyCondition::Op;

// A table keyed by partition key "a" and, unless `hash_only`, sort key "b".
KeyCondition key_condition(const std::string& text, const Json& values, bool hash_only = false,
                           const Json& names = Json::object()) {
  Placeholders p = placeholders(names, values);
  return parse_key_condition(text, p, "a",
                             hash_only ? std::nullopt : std::optional<std::string>("b"));
}

std::string key_error(const std::string& text, const Json& values = Json::object(),
                      bool hash_only = false) {
  return validation_message([&] { key_condition(text, values, hash_only); });
}

const Json kValues = {{":a", S("x")}, {":b", S("y")}};

TEST(KeyCondition, PartitionKeyOnly) {
  const KeyCondition k = key_condition("a = :a", {{":a", S("x")}});
  EXPECT_EQ(k.partition_key, "a");
  EXPECT_EQ(k.partition_value, S("x"));
  EXPECT_FALSE(k.sort.has_value());
  EXPECT_EQ(key_condition("#k = :a", {{":a", S("x")}}, false, {{"#k", "a"}}).partition_value,
            S("x"));
}

TEST(KeyCondition, SortKeyRanges) {
  struct Case {
    const char* text;
    Op op;
  };
  const Case cases[] = {
      {"a = :a AND b = :b", Op::Eq},     {"a = :a and b < :b", Op::Lt},
      {"b <= :b AND a = :a", Op::Le},    {"a = :a AND b > :b", Op::Gt},
      {"a = :a AND b >= :b", Op::Ge},    {":b < b AND a = :a", Op::Gt},
      {":b >= b AND a = :a", Op::Le},    {"a = :a AND begins_with(b, :b)", Op::BeginsWith},
      {"(a = :a) AND (b = :b)", Op::Eq}, {":a = a AND :b = b", Op::Eq},
  };
  for (const Case& c : cases) {
    const KeyCondition k = key_condition(c.text, kValues);
    ASSERT_TRUE(k.sort.has_value()) << c.text;
    EXPECT_EQ(k.sort->op, c.op) << c.text;
    EXPECT_EQ(k.sort->value, S("y")) << c.text;
    EXPECT_EQ(k.sort_key, "b");
    EXPECT_EQ(k.partition_value, S("x"));
  }
  const KeyCondition between = key_condition("a = :a AND b BETWEEN :l AND :h",
                                             {{":a", S("x")}, {":l", N("1")}, {":h", N("9")}});
  EXPECT_EQ(between.sort->op, Op::Between);
  EXPECT_EQ(between.sort->value, N("1"));
  EXPECT_EQ(between.sort->upper, N("9"));
}

TEST(KeyCondition, InvalidOperatorsAndShapes) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"a > b and size(b) > c or a > c", "Invalid operator used in KeyConditionExpression: OR"},
      {"a in (b, size(c), d)", "Invalid operator used in KeyConditionExpression: IN"},
      {"attribute_exists(a)", "Invalid operator used in KeyConditionExpression: attribute_exists"},
      {"attribute_not_exists(a)",
       "Invalid operator used in KeyConditionExpression: attribute_not_exists"},
      {"contains(a.d, b)", "Invalid operator used in KeyConditionExpression: contains"},
      {"not a > b", "Invalid operator used in KeyConditionExpression: NOT"},
      {"a <> b", "Invalid operator used in KeyConditionExpression: <>"},
      {"attribute_type(a, :s)", "Invalid operator used in KeyConditionExpression: attribute_type"},
      {":a between size(b) and size(a) and b > :b",
       "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute "
       "as "
       "its first operand"},
      {"begins_with(:a, b) and a > :b",
       "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
       "attribute as its first operand"},
      {"size(b) > a AND a.b > b AND b > c",
       "KeyConditionExpressions cannot contain nested operations"},
      {"a > size(b.d)", "KeyConditionExpressions cannot contain nested operations"},
      {"a between size(b) and size(a)", "KeyConditionExpressions cannot contain nested operations"},
      {"b > a.b",
       "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
       "condition"},
      {"b between c[1] and d",
       "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
       "condition"},
      {"begins_with(a, b)",
       "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
       "condition"},
      {"b.d > a AND c.d > e.f",
       "KeyConditionExpressions cannot have conditions on nested attributes"},
      {"a.d > c", "KeyConditionExpressions cannot have conditions on nested attributes"},
      {"b[0] > a", "KeyConditionExpressions cannot have conditions on nested attributes"},
      {":b > :a AND a < :b",
       "Invalid condition in KeyConditionExpression: No key attribute specified"},
      {"b > :a AND b < :a and c = :a and d = :a",
       "KeyConditionExpressions must only contain one condition per key"},
      {"(a > :a and b > :a) and (b > :a and c > :a)",
       "KeyConditionExpressions must only contain one condition per key"},
      {":a = a and b = :a and :a = c", "Conditions can be of length 1 or 2 only"},
  };
  const Json values = {{":a", S("1")}, {":b", S("1")}, {":s", S("S")}};
  for (const Case& c : cases) {
    EXPECT_EQ(key_error(c.text, values), c.message) << c.text;
  }
}

TEST(KeyCondition, SchemaChecks) {
  const Json v = {{":a", S("1")}, {":n", N("1")}};
  EXPECT_EQ(key_error("b = :a", v), "Query condition missed key schema element: a");
  EXPECT_EQ(key_error("z between :n and :n", v), "Query condition missed key schema element: a");
  EXPECT_EQ(key_error("a = :a and c = :n", v), "Query condition missed key schema element: b");
  EXPECT_EQ(key_error("a > :a", v), "Query key condition not supported");
  EXPECT_EQ(key_error("begins_with(a, :a) AND b = :a", v), "Query key condition not supported");
  for (const char* text : {"a > :a", "a < :a", ":a <= a", ":a >= a", "begins_with(a, :a)",
                           "a between :a and :a", "a = :a AND b = :a", "y = :a and z = :a"}) {
    EXPECT_EQ(key_error(text, v, true), "Query key condition not supported") << text;
  }
  EXPECT_EQ(key_error("z = :a", v, true), "Query condition missed key schema element: a");
}

TEST(KeyCondition, ConditionErrorsComeFirst) {
  EXPECT_EQ(key_error("", {}), "Invalid KeyConditionExpression: The expression can not be empty;");
  EXPECT_EQ(key_error("a > 4", {}),
            "Invalid KeyConditionExpression: Syntax error; token: \"4\", near: \"> 4\"");
  EXPECT_EQ(
      key_error("a between :b and :a", {{":a", S("a")}, {":b", N("1")}}),
      "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower "
      "and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
      "AttributeValue: {S:a}");
  EXPECT_EQ(key_error("a = :missing", {{":a", S("a")}}),
            "Invalid KeyConditionExpression: An expression attribute value used in expression is "
            "not defined; attribute value: :missing");
}

TEST(KeyCondition, SortKeyMatching) {
  const auto sort = [](Op op, Json value, Json upper = Json()) {
    return SortKeyCondition{op, std::move(value), std::move(upper)};
  };
  EXPECT_TRUE(matches(sort(Op::Eq, N("5")), N("5.0")));
  EXPECT_FALSE(matches(sort(Op::Eq, N("5")), S("5")));
  EXPECT_TRUE(matches(sort(Op::Lt, N("5")), N("4")));
  EXPECT_FALSE(matches(sort(Op::Lt, N("5")), N("5")));
  EXPECT_TRUE(matches(sort(Op::Le, N("5")), N("5")));
  EXPECT_TRUE(matches(sort(Op::Gt, S("b")), S("c")));
  EXPECT_FALSE(matches(sort(Op::Gt, S("b")), S("b")));
  EXPECT_TRUE(matches(sort(Op::Ge, S("b")), S("b")));
  EXPECT_TRUE(matches(sort(Op::Between, N("1"), N("9")), N("1")));
  EXPECT_TRUE(matches(sort(Op::Between, N("1"), N("9")), N("9")));
  EXPECT_FALSE(matches(sort(Op::Between, N("1"), N("9")), N("10")));
  EXPECT_TRUE(matches(sort(Op::BeginsWith, S("ab")), S("abc")));
  EXPECT_FALSE(matches(sort(Op::BeginsWith, S("ab")), S("a")));
  EXPECT_TRUE(matches(sort(Op::BeginsWith, B("AQI=")), B("AQID")));
}

TEST(KeyCondition, TypesMustMatchTheSchema) {
  const KeyCondition k = key_condition(":n < b AND a = :a", {{":a", S("x")}, {":n", N("1")}});
  EXPECT_NO_THROW(check_key_types(k, "S", std::string_view("N")));
  EXPECT_EQ(validation_message([&] { check_key_types(k, "N", std::string_view("N")); }),
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
  EXPECT_EQ(validation_message([&] { check_key_types(k, "S", std::string_view("S")); }),
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
}

TEST(KeyConditions, LegacyParameter) {
  const KeyCondition k = key_conditions(
      {{"a", {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {S("x")}}}},
       {"b", {{"ComparisonOperator", "BETWEEN"}, {"AttributeValueList", {N("1"), N("5")}}}}},
      "a", std::string("b"));
  EXPECT_EQ(k.partition_value, S("x"));
  EXPECT_EQ(k.sort->op, Op::Between);
  EXPECT_EQ(k.sort->upper, N("5"));
}

TEST(KeyConditions, LegacyErrors) {
  const auto error = [](const Json& conditions, bool hash_only = false) {
    return validation_message([&] {
      key_conditions(conditions, "a", hash_only ? std::nullopt : std::optional<std::string>("b"));
    });
  };
  const Json eq_x = {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {S("x")}}};
  EXPECT_EQ(error(Json::object()), "Conditions can be of length 1 or 2 only");
  EXPECT_EQ(error({{"a", eq_x}, {"b", eq_x}, {"c", eq_x}}),
            "Conditions can be of length 1 or 2 only");
  EXPECT_EQ(error({{"a", {{"ComparisonOperator", "EQ"}}}}),
            "One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
            "ComparisonOperator");
  EXPECT_EQ(error({{"a", {{"ComparisonOperator", "NE"}, {"AttributeValueList", {N("1")}}}}}, true),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(error({{"a", eq_x}, {"b", {{"ComparisonOperator", "NULL"}}}}),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(error({{"a", {{"ComparisonOperator", "LE"}, {"AttributeValueList", {S("x")}}}}}, true),
            "Query key condition not supported");
  EXPECT_EQ(error({{"a", eq_x}, {"b", eq_x}}, true), "Query key condition not supported");
  EXPECT_EQ(error({{"z", {{"ComparisonOperator", "NULL"}}}}),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(error({{"z", eq_x}}), "Query condition missed key schema element: a");
  EXPECT_EQ(
      error({{"a", {{"ComparisonOperator", "IN"}, {"AttributeValueList", {S("b"), N("1")}}}}}),
      "One or more parameter values were invalid: AttributeValues inside AttributeValueList "
      "must be of same type");
  EXPECT_EQ(
      error({{"a", {{"ComparisonOperator", "BETWEEN"}, {"AttributeValueList", {S("b"), S("a")}}}}}),
      "The BETWEEN condition was provided a range where the lower bound is greater than the "
      "upper bound");
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
