#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

// One value of every type, as the item's attribute "a" and as :v.
const std::vector<Json>& every_type() {
  static const std::vector<Json> values = {N("1"),
                                           S("hello"),
                                           BOOL(true),
                                           B("eHl6"),
                                           NUL(),
                                           L(Json::array({S("hello"), N("42")})),
                                           M({{"hello", S("world")}}),
                                           SS({"hello", "world"}),
                                           NS({"1", "2", "3"}),
                                           BS({"eHl6", "aGk="})};
  return values;
}

TEST(Evaluate, EqualityHoldsOnlyBetweenEqualValuesOfTheSameType) {
  for (std::size_t i = 0; i < every_type().size(); ++i) {
    for (std::size_t j = 0; j < every_type().size(); ++j) {
      const Json item = {{"a", every_type()[i]}, {"b", every_type()[i]}};
      const Json values = {{":v", every_type()[j]}};
      EXPECT_EQ(holds("a = :v", item, values), i == j) << i << " " << j;
      EXPECT_EQ(holds("a <> :v", item, values), i != j) << i << " " << j;
      EXPECT_EQ(holds("a IN (:v)", item, values), i == j) << i << " " << j;
    }
    const Json item = {{"a", every_type()[i]}, {"b", every_type()[i]}};
    EXPECT_TRUE(holds("a = b", item));
  }
}

TEST(Evaluate, SetsAndNumbersCompareByValue) {
  const Json item = {{"s", SS({"dog", "cat", "mouse"})}, {"n", N("10")}, {"ns", NS({"1", "2.50"})}};
  EXPECT_TRUE(holds("s = :v", item, {{":v", SS({"mouse", "dog", "cat"})}}));
  EXPECT_FALSE(holds("s = :v", item, {{":v", SS({"mouse", "dog"})}}));
  EXPECT_TRUE(holds("n = :v", item, {{":v", N("10.0")}}));
  EXPECT_TRUE(holds("n = :v", item, {{":v", N("1E1")}}));
  EXPECT_TRUE(holds("ns = :v", item, {{":v", NS({"2.5", "1"})}}));
}

TEST(Evaluate, OrderingComparisons) {
  const Json item = {{"n", N("10")}, {"s", S("cat")}, {"b", B("Y2F0")}, {"l", L(Json::array())}};
  struct Case {
    const char* text;
    Json value;
    bool expected;
  };
  const Case cases[] = {
      {"n < :v", N("11"), true},      {"n < :v", N("10"), false},
      {"n < :v", N("9"), false},      {"n <= :v", N("10"), true},
      {"n <= :v", N("9"), false},     {"n > :v", N("9"), true},
      {"n > :v", N("10"), false},     {"n >= :v", N("10"), true},
      {"n >= :v", N("11"), false},    {"n > :v", N("-100"), true},
      {"n < :v", N("1e2"), true},     {"s < :v", S("dog"), true},
      {"s < :v", S("cat"), false},    {"s > :v", S("aardvark"), true},
      {"s <= :v", S("cat"), true},    {"s >= :v", S("dog"), false},
      {"b < :v", B("ZG9n"), true},    {"b > :v", B("YWFyZHZhcms="), true},
      {"b >= :v", B("Y2F0"), true},   {"n < :v", S("17"), false},
      {"s > :v", N("1"), false},      {"absent < :v", N("1"), false},
      {":v < absent", N("1"), false}, {"l < :v", N("1"), false},
      {":v > l", N("1"), false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(holds(c.text, item, {{":v", c.value}}), c.expected) << c.text << " " << c.value;
  }
}

TEST(Evaluate, MissingAttributes) {
  const Json item = {{"a", N("1")}};
  for (const char* op : {"<", "<=", ">", ">=", "="}) {
    EXPECT_FALSE(holds(std::string("q ") + op + " z", item)) << op;
  }
  EXPECT_TRUE(holds("q <> z", item));
  EXPECT_TRUE(holds("z <> :v", item, {{":v", N("1")}}));
  EXPECT_FALSE(holds("q BETWEEN z AND x", item));
  EXPECT_FALSE(holds("q IN (:v)", item, {{":v", N("1")}}));
  EXPECT_FALSE(holds("attribute_exists(q)", Json::object()));
  EXPECT_TRUE(holds("attribute_not_exists(q)", Json::object()));
}

TEST(Evaluate, Between) {
  const Json item = {{"a", N("1")}, {"b", S("cat")}, {"c", B("Y2F0")},       {"x", N("0")},
                     {"y", N("2")}, {"two", N("2")}, {"l", L(Json::array())}};
  EXPECT_TRUE(holds("a BETWEEN :l AND :h", item, {{":l", N("0")}, {":h", N("2")}}));
  EXPECT_TRUE(holds("a BETWEEN :l AND :h", item, {{":l", N("1")}, {":h", N("1")}}));
  EXPECT_FALSE(holds("a BETWEEN :l AND :h", item, {{":l", N("2")}, {":h", N("7")}}));
  EXPECT_TRUE(holds("b between :l and :h", item, {{":l", S("aardvark")}, {":h", S("dog")}}));
  EXPECT_FALSE(holds("b BETWEEN :l AND :h", item, {{":l", S("dog")}, {":h", S("zebra")}}));
  EXPECT_TRUE(holds("c BETWEEN :l AND :h", item, {{":l", B("YWFyZHZhcms=")}, {":h", B("ZG9n")}}));
  EXPECT_FALSE(holds("a BETWEEN :l AND :h", item, {{":l", S("0")}, {":h", S("2")}}));
  EXPECT_TRUE(holds("a BETWEEN x AND y", item));
  // Bounds from the item in the wrong order or of another type are a false condition.
  EXPECT_FALSE(holds("a BETWEEN two AND :v", item, {{":v", N("1")}}));
  EXPECT_FALSE(holds("a BETWEEN :v AND two", item, {{":v", N("3")}}));
  EXPECT_FALSE(holds("a BETWEEN two AND :v", item, {{":v", S("dog")}}));
  EXPECT_FALSE(holds("l BETWEEN x AND y", item));
}

TEST(Evaluate, InMatchesAnyValueOfAnyType) {
  const Json item = {{"a", N("174")}, {"b", M({{"k", S("v")}})}};
  EXPECT_TRUE(holds("a IN (:x, :y)", item, {{":x", S("dog")}, {":y", N("174")}}));
  EXPECT_FALSE(holds("a IN (:x, :y)", item, {{":x", S("dog")}, {":y", N("175")}}));
  EXPECT_TRUE(holds("b IN (:x)", item, {{":x", M({{"k", S("v")}})}}));
}

TEST(Evaluate, AttributeType) {
  const char* names[] = {"N", "S", "BOOL", "B", "NULL", "L", "M", "SS", "NS", "BS"};
  for (std::size_t i = 0; i < every_type().size(); ++i) {
    const Json item = {{"a", every_type()[i]}};
    for (std::size_t j = 0; j < std::size(names); ++j) {
      EXPECT_EQ(holds("attribute_type(a, :t)", item, {{":t", S(names[j])}}), i == j) << names[j];
    }
  }
  EXPECT_TRUE(holds("attribute_type(:v, :t)", Json::object(), {{":v", N("0")}, {":t", S("N")}}));
  EXPECT_FALSE(holds("attribute_type(absent, :t)", Json::object(), {{":t", S("N")}}));
}

TEST(Evaluate, BeginsWith) {
  const Json item = {{"a", S("hello")}, {"b", B("aGkgdGhlcmU=")}, {"n", N("12")}, {"c", S("he")}};
  EXPECT_TRUE(holds("begins_with(a, :p)", item, {{":p", S("hell")}}));
  EXPECT_TRUE(holds("begins_with(a, :p)", item, {{":p", S("hello")}}));
  EXPECT_FALSE(holds("begins_with(a, :p)", item, {{":p", S("dog")}}));
  EXPECT_TRUE(holds("begins_with(b, :p)", item, {{":p", B("aGk=")}}));
  EXPECT_FALSE(holds("begins_with(a, :p)", item, {{":p", B("aGk=")}}));
  EXPECT_FALSE(holds("begins_with(n, :p)", item, {{":p", S("1")}}));
  EXPECT_FALSE(holds("begins_with(absent, :p)", item, {{":p", S("1")}}));
  EXPECT_TRUE(holds("begins_with(:s, a)", item, {{":s", S("hellohi")}}));
  EXPECT_TRUE(holds("begins_with(a, c)", item));
}

TEST(Evaluate, Contains) {
  const Json item = {
      {"a", S("hello")},
      {"b", NS({"2", "4", "7"})},
      {"c", L(Json::array({N("2"), N("4"), N("7")}))},
      {"d", B("aGkgdGhlcmU=")},
      {"e", L(Json::array({S("hi"), NS({"1", "2"}), L(Json::array({N("3"), N("4")}))}))},
      {"f", SS({"red", "green"})},
      {"g", BS({"AQI=", "Ag=="})},
      {"m", M({{"k", S("hello")}})}};
  struct Case {
    const char* attribute;
    Json needle;
    bool expected;
  };
  const Case cases[] = {
      {"a", S("ell"), true},       {"a", S("xyz"), false},
      {"a", N("1"), false},        {"b", N("4"), true},
      {"b", N("4.0"), true},       {"b", N("5"), false},
      {"b", S("4"), false},        {"c", N("4"), true},
      {"c", S("4"), false},        {"d", B("aGVyZQ=="), true},
      {"d", B("ZG9n"), false},     {"d", NS({"1", "2"}), false},
      {"e", NS({"2", "1"}), true}, {"e", L(Json::array({N("3"), N("4")})), true},
      {"e", S("hi"), true},        {"f", S("red"), true},
      {"f", S("blue"), false},     {"g", B("Ag=="), true},
      {"g", B("AQID"), false},     {"m", S("k"), false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(holds(std::string("contains(") + c.attribute + ", :v)", item, {{":v", c.needle}}),
              c.expected)
        << c.attribute << " " << c.needle;
  }
  EXPECT_FALSE(holds("contains(absent, :v)", item, {{":v", S("x")}}));
}

TEST(Evaluate, SizeOfEveryType) {
  const Json item = {{"a", S("hello")},
                     {"u", S("\xC3\xA9\xF0\x9D\x84\x9E")},  // é and a character outside the BMP
                     {"b", NS({"2", "4", "7"})},
                     {"c", L(Json::array({N("2"), S("dog"), N("7")}))},
                     {"d", B("aGkgdGhlcmU=")},
                     {"e", M({{"x", N("2")}, {"y", M({{"m", N("3")}, {"n", N("4")}})}})},
                     {"f", N("5")},
                     {"g", BOOL(true)},
                     {"h", NUL()},
                     {"s", SS({"a"})},
                     {"bs", BS({"AQI=", "Ag=="})}};
  EXPECT_TRUE(holds("size(a) = :n", item, {{":n", N("5")}}));
  EXPECT_TRUE(holds("size(u) = :n", item, {{":n", N("3")}}));  // UTF-16 code units
  EXPECT_TRUE(holds("size(b) = :n", item, {{":n", N("3")}}));
  EXPECT_TRUE(holds("size(c) = :n", item, {{":n", N("3")}}));
  EXPECT_TRUE(holds("size(d) = :n", item, {{":n", N("8")}}));
  EXPECT_TRUE(holds("size(e) = :n", item, {{":n", N("2")}}));
  EXPECT_TRUE(holds("size(s) = :n", item, {{":n", N("1")}}));
  EXPECT_TRUE(holds("size(bs) = :n", item, {{":n", N("2")}}));
  for (const char* attribute : {"f", "g", "h", "absent"}) {
    EXPECT_FALSE(holds(std::string("size(") + attribute + ") = :n", item, {{":n", N("1")}}));
    EXPECT_TRUE(holds(std::string("size(") + attribute + ") <> :n", item, {{":n", N("1")}}));
  }
  EXPECT_FALSE(holds("size(a) = :n", item, {{":n", S("dog")}}));
  EXPECT_TRUE(holds("size(a) = f", item));
  EXPECT_TRUE(holds("size(a) > :n AND size(a) >= :n AND size(a) < :m", item,
                    {{":n", N("2")}, {":m", N("7")}}));
  EXPECT_TRUE(holds("size(e.y) = :n", item, {{":n", N("2")}}));
}

TEST(Evaluate, NestedPaths) {
  const Json item = {{"b", M({{"x", N("1")}, {"y", L(Json::array({N("-1"), N("2"), N("0")}))}})},
                     {"and", M({{"or", N("2")}})},
                     {"a.b", S("dotted")}};
  EXPECT_TRUE(holds("attribute_exists(b.x)", item));
  EXPECT_TRUE(holds("b.x < b.y[1]", item));
  EXPECT_FALSE(holds("b.x < b.y[0]", item));
  EXPECT_FALSE(holds("b.z < b.y[100]", item));
  EXPECT_FALSE(holds("attribute_exists(b.y.x)", item));
  EXPECT_FALSE(holds("attribute_exists(b[0])", item));
  EXPECT_FALSE(holds("attribute_exists(b.x.y)", item));
  EXPECT_TRUE(holds("#n1.#n2 = :two", item, {{":two", N("2")}}, {{"#n1", "and"}, {"#n2", "or"}}));
  EXPECT_TRUE(holds("#d = :v", item, {{":v", S("dotted")}}, {{"#d", "a.b"}}));
  EXPECT_TRUE(holds("(b.y)[2] = :z", item, {{":z", N("0")}}));
}

TEST(Evaluate, BooleanOperatorsAndPrecedence) {
  const Json item = {{"a", N("1")}, {"b", N("2")}, {"c", N("3")}};
  EXPECT_TRUE(holds("a < b AND b < c", item));
  EXPECT_TRUE(holds("a < b aNd b < c", item));
  EXPECT_FALSE(holds("a < b AND c < b", item));
  EXPECT_TRUE(holds("b < a OR b < c", item));
  EXPECT_FALSE(holds("b < a oR c < b", item));
  EXPECT_TRUE(holds("NOT b < a", item));
  EXPECT_FALSE(holds("nOt a < b", item));
  EXPECT_TRUE(holds("NOT NOT NOT NOT a < b", item));
  EXPECT_TRUE(holds("(a < b OR b < a) AND (b < c AND (a < b OR b < c))", item));
  // AND binds tighter than OR, NOT tighter than AND, BETWEEN's AND belongs to BETWEEN.
  EXPECT_TRUE(holds("a < b OR c < b AND b < c", item));
  EXPECT_FALSE(holds("(a < b OR c < b) AND c < b", item));
  EXPECT_FALSE(holds("NOT a < b AND c < b", item));
  EXPECT_TRUE(holds("NOT (a < b AND c < b)", item));
  EXPECT_TRUE(holds("b BETWEEN a AND c AND a < b", item));
  EXPECT_TRUE(
      holds("a = :one OR a = :one AND a = :two", item, {{":one", N("1")}, {":two", N("2")}}));
}

TEST(Evaluate, EmptyItem) {
  EXPECT_FALSE(holds("attribute_exists(pk)", Json::object()));
  EXPECT_TRUE(holds("attribute_not_exists(pk)", Json::object()));
  EXPECT_FALSE(holds("a = :v", Json::object(), {{":v", N("1")}}));
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
