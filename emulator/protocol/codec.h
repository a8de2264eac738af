#pragma once

#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"
#include "emulator/router/router.h"
#include "emulator/service/aws_error.h"

// One entry point over the three protocol codecs, chosen by the routed call's protocol.
namespace preflight::core {

Json decode_input(const AwsCall& call, const HttpRequest& request);
HttpResponse encode_output(const AwsCall& call, Json output, std::string_view request_id);
HttpResponse encode_error(Protocol protocol, const ServiceInfo* service, const AwsError& error,
                          std::string_view request_id);
// The error for a call whose service is known but whose operation is not, in its protocol.
AwsError unknown_operation_error(const AwsCall& call, const HttpRequest& request);

}  // namespace preflight::core
