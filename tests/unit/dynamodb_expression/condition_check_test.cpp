#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

// Semantic errors of condition expressions, from DynamoDB's own answers (FilterExpression).
struct CheckCase {
  const char* text;
  Json names;
  Json values;
  const char* message;
};

class ConditionChecks : public ::testing::TestWithParam<CheckCase> {};

TEST_P(ConditionChecks, Message) {
  const CheckCase& c = GetParam();
  EXPECT_EQ(condition_error(c.text, c.names, c.values),
            std::string("Invalid FilterExpression: ") + c.message)
      << c.text;
}

const Json kNoNames = Json::object();
const Json kNoValues = Json::object();

INSTANTIATE_TEST_SUITE_P(
    FunctionNames, ConditionChecks,
    ::testing::Values(
        CheckCase{"a = a and whatever((:things)) > a", kNoNames, kNoValues,
                  "Invalid function name; function: whatever"},
        CheckCase{"attRIbute_exIsts((views), #a)", kNoNames, kNoValues,
                  "Invalid function name; function: attRIbute_exIsts"},
        CheckCase{"ATTRIBUTE_EXISTS(a)", kNoNames, kNoValues,
                  "Invalid function name; function: ATTRIBUTE_EXISTS"},
        CheckCase{"if_not_exists(a, a) = :v", kNoNames, kNoValues,
                  "The function is not allowed in a condition expression; function: if_not_exists"},
        CheckCase{"list_append(a, a) = :v", kNoNames, kNoValues,
                  "The function is not allowed in a condition expression; function: list_append"}));

INSTANTIATE_TEST_SUITE_P(
    MisusedFunctions, ConditionChecks,
    ::testing::Values(
        CheckCase{"a = a and attribute_exists((views), (#a)) > b", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "attribute_exists"},
        CheckCase{"attribute_not_exists(things) > b", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "attribute_not_exists"},
        CheckCase{"attribute_type(things, :a) > b", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "attribute_type"},
        CheckCase{"begins_with(things, a) > b", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "begins_with"},
        CheckCase{"contains(:things, c) > b", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "contains"},
        CheckCase{"size(contains(a, b)) > a", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "contains"},
        CheckCase{
            "size(things)", kNoNames, kNoValues,
            "The function is not allowed to be used this way in an expression; function: size"},
        CheckCase{
            "NOT size(things)", kNoNames, kNoValues,
            "The function is not allowed to be used this way in an expression; function: size"},
        CheckCase{"a between b and attribute_exists(things)", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "attribute_exists"},
        CheckCase{"a in (b, attribute_exists(things))", kNoNames, kNoValues,
                  "The function is not allowed to be used this way in an expression; function: "
                  "attribute_exists"}));

INSTANTIATE_TEST_SUITE_P(
    ReservedAndPlaceholders, ConditionChecks,
    ::testing::Values(
        CheckCase{"attribute_exists(views, #a)", kNoNames, kNoValues,
                  "Attribute name is a reserved keyword; reserved keyword: views"},
        CheckCase{"attribute_exists(#Pictures.RearView, :a) and a = a", kNoNames, kNoValues,
                  "An expression attribute name used in the document path is not defined; "
                  "attribute name: #Pictures"},
        CheckCase{"begins_with(Pictures.#RearView)", kNoNames, kNoValues,
                  "An expression attribute name used in the document path is not defined; "
                  "attribute name: #RearView"},
        CheckCase{"(#P between :lo and :hi) and (#PC in (:cat1, :cat2))", kNoNames, kNoValues,
                  "An expression attribute name used in the document path is not defined; "
                  "attribute name: #P"},
        CheckCase{"#_ > a", kNoNames, kNoValues,
                  "An expression attribute name used in the document path is not defined; "
                  "attribute name: #_"},
        CheckCase{"(a)between(b.c[45].#d)and(:a)", kNoNames, kNoValues,
                  "An expression attribute name used in the document path is not defined; "
                  "attribute name: #d"},
        CheckCase{"begins_with(:hello, #a, #b)", kNoNames, kNoValues,
                  "An expression attribute value used in expression is not defined; attribute "
                  "value: :hello"},
        CheckCase{":a < :b", kNoNames, kNoValues,
                  "An expression attribute value used in expression is not defined; attribute "
                  "value: :a"},
        CheckCase{"a[99999999999] = :v", kNoNames, Json{{":v", N("1")}},
                  "List index is not within the allowable range; index: [99999999999]"}));

INSTANTIATE_TEST_SUITE_P(
    OperandCounts, ConditionChecks,
    ::testing::Values(
        CheckCase{"attribute_exists(things, a) and a = :v", kNoNames, Json{{":v", N("1")}},
                  "Incorrect number of operands for operator or function; operator or function: "
                  "attribute_exists, number of operands: 2"},
        CheckCase{"attribute_not_exists(things, b)", kNoNames, kNoValues,
                  "Incorrect number of operands for operator or function; operator or function: "
                  "attribute_not_exists, number of operands: 2"},
        CheckCase{"attribute_type(things)", kNoNames, kNoValues,
                  "Incorrect number of operands for operator or function; operator or function: "
                  "attribute_type, number of operands: 1"},
        CheckCase{"begins_with(things)", kNoNames, kNoValues,
                  "Incorrect number of operands for operator or function; operator or function: "
                  "begins_with, number of operands: 1"},
        CheckCase{"begins_with(things, size(a), b)", kNoNames, kNoValues,
                  "Incorrect number of operands for operator or function; operator or function: "
                  "begins_with, number of operands: 3"},
        CheckCase{"contains(things)", kNoNames, kNoValues,
                  "Incorrect number of operands for operator or function; operator or function: "
                  "contains, number of operands: 1"},
        CheckCase{"size(things, a) > b", kNoNames, kNoValues,
                  "Incorrect number of operands for operator or function; operator or function: "
                  "size, number of operands: 2"}));

INSTANTIATE_TEST_SUITE_P(
    OperandTypes, ConditionChecks,
    ::testing::Values(
        CheckCase{"attribute_type(a, size(a)) and a = a and a = :a", kNoNames, kNoValues,
                  "Incorrect operand type for operator or function; operator or function: "
                  "attribute_type, operand type: N"},
        CheckCase{"attribute_type(a, :a)", kNoNames, Json{{":a", N("1")}},
                  "Incorrect operand type for operator or function; operator or function: "
                  "attribute_type, operand type: N"},
        CheckCase{"attribute_type(a, :a)", kNoNames, Json{{":a", L(Json::array())}},
                  "Incorrect operand type for operator or function; operator or function: "
                  "attribute_type, operand type: L"},
        CheckCase{"attribute_type(a, b)", kNoNames, kNoValues,
                  "Incorrect operand type for operator or function; operator or function: "
                  "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"},
        CheckCase{"attribute_type(a, :a)", kNoNames, Json{{":a", S("DOG")}},
                  "Invalid attribute type name found; type: DOG, valid types: "
                  "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
        CheckCase{"begins_with(a, size(a)) and a = :a", kNoNames, kNoValues,
                  "Incorrect operand type for operator or function; operator or function: "
                  "begins_with, operand type: N"},
        CheckCase{"begins_with(a, :a)", kNoNames, Json{{":a", N("1")}},
                  "Incorrect operand type for operator or function; operator or function: "
                  "begins_with, operand type: N"},
        CheckCase{"begins_with(:a, a)", kNoNames, Json{{":a", SS({"1"})}},
                  "Incorrect operand type for operator or function; operator or function: "
                  "begins_with, operand type: SS"},
        CheckCase{"begins_with(a, :a)", kNoNames, Json{{":a", BOOL(true)}},
                  "Incorrect operand type for operator or function; operator or function: "
                  "begins_with, operand type: BOOL"},
        CheckCase{"begins_with(a, :a)", kNoNames, Json{{":a", NUL()}},
                  "Incorrect operand type for operator or function; operator or function: "
                  "begins_with, operand type: NULL"},
        CheckCase{"size(size(a)) > :a", kNoNames, Json{{":a", N("1")}},
                  "Incorrect operand type for operator or function; operator or function: size, "
                  "operand type: N"},
        CheckCase{"attribute_not_exists(size(:a))", kNoNames, Json{{":a", N("1")}},
                  "Incorrect operand type for operator or function; operator or function: size, "
                  "operand type: N"},
        CheckCase{"size(:a) > a", kNoNames, Json{{":a", BOOL(true)}},
                  "Incorrect operand type for operator or function; operator or function: size, "
                  "operand type: BOOL"},
        CheckCase{"a < :l", kNoNames, Json{{":l", L(Json::array({N("1")}))}},
                  "Incorrect operand type for operator or function; operator or function: <, "
                  "operand type: L"},
        CheckCase{":l >= a", kNoNames, Json{{":l", M(Json::object())}},
                  "Incorrect operand type for operator or function; operator or function: >=, "
                  "operand type: M"},
        CheckCase{"a BETWEEN :l AND :h", kNoNames,
                  Json({{":l", L(Json::array())}, {":h", L(Json::array())}}),
                  "Incorrect operand type for operator or function; operator or function: BETWEEN, "
                  "operand type: L"},
        CheckCase{"attribute_exists(:a) and a = a", kNoNames, Json{{":a", S("1")}},
                  "Operator or function requires a document path; operator or function: "
                  "attribute_exists"},
        CheckCase{"attribute_not_exists(size(:a))", kNoNames, Json{{":a", S("1")}},
                  "Operator or function requires a document path; operator or function: "
                  "attribute_not_exists"}));

const Json kNameA = {{"#a", "a"}};
const Json kViews = {{":views", N("1")}};

INSTANTIATE_TEST_SUITE_P(
    DistinctOperands, ConditionChecks,
    ::testing::Values(
        CheckCase{
            "a = a AND #a = b AND :views > a", kNameA, kViews,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: =, first operand: [a]"},
        CheckCase{
            "#a <> a", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: <>, first operand: [a]"},
        CheckCase{
            "a > #a", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: >, first operand: [a]"},
        CheckCase{
            "((a=#a) OR (a=a))", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: =, first operand: [a]"},
        CheckCase{
            "contains(ab.bc[1].a, ab.bc[1].#a)", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: contains, first operand: [ab, bc, [1], a]"},
        CheckCase{
            "attribute_type(ab.bc[1].#a, ab.bc[1].a)", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: attribute_type, first operand: [ab, bc, [1], a]"},
        CheckCase{
            "begins_with(ab.bc[1].a, ab.bc[1].#a)", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: begins_with, first operand: [ab, bc, [1], a]"},
        CheckCase{
            "a BETWEEN b AND #a", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: BETWEEN, first operand: [a]"},
        CheckCase{
            "a IN (b, #a)", kNameA, kNoValues,
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: IN, first operand: [a]"}));

INSTANTIATE_TEST_SUITE_P(
    BetweenBounds, ConditionChecks,
    ::testing::Values(
        CheckCase{
            "a between :b and :a", kNoNames, Json({{":a", S("a")}, {":b", N("1")}}),
            "The BETWEEN operator requires same data type for lower and upper bounds; lower "
            "bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}"},
        CheckCase{"a between :b and :a", kNoNames, Json({{":a", S("a")}, {":b", S("b")}}),
                  "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                  "bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                  "AttributeValue: {S:a}"},
        CheckCase{"a between :b and :a", kNoNames, Json({{":a", N("1")}, {":b", N("2")}}),
                  "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                  "bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: "
                  "AttributeValue: {N:1}"}));

TEST(ConditionLimits, InTakesAtMostOneHundredValues) {
  Json values = Json::object();
  std::string list;
  for (int i = 0; i < 101; ++i) {
    values[":v" + std::to_string(i)] = N(std::to_string(i));
    list += (i ? "," : "") + std::string(":v") + std::to_string(i);
  }
  EXPECT_EQ(condition_error("a IN (" + list + ")", {}, values),
            "Invalid FilterExpression: The IN operator is provided with too many operands; number "
            "of operands: 101");
  values.erase(":v100");
  list = list.substr(0, list.rfind(','));
  Placeholders p = placeholders({}, values);
  EXPECT_NO_THROW(parse_condition("a IN (" + list + ")", p, "FilterExpression"));
}

TEST(ConditionLimits, AtMostThreeHundredOperators) {
  std::string text = "a = :v";
  for (int i = 0; i < 150; ++i) {
    text += " OR a = :v";  // 151 comparisons and 150 ORs
  }
  EXPECT_EQ(condition_error(text, {}, {{":v", N("1")}}),
            "Invalid FilterExpression: The expression contains too many operators; operator count: "
            "301");
  Placeholders p = placeholders({}, {{":v", N("1")}});
  EXPECT_NO_THROW(parse_condition(text.substr(0, text.size() - 10), p, "FilterExpression"));
}

TEST(ConditionLimits, DocumentPathsNestAtMostThirtyTwoLevels) {
  std::string path = "a";
  for (int i = 0; i < 31; ++i) {
    path += ".b";
  }
  Placeholders p = placeholders();
  EXPECT_NO_THROW(parse_condition("attribute_exists(" + path + ")", p, "FilterExpression"));
  EXPECT_EQ(condition_error("attribute_exists(" + path + "[0])"),
            "Invalid FilterExpression: The document path has too many nesting levels; nesting "
            "levels: 33");
}

TEST(ConditionPlaceholders, UsageIsTrackedAcrossExpressions) {
  const Json names = {{"#a", "a"}, {"#unused", "x"}};
  const Json values = {{":v", N("1")}, {":w", N("2")}};
  Placeholders p = placeholders(names, values);
  parse_condition("#a = :v OR b = :w", p, "ConditionExpression");
  EXPECT_EQ(validation_message([&] { p.check_all_used(); }),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
}

TEST(ConditionPaths, ListsEveryPathRead) {
  Placeholders p = placeholders({{"#n", "name"}}, {{":v", S("x")}});
  const Condition c = parse_condition("#n.given = :v AND size(tags) > c[1]", p, "FilterExpression");
  std::vector<std::string> paths;
  for (const Path& path : c.paths()) {
    paths.push_back(path_to_string(path));
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"[name, given]", "[tags]", "[c, [1]]"}));
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
