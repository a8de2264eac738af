#pragma once

#include <map>
#include <optional>
#include <string>

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"

// The Lambda proxy integration's contract (payload format 1.0): the event a handler receives and
// the answer it must give back.
namespace preflight::apigateway {

struct ProxyRequest {
  const HttpRequest& http;
  std::string path;           // the API path, without the stage ("/books/1"), percent-decoded
  std::string resource_path;  // "/books/{id}"
  const std::map<std::string, std::string>& path_parameters;
  const Json& stage_variables;  // object; empty -> null in the event
  const Json& request_context;  // built by the data plane ($context without error/status)
  bool binary_body = false;     // the Content-Type is one of the API's binary media types
};

Json proxy_event(const ProxyRequest& request);

// The handler's answer as an HTTP response, or nullopt when it is malformed (API Gateway then
// answers 502). decode_binary: an isBase64Encoded body is turned back into bytes.
std::optional<HttpResponse> proxy_response(const std::string& payload, bool decode_binary);

// Does a media type match one of binaryMediaTypes ("image/png", "image/*", "*/*")?
bool is_binary_media_type(std::string_view content_type, const Json& binary_media_types);

}  // namespace preflight::apigateway
