#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

struct UpdateCase {
  const char* text;
  Json names;
  Json values;
  const char* message;
};

class UpdateChecks : public ::testing::TestWithParam<UpdateCase> {};

TEST_P(UpdateChecks, Message) {
  const UpdateCase& c = GetParam();
  EXPECT_EQ(update_error(c.text, c.names, c.values),
            std::string("Invalid UpdateExpression: ") + c.message)
      << c.text;
}

const Json kNoNames = Json::object();
const Json kNoValues = Json::object();
const Json kAB = {{"#a", "a"}, {"#b", "b"}};
const Json kAV = {{":a", S("a")}, {":b", S("a")}};

INSTANTIATE_TEST_SUITE_P(
    Sections, UpdateChecks,
    ::testing::Values(
        UpdateCase{"set a = #c set c = :d", kAB, kAV,
                   "The \"SET\" section can only be used once in an update expression;"},
        UpdateCase{"remove #d set a = b remove e", kAB, kAV,
                   "The \"REMOVE\" section can only be used once in an update expression;"},
        UpdateCase{"add #d :e set a = b add e :f", kAB, kAV,
                   "The \"ADD\" section can only be used once in an update expression;"},
        UpdateCase{"delete #d :e set a = b delete #e :f", kAB, kAV,
                   "The \"DELETE\" section can only be used once in an update expression;"},
        UpdateCase{"SET a = :a REMOVE b SET c = :a", kAB, kAV,
                   "The \"SET\" section can only be used once in an update expression;"},
        // The walk reaches the function before the repeated section ends.
        UpdateCase{"set #c = if_not_exist(:c) set c = d", kAB, kAV,
                   "Invalid function name; function: if_not_exist"},
        UpdateCase{" set #c = :c set abOrt = true ", kAB, kAV,
                   "Attribute name is a reserved keyword; reserved keyword: abOrt"}));

INSTANTIATE_TEST_SUITE_P(
    Functions, UpdateChecks,
    ::testing::Values(
        UpdateCase{"SET a = f(b,c,d)", kNoNames, kNoValues, "Invalid function name; function: f"},
        UpdateCase{"SET a = LIST_APPEND(b, c)", kNoNames, kNoValues,
                   "Invalid function name; function: LIST_APPEND"},
        UpdateCase{"SET a = size(b)", kNoNames, kNoValues,
                   "The function is not allowed in an update expression; function: size"},
        UpdateCase{"SET a = list_append(list_append(b, c), d)", kNoNames, kNoValues,
                   "The function is not allowed to be used this way in an expression; function: "
                   "list_append"},
        UpdateCase{"SET a = list_append(b, c) + :n", kNoNames, Json{{":n", N("1")}},
                   "The function is not allowed to be used this way in an expression; function: "
                   "list_append"},
        UpdateCase{"set a = if_not_exists(c)", kNoNames, kNoValues,
                   "Incorrect number of operands for operator or function; operator or function: "
                   "if_not_exists, number of operands: 1"},
        UpdateCase{"set a = list_append(c)", kNoNames, kNoValues,
                   "Incorrect number of operands for operator or function; operator or function: "
                   "list_append, number of operands: 1"},
        UpdateCase{"set a = list_append(b, c, d)", kNoNames, kNoValues,
                   "Incorrect number of operands for operator or function; operator or function: "
                   "list_append, number of operands: 3"},
        UpdateCase{"set a = if_not_exists(:a, c)", kNoNames, kAV,
                   "Operator or function requires a document path; operator or function: "
                   "if_not_exists"},
        UpdateCase{"set a = if_not_exists(if_not_exists(a, b), c)", kNoNames, kNoValues,
                   "Operator or function requires a document path; operator or function: "
                   "if_not_exists"},
        UpdateCase{"set a = if_not_exists(b, b)", kNoNames, kNoValues,
                   "The first operand must be distinct from the remaining operands for this "
                   "operator or function; operator: if_not_exists, first operand: [b]"}));

const Json kTyped = {{":a", S("a")},          {":b", N("1")},       {":c", B("YQ==")},
                     {":d", BOOL(false)},     {":e", NUL()},        {":f", SS({"a"})},
                     {":g", NS({"1"})},       {":h", BS({"YQ=="})}, {":i", M(Json::object())},
                     {":j", L(Json::array())}};

INSTANTIATE_TEST_SUITE_P(
    OperandTypes, UpdateChecks,
    ::testing::Values(
        UpdateCase{"set a = list_append(:a, a)", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: "
                   "list_append, operand type: S"},
        UpdateCase{"set a = list_append(a, :b)", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: "
                   "list_append, operand type: N"},
        UpdateCase{"set a = list_append(:i, a)", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: "
                   "list_append, operand type: M"},
        UpdateCase{"set a = list_append(:h, a)", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: "
                   "list_append, operand type: BS"},
        UpdateCase{"set a = a + :a", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: +, "
                   "operand type: S"},
        UpdateCase{"set a = :c + a", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: +, "
                   "operand type: B"},
        UpdateCase{"set a = a + :j", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: +, "
                   "operand type: L"},
        UpdateCase{"set a = a - :d", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: -, "
                   "operand type: BOOL"},
        UpdateCase{"set a = a - :e", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: -, "
                   "operand type: NULL"},
        UpdateCase{"set a = :g - a", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator or function: -, "
                   "operand type: NS"},
        UpdateCase{"add a.b :a", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: ADD, operand type: "
                   "STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
        UpdateCase{"add a :j", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: ADD, operand type: "
                   "LIST, typeSet: ALLOWED_FOR_ADD_OPERAND"},
        UpdateCase{"add a :i", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: ADD, operand type: "
                   "MAP, typeSet: ALLOWED_FOR_ADD_OPERAND"},
        UpdateCase{"add a :c", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: ADD, operand type: "
                   "BINARY, typeSet: ALLOWED_FOR_ADD_OPERAND"},
        UpdateCase{"add a :d", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: ADD, operand type: "
                   "BOOLEAN, typeSet: ALLOWED_FOR_ADD_OPERAND"},
        UpdateCase{"delete a :e", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: DELETE, operand "
                   "type: NULL, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
        UpdateCase{"delete a.b :b", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: DELETE, operand "
                   "type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
        // Actions are validated last to first: the ADD fails before the arity of if_not_exists.
        UpdateCase{"set b = list_append(:a, a), c = if_not_exists(a) add a.b :a", kNoNames, kTyped,
                   "Incorrect operand type for operator or function; operator: ADD, operand type: "
                   "STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"}));

const Json kPathNames = {{"#c", "c"}, {"#d", "[3]"}};

INSTANTIATE_TEST_SUITE_P(
    OverlapsAndConflicts, UpdateChecks,
    ::testing::Values(
        UpdateCase{
            "set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)", kPathNames, kNoValues,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [c, [1], a], path two: [c]"},
        UpdateCase{
            "set c.b.#c = a, c = a, #d = a", kPathNames, kNoValues,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [c, b, c], path two: [c]"},
        UpdateCase{
            "set a = b remove a, #c, #d", kPathNames, kNoValues,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]"},
        UpdateCase{
            "set #c[3].#d = a, #c[3] = a", kPathNames, kNoValues,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [c, [3], [3]], path two: [c, [3]]"},
        UpdateCase{
            "remove c, #c.a, #d", kPathNames, kNoValues,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [c], path two: [c, a]"},
        UpdateCase{
            "remove a, #c, a, #d", kPathNames, kNoValues,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]"},
        UpdateCase{
            "SET mapx = :a, mapx.num = :b", kNoNames, kAV,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [mapx], path two: [mapx, num]"},
        UpdateCase{
            "SET lst[0] = :a, lst[0].ok = :a", kNoNames, kAV,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [lst, [0]], path two: [lst, [0], ok]"},
        UpdateCase{
            "SET #a = :a, a = :b", kAB, kAV,
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]"},
        UpdateCase{
            "set #c[3].#d = a, #c.#d[3] = if_not_exists(a)", kPathNames, kNoValues,
            "Two document paths conflict with each other; must remove or rewrite one of these "
            "paths; path one: [c, [3], [3]], path two: [c, [3], [3]]"},
        UpdateCase{
            "remove a.#c set a[1] = #d", kPathNames, kNoValues,
            "Two document paths conflict with each other; must remove or rewrite one of these "
            "paths; path one: [a, c], path two: [a, [1]]"},
        UpdateCase{
            "SET a.b.c = :a, a.b[2] = :b", kNoNames, kAV,
            "Two document paths conflict with each other; must remove or rewrite one of these "
            "paths; path one: [a, b, c], path two: [a, b, [2]]"}));

INSTANTIATE_TEST_SUITE_P(
    Placeholders, UpdateChecks,
    ::testing::Values(
        UpdateCase{"SET #c = if_not_exists(:c)", kAB, kAV,
                   "An expression attribute name used in the document path is not defined; "
                   "attribute name: #c"},
        UpdateCase{"SET #a = if_not_exists(:c)", kAB, kAV,
                   "An expression attribute value used in expression is not defined; attribute "
                   "value: :c"},
        UpdateCase{"SET attr1 = :v", kNoNames, kNoValues,
                   "An expression attribute value used in expression is not defined; attribute "
                   "value: :v"}));

TEST(UpdateParse, ActionsPathsAndNames) {
  Placeholders p = placeholders({{"#n", "name"}}, {{":v", N("1")}, {":s", SS({"x"})}});
  const Update u =
      parse_update("SET #n = :v, lst[0].x = :v, c = a + :v REMOVE d[2] ADD e :v DELETE f :s", p);
  ASSERT_EQ(u.actions.size(), 6u);
  EXPECT_EQ(u.actions[0].kind, UpdateAction::Kind::Set);
  EXPECT_EQ(u.actions[2].arithmetic, '+');
  EXPECT_EQ(u.actions[3].kind, UpdateAction::Kind::Remove);
  EXPECT_EQ(u.actions[4].kind, UpdateAction::Kind::Add);
  EXPECT_EQ(u.actions[5].kind, UpdateAction::Kind::Delete);
  std::vector<std::string> paths;
  for (const Path& path : u.paths) {
    paths.push_back(path_to_string(path));
  }
  EXPECT_EQ(paths,
            (std::vector<std::string>{"[name]", "[lst, [0], x]", "[c]", "[d, [2]]", "[e]", "[f]"}));
  EXPECT_EQ(u.top_level_names(), (std::set<std::string>{"name", "lst", "c", "d", "e", "f"}));
  EXPECT_NO_THROW(p.check_all_used());
}

TEST(UpdateParse, KeywordsAnyCaseAndWhitespace) {
  Placeholders p = placeholders({}, {{":v", N("1")}});
  EXPECT_NO_THROW(parse_update("  sEt   b=:v  ", p));
  EXPECT_NO_THROW(parse_update("REMOVE a SET b = a", p));
  EXPECT_NO_THROW(parse_update("SET a = :v, b = :v", p));
  Placeholders named = placeholders({{"#_", "x"}}, {{":v", N("1")}});
  EXPECT_NO_THROW(parse_update("SET A123_ = :v, Alpha_Numeric_123 = :v, #_ = :v", named));
}

TEST(UpdateParse, NonOverlappingPathsAreFine) {
  Placeholders p = placeholders({}, {{":v", N("1")}});
  EXPECT_NO_THROW(parse_update("SET a.b = :v, a.c.d = :v, b.x = :v REMOVE a.x, b.y", p));
  EXPECT_NO_THROW(parse_update("SET a[1] = :v, a[2] = :v REMOVE a[3]", p));
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
