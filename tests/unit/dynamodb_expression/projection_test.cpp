#include <gtest/gtest.h>

#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

Json projected(const Json& item, const std::string& text, const Json& names = Json::object()) {
  Placeholders p = placeholders(names);
  return project(item, parse_projection(text, p));
}

const Json& document() {
  static const Json item = {
      {"p", S("key")},
      {"a", M({{"b", L(Json::array({N("2"), N("4"), M({{"x", S("hi")}, {"y", S("yo")}})}))},
               {"c", N("5")}})},
      {"b", S("hello")},
      {"a.b", S("dotted")}};
  return item;
}

TEST(Projection, TopLevelAttributes) {
  EXPECT_EQ(projected(document(), "b"), Json({{"b", S("hello")}}));
  EXPECT_EQ(projected(document(), " b  ,   p  "), Json({{"b", S("hello")}, {"p", S("key")}}));
  EXPECT_EQ(projected(document(), "#n", {{"#n", "b"}}), Json({{"b", S("hello")}}));
  EXPECT_EQ(projected(document(), "nonexistent"), Json::object());
  EXPECT_EQ(projected(document(), "#d", {{"#d", "a.b"}}), Json({{"a.b", S("dotted")}}));
}

TEST(Projection, NestedPathsKeepTheirStructure) {
  struct Case {
    const char* text;
    Json expected;
  };
  const Json list = document()["a"]["M"]["b"];
  const Case cases[] = {
      {"a", Json({{"a", document()["a"]}})},
      {"a.b", Json({{"a", M({{"b", list}})}})},
      {"a.b[0]", Json({{"a", M({{"b", L(Json::array({N("2")}))}})}})},
      {"a.b[2]", Json({{"a", M({{"b", L(Json::array({list["L"][2]}))}})}})},
      {"a.b[2].y", Json({{"a", M({{"b", L(Json::array({M({{"y", S("yo")}})}))}})}})},
      {"a.b[0],a.b[1]", Json({{"a", M({{"b", L(Json::array({N("2"), N("4")}))}})}})},
      {"a.b[1],a.b[0]", Json({{"a", M({{"b", L(Json::array({N("2"), N("4")}))}})}})},
      {"a.b[0],a.c", Json({{"a", M({{"b", L(Json::array({N("2")}))}, {"c", N("5")}})}})},
      {"a.c,b", Json({{"a", M({{"c", N("5")}})}, {"b", S("hello")}})},
      {"a.x, a.b[0], x, a.b[3].x", Json({{"a", M({{"b", L(Json::array({N("2")}))}})}})},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(projected(document(), c.text), c.expected) << c.text;
  }
}

TEST(Projection, MissingOrMismatchedPathsProjectNothing) {
  for (const char* text : {"x", "a.b[3]", "a.x", "a.x.y", "a.b[3].x", "a.b.x", "a[0]", "a.b[0].x",
                           "a.b[0][0]", "b.c", "b[0]"}) {
    EXPECT_EQ(projected(document(), text), Json::object()) << text;
  }
  EXPECT_EQ(projected(Json::object(), "a, b.c"), Json::object());
}

TEST(Projection, OverlappingAndConflictingPaths) {
  const std::string overlap =
      "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
      "rewrite one of these paths; ";
  EXPECT_EQ(projection_error("a,a"), overlap + "path one: [a], path two: [a]");
  EXPECT_EQ(projection_error("a, a.b"), overlap + "path one: [a], path two: [a, b]");
  EXPECT_EQ(projection_error("a.b, a"), overlap + "path one: [a, b], path two: [a]");
  EXPECT_EQ(projection_error("a.b[0],a.b[0]"),
            overlap + "path one: [a, b, [0]], path two: [a, b, [0]]");
  EXPECT_EQ(projection_error("a, a.b[2].c"), overlap + "path one: [a], path two: [a, b, [2], c]");
  for (const char* text :
       {"a.b, a.b[2]", "a.b, a.b.c", "a.b.d, a.b", "a.b.d.e, a.b", "a[1], a[1]"}) {
    EXPECT_NE(projection_error(text).find("overlap"), std::string::npos) << text;
  }
  const std::string conflict =
      "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or "
      "rewrite one of these paths; ";
  EXPECT_EQ(projection_error("a.b, a[1]"), conflict + "path one: [a, b], path two: [a, [1]]");
  EXPECT_EQ(projection_error("a[1], a.b"), conflict + "path one: [a, [1]], path two: [a, b]");
  EXPECT_EQ(projection_error("a.b[1], a.b.c"),
            conflict + "path one: [a, b, [1]], path two: [a, b, c]");
  for (const char* text : {"a, b", "a.b, a.c", "a.b.d, a.b.e", "a[1], a[2]", "a.b, a.c[2]"}) {
    EXPECT_EQ(projection_error(text), "<no error>") << text;
  }
}

TEST(Projection, NamesAndLimits) {
  EXPECT_EQ(projected(document(), "#n1.#n2", {{"#n1", "a"}, {"#n2", "c"}}),
            Json({{"a", M({{"c", N("5")}})}}));
  EXPECT_EQ(projection_error("a.#n2", {{"#wrong", "b"}}),
            "Invalid ProjectionExpression: An expression attribute name used in the document path "
            "is not defined; attribute name: #n2");
  std::string path = "a";
  for (int i = 0; i < 31; ++i) {
    path += ".b";
  }
  EXPECT_EQ(projection_error(path), "<no error>");
  EXPECT_EQ(projection_error(path + ".b"),
            "Invalid ProjectionExpression: The document path has too many nesting levels; nesting "
            "levels: 33");
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
