#pragma once

#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/service.h"

// awsJson 1.0 / 1.1: POST /, X-Amz-Target names the operation, the body is the input.
namespace preflight::core::json_codec {

Json decode(const HttpRequest& request);
HttpResponse encode(const ServiceInfo& service, const Json& output);
HttpResponse encode_error(const ServiceInfo* service, const AwsError& error);

}  // namespace preflight::core::json_codec
