#pragma once

#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "services/lambda/names.h"

// FunctionConfiguration documents: built from CreateFunction, changed by
// UpdateFunctionConfiguration, validated as Lambda validates them.
namespace preflight::lambda {

// $LATEST's configuration for a new function (State Active; the caller reports Pending).
Json new_configuration(const FunctionRef& ref, const Json& input);
// Applies UpdateFunctionConfiguration's members; a new RevisionId and LastModified.
void update_configuration(Json& config, const Json& input);
// Records new code: CodeSha256, CodeSize, a new RevisionId and LastModified.
void set_code(Json& config, std::string_view sha256, std::size_t size);

// Lambda's timestamp format: "2026-12-06T17:34:28.123+0000".
std::string lambda_timestamp();

// The configuration as a published version: Version "N" and a qualified FunctionArn.
Json as_version(const Json& latest, std::int64_t version, const std::string& description);
// The configuration as GetFunction shows it for a qualifier: unqualified requests get the
// unqualified ARN, qualified ones the ARN with their qualifier.
Json presented(Json config, const FunctionRef& ref);

}  // namespace preflight::lambda
