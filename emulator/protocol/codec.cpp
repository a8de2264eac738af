#include "emulator/protocol/codec.h"

#include "emulator/protocol/json_codec.h"
#include "emulator/protocol/query_codec.h"
#include "emulator/protocol/rest_json_codec.h"

namespace preflight::core {

Json decode_input(const AwsCall& call, const HttpRequest& request) {
  switch (call.protocol) {
    case Protocol::Json:
      return json_codec::decode(request);
    case Protocol::RestJson:
      return rest_json_codec::decode(*call.operation, request, call.labels, call.params);
    case Protocol::Query:
      return query_codec::decode(*call.service, call.operation, call.params);
  }
  return Json::object();
}

HttpResponse encode_output(const AwsCall& call, Json output, std::string_view request_id) {
  HttpResponse res;
  switch (call.protocol) {
    case Protocol::Json:
      res = json_codec::encode(*call.service, output);
      break;
    case Protocol::RestJson:
      res = rest_json_codec::encode(*call.operation, std::move(output));
      break;
    case Protocol::Query:
      res = query_codec::encode(*call.service, *call.operation, output, request_id);
      break;
  }
  res.headers.add("x-amzn-RequestId", std::string(request_id));
  return res;
}

HttpResponse encode_error(Protocol protocol, const ServiceInfo* service, const AwsError& error,
                          std::string_view request_id) {
  HttpResponse res;
  switch (protocol) {
    case Protocol::Json:
      res = json_codec::encode_error(service, error);
      break;
    case Protocol::RestJson:
      res = rest_json_codec::encode_error(error);
      break;
    case Protocol::Query:
      res = query_codec::encode_error(service, error, request_id);
      break;
  }
  res.headers.add("x-amzn-RequestId", std::string(request_id));
  return res;
}

AwsError unknown_operation_error(const AwsCall& call, const HttpRequest& request) {
  switch (call.protocol) {
    case Protocol::Query:
      return errors::invalid_action(call.operation_name);
    case Protocol::RestJson:
      return AwsError("UnknownOperationException",
                      "Unknown operation " + request.method + " " + request.path, 404);
    case Protocol::Json:
      break;
  }
  return errors::unknown_operation(call.operation_name);
}

}  // namespace preflight::core
