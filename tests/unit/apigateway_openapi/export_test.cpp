#include <gtest/gtest.h>

#include <map>

#include "tests/unit/apigateway_openapi/openapi_test_support.h"

namespace preflight::apigateway::openapi {
namespace {

using testing::read_test_file;

// What the service would hold after importing: ids assigned, names resolved to ids.
ExportInput stored_form(const ImportedApi& imported) {
  ExportInput in;
  in.api = imported.api;
  in.api["id"] = "abc123defg";
  in.stage_name = "beta";
  in.host = "abc123defg.execute-api.us-east-1.amazonaws.com";
  in.gateway_responses = imported.gateway_responses;
  in.models = imported.models;
  std::map<std::string, std::string> authorizer_ids;
  for (const Json& a : imported.authorizers) {
    Json stored = a;
    stored["id"] = "auth" + std::to_string(authorizer_ids.size());
    authorizer_ids[a["name"]] = stored["id"];
    in.authorizers.push_back(stored);
  }
  std::map<std::string, std::string> validator_ids;
  for (const auto& [name, v] : imported.request_validators.items()) {
    Json stored = v;
    stored["id"] = "val" + std::to_string(validator_ids.size());
    validator_ids[name] = stored["id"];
    in.request_validators.push_back(stored);
  }
  for (const auto& r : imported.resources) {
    Json methods = Json::object();
    for (const auto& [verb, original] : r.methods.items()) {
      Json method = original;
      if (method.contains("authorizerName")) {
        method["authorizerId"] = authorizer_ids[method["authorizerName"]];
        method.erase("authorizerName");
      }
      if (method.contains("requestValidatorName")) {
        method["requestValidatorId"] = validator_ids[method["requestValidatorName"]];
        method.erase("requestValidatorName");
      }
      methods[verb] = method;
    }
    in.resources.push_back({{"id", "res" + std::to_string(in.resources.size())},
                            {"path", r.path},
                            {"resourceMethods", methods}});
  }
  return in;
}

std::map<std::string, Json> authorizers_by_name(const ImportedApi& api) {
  std::map<std::string, Json> out;
  for (const Json& a : api.authorizers) {
    out[a["name"]] = a;
  }
  return out;
}

// Everything import produced must come back from importing the export.
void expect_same_import(const ImportedApi& a, const ImportedApi& b, bool same_dialect) {
  ASSERT_EQ(a.resources.size(), b.resources.size());
  for (std::size_t i = 0; i < a.resources.size(); ++i) {
    EXPECT_EQ(a.resources[i].path, b.resources[i].path);
    EXPECT_EQ(a.resources[i].methods, b.resources[i].methods) << a.resources[i].path;
  }
  EXPECT_EQ(authorizers_by_name(a), authorizers_by_name(b));
  EXPECT_EQ(a.gateway_responses, b.gateway_responses);
  EXPECT_EQ(a.request_validators, b.request_validators);
  for (const char* key : {"name", "description", "version", "binaryMediaTypes", "apiKeySource",
                          "minimumCompressionSize", "tags"}) {
    EXPECT_EQ(a.api.value(key, Json()), b.api.value(key, Json())) << key;
  }
  ASSERT_EQ(a.models.size(), b.models.size());
  if (same_dialect) {
    EXPECT_EQ(a.models, b.models);
  }
  EXPECT_TRUE(b.warnings.empty()) << b.warnings.front();
}

class ExportBooks : public ::testing::Test {
 protected:
  ImportedApi imported = import_definition(read_test_file("books_oas3.yaml"));
  ExportInput stored = stored_form(imported);
};

TEST_F(ExportBooks, OpenApi3Document) {
  const Json doc = export_definition(stored, ExportFormat::OpenApi3, "apigateway");
  EXPECT_EQ(doc["openapi"], "3.0.1");
  EXPECT_EQ(doc["info"], Json::parse(R"({"title": "Books API",
      "description": "A small library behind API Gateway", "version": "2024-05-01"})"));
  EXPECT_EQ(doc["servers"], Json::parse(R"([{
      "url": "https://abc123defg.execute-api.us-east-1.amazonaws.com/{basePath}",
      "variables": {"basePath": {"default": "beta"}}}])"));
  EXPECT_EQ(doc["paths"].size(), 3U);  // "/" has no methods
  const Json& list = doc["paths"]["/books"]["get"];
  EXPECT_EQ(list["operationId"], "listBooks");
  EXPECT_EQ(list["security"],
            Json::parse(R"([{"BooksCognito": ["books/read"]}, {"api_key": []}])"));
  EXPECT_EQ(list["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/BookList");
  EXPECT_EQ(list["x-amazon-apigateway-integration"]["type"], "aws_proxy");
  EXPECT_TRUE(doc["paths"]["/{proxy+}"].contains("x-amazon-apigateway-any-method"));
  EXPECT_EQ(doc["paths"]["/books/{id}"]["delete"]["security"], Json::parse(R"([{"sigv4": []}])"));
  const Json& schemes = doc["components"]["securitySchemes"];
  EXPECT_EQ(schemes["BooksCognito"]["x-amazon-apigateway-authorizer"]["type"],
            "cognito_user_pools");
  EXPECT_EQ(schemes["api_key"], Json::parse(R"({"type": "apiKey", "name": "x-api-key",
      "in": "header"})"));
  EXPECT_EQ(schemes["sigv4"]["x-amazon-apigateway-authtype"], "awsSigv4");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Book"));
  EXPECT_EQ(doc["x-amazon-apigateway-binary-media-types"].size(), 2U);
  EXPECT_TRUE(doc["x-amazon-apigateway-gateway-responses"].contains("DEFAULT_4XX"));
}

TEST_F(ExportBooks, Swagger2Document) {
  const Json doc = export_definition(stored, ExportFormat::Swagger2, "integrations");
  EXPECT_EQ(doc["swagger"], "2.0");
  EXPECT_EQ(doc["host"], "abc123defg.execute-api.us-east-1.amazonaws.com");
  EXPECT_EQ(doc["basePath"], "/beta");
  EXPECT_EQ(doc["schemes"], Json::parse(R"(["https"])"));
  const Json& put = doc["paths"]["/books/{id}"]["put"];
  EXPECT_EQ(put["consumes"], Json::parse(R"(["application/json"])"));
  bool has_body = false;
  for (const Json& p : put["parameters"]) {
    has_body = has_body || (p["in"] == "body" && p["schema"]["$ref"] == "#/definitions/Book");
  }
  EXPECT_TRUE(has_body) << put.dump(2);
  EXPECT_EQ(Json::parse(R"({"name": "id", "in": "path", "required": true, "type": "string"})"),
            doc["paths"]["/books/{id}"]["get"]["parameters"][0]);
  // "integrations" without "authorizers": schemes carry no authorizer extension.
  EXPECT_FALSE(
      doc["securityDefinitions"]["BooksCognito"].contains("x-amazon-apigateway-authorizer"));
  EXPECT_EQ(doc["definitions"]["BookList"]["items"]["$ref"], "#/definitions/Book");
}

TEST_F(ExportBooks, WithoutExtensionsThereAreNoApiGatewayExtensions) {
  const Json doc = export_definition(stored, ExportFormat::OpenApi3, "");
  const std::string text = doc.dump();
  EXPECT_EQ(text.find("x-amazon-apigateway-integration"), std::string::npos);
  EXPECT_EQ(text.find("x-amazon-apigateway-authorizer"), std::string::npos);
  EXPECT_EQ(text.find("x-amazon-apigateway-gateway-responses"), std::string::npos);
  const Json authorizers_only = export_definition(stored, ExportFormat::OpenApi3, "authorizers");
  EXPECT_TRUE(authorizers_only["components"]["securitySchemes"]["BooksAuthorizer"].contains(
      "x-amazon-apigateway-authorizer"));
  EXPECT_EQ(authorizers_only.dump().find("x-amazon-apigateway-integration"), std::string::npos);
}

TEST_F(ExportBooks, RoundTripsThroughOpenApi3) {
  const Json doc = export_definition(stored, ExportFormat::OpenApi3, "apigateway");
  expect_same_import(imported, import_definition(doc.dump()), true);
}

TEST_F(ExportBooks, RoundTripsThroughSwagger2) {
  const Json doc = export_definition(stored, ExportFormat::Swagger2, "apigateway");
  expect_same_import(imported, import_definition(doc.dump()), false);
}

TEST_F(ExportBooks, RoundTripsThroughYaml) {
  const Json doc = export_definition(stored, ExportFormat::OpenApi3, "apigateway");
  expect_same_import(imported, import_definition(to_yaml(doc)), true);
}

TEST(ExportRoundTrip, Swagger2BooksThroughBothDialects) {
  const ImportedApi imported = import_definition(read_test_file("books_swagger2.yaml"));
  const ExportInput stored = stored_form(imported);
  for (const auto format : {ExportFormat::Swagger2, ExportFormat::OpenApi3}) {
    const Json doc = export_definition(stored, format, "apigateway");
    expect_same_import(imported, import_definition(to_yaml(doc)), format == ExportFormat::Swagger2);
  }
}

TEST(Export, ChildlessResourcesWithoutMethodsKeepAnEmptyPathItem) {
  const ImportedApi imported =
      import_definition(R"({"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
      "paths": {"/a/b": {}, "/a-b": {}, "/c/d": {"get": {}}}})");
  const Json doc = export_definition(stored_form(imported), ExportFormat::OpenApi3, "");
  EXPECT_EQ(doc["paths"], Json::parse(R"({"/a/b": {}, "/a-b": {}, "/c/d": {"get": {
      "responses": {}}}})"));
  expect_same_import(imported, import_definition(doc.dump()), true);
}

TEST(Export, VersionDefaultsToTheCreationDate) {
  ExportInput in;
  in.api = {{"id", "x"}, {"name", "n"}, {"createdDate", 1704067200}};
  in.stage_name = "prod";
  const Json doc = export_definition(in, ExportFormat::OpenApi3, "");
  EXPECT_EQ(doc["info"]["version"], "2024-01-01T00:00:00Z");
  EXPECT_TRUE(doc["paths"].empty());
}

TEST(Export, ApiGatewayModelReferencesAreRewritten) {
  ExportInput in;
  in.api = {{"name", "n"}};
  in.models["Pair"] = {
      {"name", "Pair"},
      {"schema",
       R"({"type": "array", "items": {"$ref": "https://apigateway.amazonaws.com/restapis/abc/models/Item"}})"}};
  in.models["Item"] = {{"name", "Item"}, {"schema", "not json"}};
  const Json doc = export_definition(in, ExportFormat::OpenApi3, "");
  EXPECT_EQ(doc["components"]["schemas"]["Pair"]["items"]["$ref"], "#/components/schemas/Item");
  EXPECT_EQ(doc["components"]["schemas"]["Item"], Json::object());
}

}  // namespace
}  // namespace preflight::apigateway::openapi
