#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/apigateway/openapi/openapi.h"

// Shared state and type-checked readers for the import steps. Every reader checks the JSON type
// before use and records a problem instead of throwing, so wrong types anywhere in a hostile
// document end as one ImportError listing them, never as a json exception.
namespace preflight::apigateway::openapi::detail {

// What a security scheme means to API Gateway.
struct SecurityScheme {
  enum class Kind { ApiKey, Authorizer, Iam, Unsupported } kind = Kind::Unsupported;
  std::string authorizer_type;  // TOKEN | REQUEST | COGNITO_USER_POOLS when kind == Authorizer
};

struct ImportContext {
  const Json& doc;
  bool swagger2 = false;
  ImportedApi& out;
  std::vector<std::string> errors;
  std::map<std::string, SecurityScheme> schemes;
  const Json* root_security = nullptr;
  std::string default_validator;  // x-amazon-apigateway-request-validator at the root

  void error(std::string message) { errors.push_back(std::move(message)); }
  void warn(std::string message) { out.warnings.push_back(std::move(message)); }

  // Follows local "$ref": "#/a/b" chains (bounded, so cycles end); nullptr and a problem recorded
  // when a reference cannot be followed. Non-references come back as they are.
  const Json* resolve(const Json& value, const std::string& where);
};

// obj[key] when obj is an object holding key, else nullptr.
const Json* member(const Json& obj, std::string_view key);

// Typed optional members: absent -> nullopt/nullptr silently; present with the wrong type ->
// nullopt/nullptr and an error "<where>.<key> must be ...".
std::optional<std::string> string_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                         const std::string& where);
// Also accepts a number written where API Gateway wants text (statusCode: 200).
std::optional<std::string> text_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                       const std::string& where);
std::optional<bool> bool_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                const std::string& where);
// An integer, or digits in a string (YAML files often quote numbers).
std::optional<long long> int_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                    const std::string& where);
const Json* object_member(ImportContext& ctx, const Json& obj, std::string_view key,
                          const std::string& where);
const Json* array_member(ImportContext& ctx, const Json& obj, std::string_view key,
                         const std::string& where);
// A list of strings (a non-string element is an error).
std::optional<Json> string_list_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                       const std::string& where);
// A map of strings to strings (requestParameters, responseTemplates, ...).
std::optional<Json> string_map_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                      const std::string& where);

std::string to_upper(std::string_view s);

// The model name a schema "$ref" points at ("#/definitions/Book", "#/components/schemas/Book",
// or API Gateway's ".../models/Book"), or nullopt for an inline schema.
std::optional<std::string> model_ref_name(const Json& schema);

// The import steps, in the order import_definition runs them.
void import_api_fields(ImportContext& ctx);  // info, root x-amazon-apigateway-* extensions
void import_models(ImportContext& ctx);      // definitions / components.schemas
void import_gateway_responses(ImportContext& ctx);
void import_request_validators(ImportContext& ctx);
void import_security_schemes(ImportContext& ctx);  // -> authorizers and ctx.schemes
void import_paths(ImportContext& ctx);             // -> resources and methods

// Method fields from the security requirements that apply to an operation.
void apply_security(ImportContext& ctx, const Json& operation, Json& method,
                    const std::string& where);
// x-amazon-apigateway-integration -> Integration; nullopt (with errors) when unusable.
std::optional<Json> import_integration(ImportContext& ctx, const Json& ext,
                                       const std::string& where);

}  // namespace preflight::apigateway::openapi::detail
