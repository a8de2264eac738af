#include "services/apigateway/route_table.h"

#include <gtest/gtest.h>

namespace preflight::apigateway {
namespace {

Json resources() {
  auto r = [](std::string path, std::vector<std::string> methods) {
    Json m = Json::object();
    for (const auto& verb : methods) {
      m[verb] = Json{{"httpMethod", verb}};
    }
    return Json{{"path", path}, {"resourceMethods", m}};
  };
  return Json::array({r("/", {}), r("/books", {"GET"}), r("/books/{id}", {"GET", "ANY"}),
                      r("/books/{id}/cover", {"GET"}), r("/books/new", {"POST"}),
                      r("/{proxy+}", {"ANY"}), r("/files/{path+}", {"GET"})});
}

std::string resource_of(const RouteTable& t, std::string_view method, std::string_view path) {
  auto m = t.match(method, path);
  return m ? (*m->resource)["path"].get<std::string>() : "none";
}

TEST(RouteTable, LiteralBeatsVariableBeatsGreedy) {
  const Json rs = resources();
  RouteTable t(rs);
  EXPECT_EQ(resource_of(t, "POST", "/books/new"), "/books/new");
  EXPECT_EQ(resource_of(t, "GET", "/books/7"), "/books/{id}");
  EXPECT_EQ(resource_of(t, "GET", "/books/7/cover"), "/books/{id}/cover");
  EXPECT_EQ(resource_of(t, "GET", "/books/7/other"), "/{proxy+}");
  EXPECT_EQ(resource_of(t, "GET", "/a/b/c"), "/{proxy+}");
  EXPECT_EQ(resource_of(t, "GET", "/files/a/b.txt"), "/files/{path+}");
  EXPECT_EQ(resource_of(t, "GET", "/"), "/");
  EXPECT_EQ(resource_of(t, "GET", "/books/"), "/books");
}

TEST(RouteTable, ParametersAreDecoded) {
  const Json rs = resources();
  RouteTable t(rs);
  auto m = t.match("GET", "/books/a%20b");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path_parameters.at("id"), "a b");
  m = t.match("GET", "/x/y%2Fz");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path_parameters.at("proxy"), "x/y/z");
}

TEST(RouteTable, ExactMethodThenAny) {
  const Json rs = resources();
  RouteTable t(rs);
  auto get = t.match("GET", "/books/1");
  ASSERT_TRUE(get && get->method);
  EXPECT_EQ((*get->method)["httpMethod"], "GET");
  auto del = t.match("DELETE", "/books/1");
  ASSERT_TRUE(del && del->method);
  EXPECT_EQ((*del->method)["httpMethod"], "ANY");
  auto post = t.match("POST", "/books");  // the resource exists, the method does not
  ASSERT_TRUE(post);
  EXPECT_EQ(post->method, nullptr);
  EXPECT_EQ(t.match("GET", "/")->method, nullptr);
}

TEST(RouteTable, NoGreedyMeansNoMatch) {
  const Json rs = Json::array({Json{{"path", "/"}, {"resourceMethods", Json::object()}},
                               Json{{"path", "/a"}, {"resourceMethods", Json::object()}}});
  RouteTable t(rs);
  EXPECT_FALSE(t.match("GET", "/b"));
  EXPECT_FALSE(t.match("GET", "/a/b"));
}

}  // namespace
}  // namespace preflight::apigateway
