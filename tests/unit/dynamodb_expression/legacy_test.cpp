#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

std::string expected_error(const Json& expected, const Json* op = nullptr) {
  return validation_message([&] { expected_condition(expected, op); });
}

std::string filter_error(const Json& filter, const Json* op = nullptr) {
  return validation_message([&] { filter_condition(filter, op, "ScanFilter"); });
}

Json cond(const char* op, Json values = Json::array()) {
  return {{"ComparisonOperator", op}, {"AttributeValueList", std::move(values)}};
}

bool filter_holds(const Json& filter, const Json& item, const Json* op = nullptr) {
  return evaluate(filter_condition(filter, op, "QueryFilter"), item);
}

TEST(Expected, ValueAndExists) {
  const Json item = {{"a", N("1")}};
  EXPECT_TRUE(evaluate(expected_condition({{"a", {{"Value", N("1")}}}}, nullptr), item));
  EXPECT_FALSE(evaluate(expected_condition({{"a", {{"Value", N("2")}}}}, nullptr), item));
  EXPECT_FALSE(evaluate(expected_condition({{"z", {{"Value", N("1")}}}}, nullptr), item));
  EXPECT_TRUE(
      evaluate(expected_condition({{"a", {{"Exists", true}, {"Value", N("1")}}}}, nullptr), item));
  EXPECT_TRUE(evaluate(expected_condition({{"z", {{"Exists", false}}}}, nullptr), item));
  EXPECT_FALSE(evaluate(expected_condition({{"a", {{"Exists", false}}}}, nullptr), item));
  EXPECT_TRUE(evaluate(expected_condition(Json::object(), nullptr), item));
}

TEST(Expected, ComparisonOperators) {
  const Json item = {{"n", N("1")},
                     {"s", S("hello")},
                     {"set", NS({"2", "4", "7"})},
                     {"l", L(Json::array({N("2"), N("4")}))},
                     {"b", B("aGkgdGhlcmU=")}};
  struct Case {
    const char* attribute;
    const char* op;
    Json values;
    bool expected;
  };
  const Case cases[] = {
      {"n", "EQ", {N("1")}, true},
      {"n", "EQ", {S("1")}, false},
      {"n", "NE", {N("2")}, true},
      {"n", "NE", {S("1")}, true},
      {"q", "NE", {N("1")}, true},
      {"n", "NE", {N("1")}, false},
      {"n", "LE", {N("1")}, true},
      {"n", "LT", {N("1")}, false},
      {"n", "GE", {N("1")}, true},
      {"n", "GT", {N("0")}, true},
      {"n", "LT", {S("1")}, false},
      {"q", "GT", {N("0")}, false},
      {"n", "NOT_NULL", {}, true},
      {"q", "NOT_NULL", {}, false},
      {"n", "NULL", {}, false},
      {"q", "NULL", {}, true},
      {"s", "CONTAINS", {S("ell")}, true},
      {"set", "CONTAINS", {N("4")}, true},
      {"l", "CONTAINS", {N("4")}, true},
      {"b", "CONTAINS", {B("aGVyZQ==")}, true},
      {"q", "CONTAINS", {N("4")}, false},
      {"s", "NOT_CONTAINS", {S("dog")}, true},
      {"s", "NOT_CONTAINS", {N("1")}, true},
      {"set", "NOT_CONTAINS", {N("4")}, false},
      {"l", "NOT_CONTAINS", {N("1")}, true},
      {"q", "NOT_CONTAINS", {N("1")}, false},
      {"s", "BEGINS_WITH", {S("hell")}, true},
      {"n", "BEGINS_WITH", {S("1")}, false},
      {"n", "IN", {N("2"), N("1"), N("8")}, true},
      {"set", "IN", {N("2")}, false},
      {"n", "BETWEEN", {N("0"), N("1")}, true},
      {"n", "BETWEEN", {N("2"), N("3")}, false},
      {"s", "BETWEEN", {S("cat"), S("dog")}, false},
      {"q", "BETWEEN", {N("0"), N("9")}, false},
  };
  for (const Case& c : cases) {
    const Json expected = {{c.attribute, cond(c.op, c.values)}};
    EXPECT_EQ(evaluate(expected_condition(expected, nullptr), item), c.expected)
        << c.attribute << " " << c.op << " " << c.values;
  }
  // Value may stand for a one-element AttributeValueList.
  EXPECT_TRUE(evaluate(
      expected_condition({{"n", {{"ComparisonOperator", "EQ"}, {"Value", N("1")}}}}, nullptr),
      item));
}

TEST(Expected, ConditionalOperator) {
  const Json item = {{"a", N("1")}, {"b", N("2")}};
  const Json expected = {{"a", {{"Exists", true}, {"Value", N("74")}}},
                         {"b", cond("EQ", {N("2")})},
                         {"c", {{"Exists", false}}}};
  const Json and_op = "AND";
  const Json or_op = "OR";
  EXPECT_FALSE(evaluate(expected_condition(expected, nullptr), item));
  EXPECT_FALSE(evaluate(expected_condition(expected, &and_op), item));
  EXPECT_TRUE(evaluate(expected_condition(expected, &or_op), item));
  EXPECT_EQ(expected_error(Json::object(), &or_op),
            "ConditionalOperator cannot be used without Filter or Expected");
  EXPECT_EQ(
      expected_error({{"a", {{"Value", N("1")}}}}, &and_op),
      "ConditionalOperator can only be used when Filter or Expected has two or more elements");
  const Json bad = "XOR";
  EXPECT_EQ(expected_error(expected, &bad),
            "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy "
            "constraint: Member must satisfy enum value set: [OR, AND]");
}

TEST(Expected, ValidationMessages) {
  struct Case {
    Json entry;
    std::string message;
  };
  const Case cases[] = {
      {{{"Exists", false}, {"ComparisonOperator", "EQ"}, {"AttributeValueList", {N("3")}}},
       kInvalid + "Exists and ComparisonOperator cannot be used together for Attribute: a"},
      {{{"Value", N("3")}, {"ComparisonOperator", "EQ"}, {"AttributeValueList", {N("3")}}},
       kInvalid + "Value and AttributeValueList cannot be used together for Attribute: a"},
      {{{"AttributeValueList", {N("3")}}},
       kInvalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a"},
      {{{"Exists", false}, {"Value", N("1")}},
       kInvalid + "Value cannot be used when Exists is false for Attribute: a"},
      {Json::object(), kInvalid + "Value must be provided when Exists is null for Attribute: a"},
      {{{"Exists", true}},
       kInvalid + "Value must be provided when Exists is true for Attribute: a"},
      {{{"ComparisonOperator", "EQ"}},
       kInvalid + "Value or AttributeValueList must be used with ComparisonOperator: EQ for "
                  "Attribute: a"},
      {cond("EQ", {N("2"), N("3")}),
       kInvalid + "Invalid number of argument(s) for the EQ ComparisonOperator"},
      {cond("NOT_CONTAINS", Json::array()),
       kInvalid + "Invalid number of argument(s) for the NOT_CONTAINS ComparisonOperator"},
      {cond("NOT_CONTAINS", {L(Json::array({N("1")}))}),
       kInvalid + "ComparisonOperator NOT_CONTAINS is not valid for L AttributeValue type"},
      {cond("IN", {N("3"), S("dog")}),
       kInvalid + "AttributeValues inside AttributeValueList must be of same type"},
      {cond("IN", {L(Json::array({N("1")})), L(Json::array({N("2")}))}),
       kInvalid + "ComparisonOperator IN is not valid for L AttributeValue type"},
      {cond("BEGINS_WITH", {N("3")}),
       kInvalid + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
      {cond("BETWEEN", {N("4"), N("3")}),
       "The BETWEEN condition was provided a range where the lower bound is greater than the upper "
       "bound"},
      {cond("BETWEEN", {NS({"1"}), NS({"2"})}),
       kInvalid + "ComparisonOperator BETWEEN is not valid for NS AttributeValue type"},
      {cond("SOMETIMES", {N("1")}),
       "1 validation error detected: Value 'SOMETIMES' at 'expected.a.member.comparisonOperator' "
       "failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, "
       "NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"},
      {{{"Value", {{"S", ""}, {"N", "1"}}}},
       "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
       "supported datatypes"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(expected_error({{"a", c.entry}}), c.message) << c.entry;
  }
}

TEST(Filters, EvaluateAndCombine) {
  const Json item = {{"a", N("1")}, {"b", S("x")}};
  EXPECT_TRUE(
      filter_holds({{"a", cond("EQ", {N("1")})}, {"b", cond("BEGINS_WITH", {S("x")})}}, item));
  EXPECT_FALSE(filter_holds({{"a", cond("EQ", {N("1")})}, {"b", cond("NULL")}}, item));
  const Json or_op = "OR";
  EXPECT_TRUE(filter_holds({{"a", cond("EQ", {N("1")})}, {"b", cond("NULL")}}, item, &or_op));
  EXPECT_TRUE(filter_holds(Json::object(), item));
}

TEST(Filters, ArgumentCounts) {
  const char* one[] = {"EQ", "NE",       "LE",           "LT",         "GE",
                       "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH"};
  for (const char* op : one) {
    EXPECT_EQ(filter_error({{"a", cond(op)}}),
              kInvalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
    EXPECT_EQ(filter_error({{"a", cond(op, {S("a"), S("a")})}}),
              kInvalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  for (const char* op : {"NULL", "NOT_NULL"}) {
    EXPECT_EQ(filter_error({{"a", cond(op, {S("a")})}}),
              kInvalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  EXPECT_EQ(filter_error({{"a", cond("IN")}}),
            kInvalid + "Invalid number of argument(s) for the IN ComparisonOperator");
  EXPECT_EQ(filter_error({{"a", cond("BETWEEN", {S("a"), S("a"), S("a")})}}),
            kInvalid + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
}

TEST(Filters, ArgumentTypes) {
  const std::vector<Json> non_scalars = {
      BOOL(true), NUL(), SS({"a"}), NS({"1"}), BS({"abcd"}), M(Json::object()), L(Json::array())};
  for (const char* op : {"LT", "LE", "GT", "GE", "IN", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH"}) {
    for (const Json& value : non_scalars) {
      EXPECT_EQ(filter_error({{"a", cond(op, {value})}}),
                kInvalid + "ComparisonOperator " + op + " is not valid for " + value.begin().key() +
                    " AttributeValue type");
    }
  }
  EXPECT_EQ(filter_error({{"a", cond("BEGINS_WITH", {N("1")})}}),
            kInvalid + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  EXPECT_EQ(filter_error({{"a", cond("BETWEEN", {BOOL(true), BOOL(true)})}}),
            kInvalid + "ComparisonOperator BETWEEN is not valid for BOOL AttributeValue type");
  // EQ and NE take any type.
  EXPECT_EQ(
      filter_error({{"a", cond("EQ", {L(Json::array())})}, {"b", cond("NE", {M(Json::object())})}}),
      "<no error>");
  EXPECT_EQ(filter_error({{"a", {{"AttributeValueList", {N("1")}}}}}),
            "1 validation error detected: Value null at 'scanFilter.a.member.comparisonOperator' "
            "failed to satisfy constraint: Member must not be null");
}

TEST(AttributeUpdates, Validation) {
  const auto error = [](const Json& updates) {
    return validation_message([&] { attribute_updates(updates); });
  };
  EXPECT_EQ(error({{"a", {{"Action", "PUT"}}}}),
            kInvalid + "Only DELETE action is allowed when no attribute value is specified");
  EXPECT_EQ(error({{"a", Json::object()}}),
            kInvalid + "Only DELETE action is allowed when no attribute value is specified");
  for (const Json& value :
       {S("1"), N("1"), B("Yg=="), NUL(), BOOL(true), M(Json::object()), L(Json::array())}) {
    EXPECT_EQ(
        error({{"a", {{"Action", "DELETE"}, {"Value", value}}}}),
        kInvalid + "DELETE action with value is not supported for the type " + value.begin().key());
  }
  for (const Json& value : {S("1"), B("Yg=="), NUL(), BOOL(true), M(Json::object())}) {
    EXPECT_EQ(error({{"a", {{"Action", "ADD"}, {"Value", value}}}}),
              kInvalid + "ADD action is not supported for the type " + value.begin().key());
  }
  EXPECT_EQ(error({{"a", {{"Action", "UPSERT"}, {"Value", N("1")}}}}),
            "1 validation error detected: Value 'UPSERT' at 'attributeUpdates.a.member.action' "
            "failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]");
}

TEST(AttributeUpdates, Apply) {
  Json item = {{"k", S("key")},       {"n", N("1")},
               {"s", SS({"a", "b"})}, {"l", L(Json::array({S("a")}))},
               {"gone", S("x")},      {"ns", NS({"1", "2", "3"})}};
  const Update u =
      attribute_updates({{"n", {{"Action", "ADD"}, {"Value", N("3")}}},
                         {"s", {{"Action", "ADD"}, {"Value", SS({"b", "c"})}}},
                         {"l", {{"Action", "ADD"}, {"Value", L(Json::array({S("b")}))}}},
                         {"gone", {{"Action", "DELETE"}}},
                         {"ns", {{"Action", "DELETE"}, {"Value", NS({"1", "4"})}}},
                         {"p", {{"Value", S("put")}}},
                         {"new", {{"Action", "ADD"}, {"Value", N("5")}}},
                         {"absent", {{"Action", "DELETE"}, {"Value", SS({"x"})}}}});
  apply_update(u, item);
  EXPECT_EQ(item, Json({{"k", S("key")},
                        {"n", N("4")},
                        {"s", SS({"a", "b", "c"})},
                        {"l", L(Json::array({S("a"), S("b")}))},
                        {"ns", NS({"2", "3"})},
                        {"p", S("put")},
                        {"new", N("5")}}));
  EXPECT_EQ(u.top_level_names(),
            (std::set<std::string>{"n", "s", "l", "gone", "ns", "p", "new", "absent"}));
  Json emptied = {{"ns", NS({"1"})}};
  apply_update(attribute_updates({{"ns", {{"Action", "DELETE"}, {"Value", NS({"1"})}}}}), emptied);
  EXPECT_EQ(emptied, Json::object());
}

TEST(AttributeUpdates, TypeMismatch) {
  const Json item = {{"b", SS({"1"})}, {"c", N("1")}, {"d", NS({"1"})}};
  const std::vector<Json> cases = {{{"b", {{"Action", "DELETE"}, {"Value", NS({"1"})}}}},
                                   {{"c", {{"Action", "DELETE"}, {"Value", NS({"1"})}}}},
                                   {{"b", {{"Action", "ADD"}, {"Value", NS({"1"})}}}},
                                   {{"d", {{"Action", "ADD"}, {"Value", N("1")}}}},
                                   {{"c", {{"Action", "ADD"}, {"Value", L(Json::array())}}}}};
  for (const Json& updates : cases) {
    Json copy = item;
    EXPECT_EQ(validation_message([&] { apply_update(attribute_updates(updates), copy); }),
              "Type mismatch for attribute to update")
        << updates;
  }
}

TEST(AttributesToGet, ProjectsTopLevelNames) {
  const Json item = {{"a", N("1")}, {"b", M({{"c", N("2")}})}, {"status", S("x")}};
  EXPECT_EQ(project(item, attributes_to_get({"b", "status", "missing"})),
            Json({{"b", M({{"c", N("2")}})}, {"status", S("x")}}));
  EXPECT_EQ(validation_message([&] {
              attributes_to_get({"a", "a"});
            }),
            kInvalid + "Duplicate value in attribute name: a");
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
