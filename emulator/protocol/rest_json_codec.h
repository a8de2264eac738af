#pragma once

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"
#include "emulator/common/strings.h"
#include "emulator/router/uri_template.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/service.h"

// rest-json: method + URI template; members bound to path labels, query strings, headers, the
// status code or a raw payload; everything else travels in a JSON body.
namespace preflight::core::rest_json_codec {

Json decode(const Operation& operation, const HttpRequest& request, const PathLabels& labels,
            const FormParams& query);
HttpResponse encode(const Operation& operation, Json output);
HttpResponse encode_error(const AwsError& error);

}  // namespace preflight::core::rest_json_codec
