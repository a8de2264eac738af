#pragma once

#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"
#include "emulator/common/strings.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/service.h"

// The query protocol: form-encoded parameters in ("Attribute.1.Name=..."), XML out.
namespace preflight::core::query_codec {

// Builds the JSON input from form parameters: dotted keys nest, numbered segments become lists,
// "member" / "entry" wrappers unwrap, and the service's QueryRules rename members, turn
// flattened Name/Value pairs into maps and convert integers and booleans (the operation's own
// rules, when it has any, take precedence over the service's). Action and Version are
// dropped.
Json decode(const ServiceInfo& service, const Operation* operation, const FormParams& params);

// <OpResponse xmlns><OpResult>...</OpResult><ResponseMetadata><RequestId/></...></OpResponse>;
// a null output (an operation without an output shape) has no OpResult.
HttpResponse encode(const ServiceInfo& service, const Operation& operation, const Json& output,
                    std::string_view request_id);
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
HttpResponse encode_error(const ServiceInfo* service, const AwsError& error,
                          std::string_view request_id);

}  // namespace preflight::core::query_codec
