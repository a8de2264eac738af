#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/http_message.h"

// Which API and stage an execute-api request is for, from the URL forms users bring from other
// tools:
//   http://{apiId}.execute-api.localhost:PORT/{stage}/{path}   (any host "{apiId}.execute-api.*",
//                                                              e.g. *.localhost.localstack.cloud)
//   http://localhost:PORT/_aws/execute-api/{apiId}/{stage}/{path}
//   http://localhost:PORT/restapis/{apiId}/{stage}/_user_request_/{path}
// Custom domains are resolved by the data plane, which knows the registered names.
namespace preflight::apigateway {

struct InvokeTarget {
  std::string api_id;
  std::string stage;
  std::string path;  // as received (percent-encoded), starting with '/'
};

std::optional<InvokeTarget> parse_invoke_target(const HttpRequest& request);

// The Host header without its port, lower-case.
std::string host_name(const HttpRequest& request);

// Splits a raw path "/a/b/c" after its first segment: {"a", "/b/c"}; {"a", "/"} for "/a".
std::pair<std::string, std::string> first_segment(std::string_view path);

}  // namespace preflight::apigateway
