#include "emulator/protocol/json_codec.h"

#include "emulator/protocol/json_body.h"

namespace preflight::core::json_codec {
namespace {

std::string content_type(const ServiceInfo* service) {
  return "application/x-amz-json-" + (service != nullptr ? service->json_version : "1.0");
}

}  // namespace

Json decode(const HttpRequest& request) {
  return parse_json_object(request.body);
}

HttpResponse encode(const ServiceInfo& service, const Json& output) {
  HttpResponse res;
  res.headers.add("Content-Type", content_type(&service));
  res.body = output.is_null() ? "{}" : dump_json(output);
  return res;
}

HttpResponse encode_error(const ServiceInfo* service, const AwsError& error) {
  HttpResponse res;
  res.status = error.status;
  res.headers.add("Content-Type", content_type(service));
  res.headers.add("x-amzn-ErrorType", error.code);
  if (!error.query_code.empty()) {
    res.headers.add("x-amzn-query-error",
                    error.query_code + (error.sender_fault ? ";Sender" : ";Receiver"));
  }
  const std::string ns = service != nullptr ? service->json_error_namespace : "";
  Json body{{"__type", ns + error.code}, {"message", error.message}};
  body.update(error.details);
  res.body = dump_json(body);
  return res;
}

}  // namespace preflight::core::json_codec
