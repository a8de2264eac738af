#pragma once

#include <string>

#include "services/apigateway/openapi/openapi.h"

// Shared by the export steps (export.cpp writes the document, export_paths.cpp its paths).
namespace preflight::apigateway::openapi::detail {

struct ExportContext {
  const ExportInput& in;
  ExportFormat format;
  bool integrations = false;  // x-amazon-apigateway-integration and the API-wide extensions
  bool authorizers = false;   // x-amazon-apigateway-authorizer on security schemes
  bool uses_api_key = false;  // set while writing paths: some method needs the api_key scheme
  bool uses_sigv4 = false;    // ... or the sigv4 (AWS_IAM) scheme

  bool swagger2() const { return format == ExportFormat::Swagger2; }
  // "#/definitions/Book" or "#/components/schemas/Book".
  std::string model_ref(const std::string& model) const;
  // The authorizer's name for a method's authorizerId (or its authorizerName); "" if unknown.
  std::string authorizer_name(const Json& method) const;
  std::string validator_name(const Json& method) const;
};

// obj[key] when both are objects, else an empty object; a reference, so loops over its items()
// never outlive a temporary.
const Json& object_at(const Json& obj, const char* key);

// {"/books": {"get": {...}}, ...}
Json export_paths(ExportContext& ctx);

}  // namespace preflight::apigateway::openapi::detail
