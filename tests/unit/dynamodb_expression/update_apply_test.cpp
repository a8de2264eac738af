#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

// Parses and applies an update; returns the new item.
Json updated(Json item, const std::string& text, const Json& values = Json::object(),
             const Json& names = Json::object(), bool item_exists = true) {
  Placeholders p = placeholders(names, values);
  const Update u = parse_update(text, p);
  apply_update(u, item, item_exists);
  return item;
}

std::string apply_error(const Json& item, const std::string& text,
                        const Json& values = Json::object(), bool item_exists = true) {
  return validation_message([&] { updated(item, text, values, Json::object(), item_exists); });
}

const char* kInvalidPath =
    "The document path provided in the update expression is invalid for update";
const char* kMissing =
    "The provided expression refers to an attribute that does not exist in the item";
const char* kWrongType = "An operand in the update expression has an incorrect data type";

TEST(UpdateApply, SetMergesIntoTheItem) {
  const Json item = {{"p", S("k")}, {"a", S("hi")}};
  EXPECT_EQ(updated(item, "SET b = :v", {{":v", S("hello")}}),
            Json({{"p", S("k")}, {"a", S("hi")}, {"b", S("hello")}}));
  EXPECT_EQ(updated(item, "SET a = :v", {{":v", S("hey")}}),
            Json({{"p", S("k")}, {"a", S("hey")}}));
  EXPECT_EQ(updated(Json::object(), "SET x = :v, y = :v", {{":v", N("4")}}),
            Json({{"x", N("4")}, {"y", N("4")}}));
  EXPECT_EQ(updated(item, "SET #d = :v", {{":v", N("3")}}, {{"#d", "a.b"}})["a.b"], N("3"));
}

TEST(UpdateApply, ValuesAreReadFromTheOldItem) {
  const Json item = {{"a", S("hello")}};
  EXPECT_EQ(updated(item, "SET b = a")["b"], S("hello"));
  EXPECT_EQ(apply_error(item, "SET c = z"), kMissing);
  EXPECT_EQ(apply_error(Json::object(), "SET c = z"), kMissing);
  EXPECT_EQ(apply_error(item, "SET x = :v, y = x", {{":v", N("4")}}), kMissing);
  EXPECT_EQ(updated(item, "REMOVE a SET b = a"), Json({{"b", S("hello")}}));
  EXPECT_EQ(updated(item, "SET c = a REMOVE a"), Json({{"c", S("hello")}}));
  EXPECT_EQ(updated({{"a", N("1")}}, "SET a = :v, b = a", {{":v", N("2")}}),
            Json({{"a", N("2")}, {"b", N("1")}}));
}

TEST(UpdateApply, ArithmeticIsExact) {
  const Json item = {
      {"f", N("0.1")}, {"n", N("2")}, {"big", N("99999999999999999999999999999999999999")}};
  EXPECT_EQ(updated(item, "SET f = f + :v", {{":v", N("0.2")}})["f"], N("0.3"));
  EXPECT_EQ(updated(item, "SET n = n - :v", {{":v", N("5")}})["n"], N("-3"));
  EXPECT_EQ(updated(item, "SET r = :v - n", {{":v", N("7")}})["r"], N("5"));
  EXPECT_EQ(updated(item, "SET r = n + n")["r"], N("4"));
  EXPECT_EQ(updated(item, "SET r = :a + :b", {{":a", N("1e2")}, {":b", N("-0.5")}})["r"],
            N("99.5"));
  // The model reports an inexact result as DynamoDB does, as an overflow.
  EXPECT_EQ(apply_error(item, "SET r = big + :v", {{":v", N("0.1")}}),
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
  EXPECT_EQ(apply_error(item, "SET r = absent + :v", {{":v", N("1")}}), kMissing);
  EXPECT_EQ(apply_error({{"s", S("x")}}, "SET r = s + :v", {{":v", N("1")}}), kWrongType);
  EXPECT_EQ(apply_error({{"s", S("x")}}, "SET r = :v - s", {{":v", N("1")}}), kWrongType);
}

TEST(UpdateApply, IfNotExists) {
  EXPECT_EQ(updated(Json::object(), "SET a = if_not_exists(a, :v)", {{":v", N("2")}})["a"], N("2"));
  EXPECT_EQ(updated({{"a", N("2")}}, "SET a = if_not_exists(a, :v)", {{":v", N("3")}})["a"],
            N("2"));
  EXPECT_EQ(updated({{"a", N("2")}}, "SET b = if_not_exists(a, :v)", {{":v", N("6")}})["b"],
            N("2"));
  EXPECT_EQ(updated({{"a", N("2")}}, "SET b = if_not_exists(c, :v)", {{":v", N("4")}})["b"],
            N("4"));
  EXPECT_EQ(updated({{"b", N("1")}}, "SET b = if_not_exists(b, :z) + :one",
                    {{":z", N("0")}, {":one", N("1")}})["b"],
            N("2"));
  EXPECT_EQ(updated(Json::object(), "SET a = if_not_exists(b, if_not_exists(c, :v))",
                    {{":v", N("3")}})["a"],
            N("3"));
  EXPECT_EQ(apply_error(Json::object(), "SET a = if_not_exists(b, c)"), kMissing);
}

TEST(UpdateApply, ListAppend) {
  const Json item = {{"a", L(Json::array({S("hi"), N("2")}))}, {"s", S("x")}};
  const Json tail = {{":v", L(Json::array({N("4"), S("hello")}))}};
  EXPECT_EQ(updated(item, "SET a = list_append(a, :v)", tail)["a"],
            L(Json::array({S("hi"), N("2"), N("4"), S("hello")})));
  EXPECT_EQ(updated(item, "SET a = list_append(:v, a)", tail)["a"],
            L(Json::array({N("4"), S("hello"), S("hi"), N("2")})));
  EXPECT_EQ(updated(item, "SET c = list_append(a, a)")["c"],
            L(Json::array({S("hi"), N("2"), S("hi"), N("2")})));
  EXPECT_EQ(updated(Json::object(), "SET a = list_append(if_not_exists(a, :e), :v)",
                    {{":e", L(Json::array())}, {":v", L(Json::array({N("9")}))}})["a"],
            L(Json::array({N("9")})));
  EXPECT_EQ(apply_error(item, "SET c = list_append(b, :v)", tail), kMissing);
  EXPECT_EQ(apply_error(item, "SET c = list_append(:v, b)", tail), kMissing);
  EXPECT_EQ(apply_error(item, "SET c = list_append(s, :v)", tail), kWrongType);
  EXPECT_EQ(apply_error({{"m", M(Json::object())}}, "SET c = list_append(:v, m)", tail),
            kWrongType);
}

TEST(UpdateApply, NestedSet) {
  const Json item = {
      {"a", M({{"b", N("3")},
               {"c", L(Json::array(
                         {S("hi"),
                          M({{"x", M({{"y", L(Json::array({N("3"), N("5"), N("7")}))}})}})}))}})}};
  Json out = updated(item, "SET a.c[1].#n.y[1] = :v", {{":v", N("9")}}, {{"#n", "x"}});
  EXPECT_EQ(out["a"]["M"]["c"]["L"][1]["M"]["x"]["M"]["y"],
            L(Json::array({N("3"), N("9"), N("7")})));
  out = updated(item, "SET a.d = :v, a.b = :w", {{":v", N("1")}, {":w", M(Json::object())}});
  EXPECT_EQ(out["a"]["M"]["d"], N("1"));
  EXPECT_EQ(out["a"]["M"]["b"], M(Json::object()));
  EXPECT_EQ(updated(item, "SET a.z = a.c[1].x.y[1]")["a"]["M"]["z"], N("5"));
}

TEST(UpdateApply, SetPastTheEndOfAListAppendsInIndexOrder) {
  const Json item = {{"a", L(Json::array({S("one"), S("two"), S("three")}))}};
  EXPECT_EQ(updated(item, "SET a[1] = :v", {{":v", S("x")}})["a"],
            L(Json::array({S("one"), S("x"), S("three")})));
  EXPECT_EQ(updated(item, "SET a[7] = :v", {{":v", S("x")}})["a"],
            L(Json::array({S("one"), S("two"), S("three"), S("x")})));
  EXPECT_EQ(updated(item, "SET a[84] = :a, a[37] = :b, a[17] = :c, a[50] = :d",
                    {{":a", S("a1")}, {":b", S("a2")}, {":c", S("a3")}, {":d", S("a4")}})["a"],
            L(Json::array({S("one"), S("two"), S("three"), S("a3"), S("a2"), S("a4"), S("a1")})));
}

TEST(UpdateApply, InvalidDocumentPaths) {
  const Json item = {
      {"a", S("hello")}, {"b", L(Json::array({S("hi")}))}, {"m", M({{"1", S("a")}})}};
  for (const char* text :
       {"SET a.c = :v", "SET b.c = :v", "SET c.c = :v", "SET a[0] = :v", "SET c[0] = :v",
        "SET m[1] = :v", "REMOVE a.c", "REMOVE b.c", "REMOVE c.c", "REMOVE a[0]", "REMOVE m[1]",
        "ADD c.d :v", "DELETE y.a :s", "ADD b.x :v"}) {
    EXPECT_EQ(apply_error(item, text, {{":v", N("1")}, {":s", SS({"a"})}}), kInvalidPath) << text;
  }
  EXPECT_EQ(apply_error(Json::object(), "SET c.c = :v", {{":v", N("1")}}), kInvalidPath);
  EXPECT_EQ(apply_error(Json::object(), "SET b[0] = :v", {{":v", N("1")}}), kInvalidPath);
}

TEST(UpdateApply, Remove) {
  const Json item = {
      {"a", M({{"b", N("3")},
               {"c", L(Json::array(
                         {S("hi"), M({{"x", M({{"y", L(Json::array({N("3"), N("5"), N("7")}))}})},
                                      {"q", N("2")}})}))}})},
      {"s", S("x")}};
  Json out = updated(item, "REMOVE a.c[1].x.y[1], a.c[1].q");
  EXPECT_EQ(
      out["a"],
      M({{"b", N("3")},
         {"c",
          L(Json::array({S("hi"), M({{"x", M({{"y", L(Json::array({N("3"), N("7")}))}})}})}))}}));
  EXPECT_EQ(updated(item, "REMOVE s, absent"), Json({{"a", item["a"]}}));
  // A missing leaf under an existing parent is ignored.
  EXPECT_EQ(updated(item, "REMOVE a.y, a.c[7]"), item);
  EXPECT_EQ(updated({{"a", M({{"b", N("1")}})}}, "REMOVE a.b")["a"], M(Json::object()));
  EXPECT_EQ(updated({{"a", L(Json::array({N("1")}))}}, "REMOVE a[0]")["a"], L(Json::array()));
}

TEST(UpdateApply, ListIndexesMeanPositionsBeforeTheUpdate) {
  const Json item = {{"a", L(Json::array({N("2"), N("3"), N("4"), N("5"), N("6"), N("7")}))}};
  const Json expected = L(Json::array({N("2"), N("4"), N("17"), N("6"), N("7")}));
  EXPECT_EQ(updated(item, "REMOVE a[1] SET a[3] = :v", {{":v", N("17")}})["a"], expected);
  EXPECT_EQ(updated(item, "SET a[3] = :v REMOVE a[1]", {{":v", N("17")}})["a"], expected);
  EXPECT_EQ(updated(item, "REMOVE a[1], a[3], a[40]")["a"],
            L(Json::array({N("2"), N("4"), N("6"), N("7")})));
  EXPECT_EQ(updated(item, "REMOVE a[5], a[0]")["a"],
            L(Json::array({N("3"), N("4"), N("5"), N("6")})));
}

TEST(UpdateApply, RemoveOfANestedPathIsIgnoredWhenTheItemIsNew) {
  EXPECT_EQ(updated(Json::object(), "REMOVE x.y, z[0]", {}, {}, false), Json::object());
  EXPECT_EQ(apply_error(Json::object(), "REMOVE x.y", {}, true), kInvalidPath);
}

TEST(UpdateApply, AddNumbers) {
  const Json item = {{"a", N("3")}, {"b", S("hi")}};
  EXPECT_EQ(updated(item, "ADD a :v", {{":v", N("4")}})["a"], N("7"));
  EXPECT_EQ(updated(item, "ADD a :v", {{":v", N("-3.5")}})["a"], N("-0.5"));
  EXPECT_EQ(updated(item, "ADD c :v", {{":v", N("7")}})["c"], N("7"));
  EXPECT_EQ(updated(Json::object(), "ADD c :v", {{":v", N("8")}}), Json({{"c", N("8")}}));
  EXPECT_EQ(apply_error(item, "ADD b :v", {{":v", N("1")}}), kWrongType);
}

TEST(UpdateApply, AddSets) {
  const Json item = {
      {"a", SS({"dog", "cat", "mouse"})}, {"n", NS({"1", "2"})}, {"l", L(Json::array())}};
  EXPECT_EQ(updated(item, "ADD a :v", {{":v", SS({"pig"})}})["a"],
            SS({"dog", "cat", "mouse", "pig"}));
  EXPECT_EQ(updated(item, "ADD a :v", {{":v", SS({"cat", "badger"})}})["a"],
            SS({"dog", "cat", "mouse", "badger"}));
  EXPECT_EQ(updated(item, "ADD n :v", {{":v", NS({"2.0", "3"})}})["n"], NS({"1", "2", "3"}));
  EXPECT_EQ(updated(item, "ADD b :v", {{":v", BS({"AQI="})}})["b"], BS({"AQI="}));
  EXPECT_EQ(apply_error(item, "ADD a :v", {{":v", NS({"1"})}}), kWrongType);
  EXPECT_EQ(apply_error(item, "ADD l :v", {{":v", SS({"x"})}}), kWrongType);
  EXPECT_EQ(apply_error(item, "ADD n :v", {{":v", N("1")}}), kWrongType);
}

TEST(UpdateApply, DeleteFromSets) {
  const Json item = {{"a", SS({"dog", "cat", "mouse"})}, {"n", NS({"1", "2", "3"})}, {"s", S("x")}};
  EXPECT_EQ(updated(item, "DELETE a :v", {{":v", SS({"cat", "mouse"})}})["a"], SS({"dog"}));
  EXPECT_EQ(updated(item, "DELETE a :v", {{":v", SS({"pig"})}})["a"], item["a"]);
  EXPECT_EQ(updated(item, "DELETE n :v", {{":v", NS({"1.0", "4"})}})["n"], NS({"2", "3"}));
  EXPECT_FALSE(updated(item, "DELETE a :v", {{":v", SS({"dog", "cat", "mouse"})}}).contains("a"));
  EXPECT_EQ(updated(item, "DELETE absent :v", {{":v", SS({"dog"})}}), item);
  EXPECT_EQ(apply_error(item, "DELETE a :v", {{":v", NS({"1"})}}), kWrongType);
  EXPECT_EQ(apply_error(item, "DELETE s :v", {{":v", SS({"x"})}}), kWrongType);
}

// DynamoDB's own example: every value from the old item, list slots by their old index.
TEST(UpdateApply, ManyActionsOnOneItemAndReturnValues) {
  const Json key = S("k");
  const Json before = {{"a", key},
                       {"b", M({{"a", N("1")}, {"b", N("2")}, {"c", N("3")}})},
                       {"c", L(Json::array({N("1"), N("3")}))}};
  Placeholders p = placeholders({}, {{":a", N("2")}, {":b", SS({"a"})}});
  const Update u = parse_update(
      "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] :b, c[6] :a",
      p);
  Json after = before;
  apply_update(u, after);
  EXPECT_EQ(after,
            Json({{"a", key},
                  {"b", M({{"a", key}, {"b", N("2")}, {"c", N("4")}})},
                  {"c", L(Json::array({N("1"), key, N("3"), N("-1"), N("2"), SS({"a"})}))}}));
  EXPECT_EQ(project(after, u.paths), Json({{"b", M({{"a", key}, {"c", N("4")}})},
                                           {"c", L(Json::array({key, N("3"), N("2")}))}}));
  EXPECT_EQ(project(before, u.paths),
            Json({{"b", M({{"a", N("1")}, {"c", N("3")}})}, {"c", L(Json::array({N("3")}))}}));
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
