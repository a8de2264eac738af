#include <gtest/gtest.h>

#include <functional>

#include "tests/unit/apigateway_openapi/openapi_test_support.h"

namespace preflight::apigateway::openapi {
namespace {

using testing::import_error;
using testing::read_test_file;

const std::string kHead = R"("openapi": "3.0.1", "info": {"title": "t"})";

std::string with_paths(const std::string& paths) {
  return "{" + kHead + R"(, "paths": )" + paths + "}";
}

TEST(ImportBadInput, UnreadableDocuments) {
  for (const char* body : {"{{{{", "a: [1,\n", "\x01\x02\xff", "key: value: other"}) {
    const std::string message = import_error(body);
    EXPECT_TRUE(message.starts_with("Invalid OpenAPI input.")) << body << " -> " << message;
  }
  EXPECT_NE(import_error(""), "");
  EXPECT_NE(import_error("[1, 2]"), "");
  EXPECT_NE(import_error("just a string"), "");
}

TEST(ImportBadInput, VersionMustBeOpenApi30OrSwagger20) {
  EXPECT_NE(import_error(R"({"info": {"title": "t"}, "paths": {}})"), "");
  EXPECT_NE(import_error(R"({"openapi": "3.1.0", "info": {"title": "t"}})").find("3.1.0"),
            std::string::npos);
  EXPECT_NE(import_error(R"({"swagger": "1.2", "info": {"title": "t"}})"), "");
  EXPECT_NE(import_error(R"({"openapi": 3, "info": {"title": "t"}})"), "");
}

TEST(ImportBadInput, TitleIsRequired) {
  EXPECT_NE(import_error(R"({"openapi": "3.0.1", "info": {"version": "1"}})").find("title"),
            std::string::npos);
  EXPECT_NE(import_error(R"({"openapi": "3.0.1"})"), "");
  EXPECT_NE(import_error(R"({"openapi": "3.0.1", "info": {"title": ""}})"), "");
}

TEST(ImportBadInput, MalformedPaths) {
  for (const char* path : {"books", "/a/{b", "/a/x{b}", "/{a}/{a}", "/{proxy+}/x", "/a//b", "/a b",
                           "/{}", "/{a b}", "/a?q"}) {
    const std::string message = import_error(with_paths(std::string(R"({")") + path + R"(": {}})"));
    EXPECT_NE(message.find("Invalid resource path"), std::string::npos) << path << " " << message;
  }
}

TEST(ImportBadInput, OneVariablePathPartAmongSiblings) {
  const std::string message = import_error(with_paths(R"({"/a/{id}": {}, "/a/{name}/b": {}})"));
  EXPECT_NE(message.find("only one is allowed"), std::string::npos) << message;
  EXPECT_EQ(import_error(with_paths(R"({"/a/{id}": {}, "/a/{id}/b": {}, "/a/x": {}})")), "");
}

TEST(ImportBadInput, ErrorsAreListedTogether) {
  const std::string message =
      import_error(with_paths(R"({"nope": {}, "/a": {"get": {"x-amazon-apigateway-integration":
          {"type": "soap"}}}})"));
  EXPECT_TRUE(message.starts_with("Errors found during import:\n\t")) << message;
  EXPECT_NE(message.find("Invalid resource path 'nope'"), std::string::npos) << message;
  EXPECT_NE(message.find("Invalid integration type"), std::string::npos) << message;
}

TEST(ImportBadInput, UnresolvableAndCyclicReferences) {
  EXPECT_NE(import_error("{" + kHead + R"(, "paths": {"/a": {"get": {"parameters":
      [{"$ref": "#/components/parameters/Missing"}]}}}})"),
            "");
  EXPECT_NE(import_error("{" + kHead + R"(, "components": {"parameters": {
      "A": {"$ref": "#/components/parameters/B"}, "B": {"$ref": "#/components/parameters/A"}}},
      "paths": {"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/A"}]}}}})"),
            "");
  EXPECT_NE(import_error("{" + kHead + R"(, "paths": {"/a": {"$ref": "other.yaml#/a"}}})"), "");
}

TEST(ImportBadInput, WrongTypesAreImportErrors) {
  for (const char* paths :
       {"5", "[]", R"({"/a": 5})", R"({"/a": {"get": []}})",
        R"({"/a": {"get": {"responses": []}}})", R"({"/a": {"parameters": 5}})",
        R"({"/a": {"get": {"parameters": [5]}}})", R"({"/a": {"get": {"security": 5}}})",
        R"({"/a": {"get": {"security": [5]}}})", R"({"/a": {"get": {"operationId": {}}}})",
        R"({"/a": {"get": {"responses": {"200": {"headers": []}}}}})",
        R"({"/a": {"get": {"x-amazon-apigateway-integration": "mock"}}})",
        R"({"/a": {"get": {"x-amazon-apigateway-integration": {"type": "mock",
            "responses": []}}}})",
        R"({"/a": {"get": {"parameters": [{"in": "query", "name": 5}]}}})"}) {
    const std::string message = import_error(with_paths(paths));
    EXPECT_NE(message, "") << paths;
    EXPECT_EQ(message.find("json.exception"), std::string::npos) << paths << " " << message;
  }
  EXPECT_NE(import_error("{" + kHead + R"(, "components": []})"), "");
  EXPECT_NE(import_error("{" + kHead + R"(, "components": {"securitySchemes": 5}})"), "");
  EXPECT_NE(import_error("{" + kHead + R"(, "security": {}})"), "");
  EXPECT_NE(import_error(R"({"openapi": "3.0.1", "info": []})"), "");
}

// Every node of the books document, replaced in turn by a value of every JSON type: the import
// either succeeds or throws an ImportError found by the type checks (not the json backstop).
TEST(ImportBadInput, EveryNodeReplacedByEveryType) {
  const Json books = parse_yaml(read_test_file("books_oas3.yaml"));
  const Json replacements[] = {Json(5),        Json("x"),     Json::array(),
                               Json::object(), Json(nullptr), Json(true)};
  std::vector<Json::json_pointer> pointers;
  const std::function<void(const Json&, const Json::json_pointer&)> walk =
      [&](const Json& node, const Json::json_pointer& at) {
        pointers.push_back(at);
        if (node.is_object()) {
          for (const auto& [key, child] : node.items()) {
            walk(child, at / key);
          }
        } else if (node.is_array()) {
          for (std::size_t i = 0; i < node.size(); ++i) {
            walk(node[i], at / i);
          }
        }
      };
  walk(books, Json::json_pointer());
  ASSERT_GT(pointers.size(), 200U);
  for (const auto& pointer : pointers) {
    for (const Json& replacement : replacements) {
      Json doc = books;
      doc[pointer] = replacement;
      try {
        import_definition(doc.dump());
      } catch (const ImportError& e) {
        EXPECT_EQ(std::string(e.what()).find("json.exception"), std::string::npos)
            << pointer.to_string() << " = " << replacement.dump() << ": " << e.what();
      }
    }
  }
}

TEST(ImportBadInput, HostileSizes) {
  EXPECT_NE(import_error(std::string(100000, '[')), "");
  EXPECT_NE(import_error("openapi: 3.0.1\ninfo:\n  title: t\nx: " + std::string(5000, '[') +
                         std::string(5000, ']')),
            "");
  std::string bomb = "openapi: 3.0.1\ninfo: {title: t}\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) {
      bomb += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
    }
    bomb += "]\n";
  }
  EXPECT_NE(import_error(bomb), "");
}

}  // namespace
}  // namespace preflight::apigateway::openapi
