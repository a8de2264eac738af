// libFuzzer target: the HTTP request path, from raw bytes on a socket to the encoded response.
// The input is written to the real HttpServer (emulator/http, see loopback_server.h) over loopback,
// as any client's bytes arrive: Beast parses it (pipelined requests, chunked bodies, Expect:
// 100-continue, body limits), the Router picks a service and operation (X-Amz-Target, query form,
// rest-json URI templates, SigV4 credential scope), the protocol codecs decode the input (JSON,
// rest-json labels/query/headers/payload, query form with its list and map rules) and encode it
// back as the output, or the error. Handlers are not called: the router and codecs read only the
// tables below, which mirror the features the real services' tables use. A crash, a sanitizer
// report, an exception escaping, or a request left unanswered (the -timeout) is a finding.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "emulator/common/sigv4.h"
#include "emulator/protocol/codec.h"
#include "emulator/router/router.h"
#include "emulator/service/registry.h"
#include "emulator/service/rest_operation.h"
#include "fuzz/loopback_server.h"

namespace {

namespace asio = boost::asio;
namespace core = preflight::core;
using preflight::HttpRequest;
using preflight::HttpResponse;
using Kind = core::QueryRule::Kind;

core::QueryRule map_rule(std::string wire, std::string member, std::string key = "Name",
                         std::string value = "Value") {
  core::QueryRule rule{Kind::Map, std::move(wire), std::move(member)};
  rule.key_name = std::move(key);
  rule.value_name = std::move(value);
  return rule;
}

core::ServiceInfo json_service() {
  core::ServiceInfo s;
  s.name = "dynamodb";
  s.signing_name = "dynamodb";
  s.protocols = {core::Protocol::Json};
  s.json_target_prefix = "DynamoDB_20120810";
  s.json_error_namespace = "com.amazonaws.dynamodb.v20120810#";
  s.operations = {{"PutItem", {}}, {"GetItem", {}}, {"Query", {}}};
  return s;
}

// JSON and query, with flattened maps and lists, integers and a per-operation rule (SQS).
core::ServiceInfo json_and_query_service() {
  core::ServiceInfo s;
  s.name = "sqs";
  s.signing_name = "sqs";
  s.protocols = {core::Protocol::Json, core::Protocol::Query};
  s.json_target_prefix = "AmazonSQS";
  s.json_error_namespace = "com.amazonaws.sqs#";
  s.query_version = "2012-11-05";
  s.xml_namespace = "http://queue.amazonaws.com/doc/2012-11-05/";
  s.query_rules = {map_rule("Attribute", "Attributes"),
                   map_rule("MessageAttribute", "MessageAttributes"),
                   {Kind::List, "AttributeName", "AttributeNames"},
                   {Kind::List, "SendMessageBatchRequestEntry", "Entries"},
                   {Kind::Integer, "DelaySeconds"},
                   {Kind::Integer, "WaitTimeSeconds"}};
  core::Operation tag{"TagQueue", {}};
  tag.query_rules = {map_rule("Tag", "Tags", "Key", "Value")};
  s.operations = {{"SendMessage", {}}, {"SendMessageBatch", {}}, {"ReceiveMessage", {}}, tag};
  return s;
}

// Query only, with entry-wrapped maps, booleans and timestamps (STS, IAM-style).
core::ServiceInfo query_service() {
  core::ServiceInfo s;
  s.name = "sts";
  s.signing_name = "sts";
  s.protocols = {core::Protocol::Query};
  s.query_version = "2011-06-15";
  s.xml_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
  auto tags = map_rule("Tags", "Tags", "key", "value");
  tags.flattened = false;
  s.query_rules = {tags,
                   {Kind::Boolean, "Enabled"},
                   {Kind::Timestamp, "Expiration"},
                   {Kind::Integer, "DurationSeconds"}};
  s.operations = {{"GetCallerIdentity", {}}, {"AssumeRole", {}}};
  return s;
}

// rest-json: labels, a greedy label, query strings of each type, headers, a raw payload and a
// status code (Lambda, API Gateway).
core::ServiceInfo rest_json_service() {
  using namespace core::rest;
  using core::Location;
  using core::ValueType;
  core::ServiceInfo s;
  s.name = "lambda";
  s.signing_name = "lambda";
  s.protocols = {core::Protocol::RestJson};
  s.body_limit = 1024;
  const std::string fn = "/2015-03-31/functions/{FunctionName}";
  s.operations = {
      op("ListFunctions", {}, "GET", "/2015-03-31/functions", 200,
         {query("Marker", "Marker"), query("MaxItems", "MaxItems", ValueType::Integer),
          query("All", "all", ValueType::Boolean), query("Ids", "id", ValueType::StringList)}),
      op("GetFunction", {}, "GET", fn, 200, {query("Qualifier", "Qualifier")}),
      op("DeleteFunction", {}, "DELETE", fn, 204),
      op("Invoke", {}, "POST", fn + "/invocations", 200,
         {header("InvocationType", "X-Amz-Invocation-Type"), payload("Payload")},
         {{"StatusCode", Location::StatusCode, ""},
          header("LogResult", "X-Amz-Log-Result"),
          payload("Payload")}),
      op("TagResource", {}, "POST", "/tags/{ResourceArn+}", 204),
      op("CreateStage", {}, "POST", "/restapis/{restapi_id}/stages", 201),
  };
  s.operations.back().body_limit = 64;
  return s;
}

// The SigV4 credential scope's service, as the Application reads it; the view lives as long as
// the parse result, so callers keep sigv4::parse's temporary for the whole call.
std::string_view scope_of(const preflight::sigv4::ParseResult& auth) {
  if (const auto* a = std::get_if<preflight::sigv4::Authorization>(&auth)) {
    return a->credential.service;
  }
  return {};
}

HttpResponse respond(const core::Route& route, const HttpRequest& request) {
  constexpr std::string_view kRequestId = "fuzz-request";
  switch (route.kind) {
    case core::Route::Kind::Internal:
    case core::Route::Kind::Raw:
      return HttpResponse{};
    case core::Route::Kind::Error:
      return core::encode_error(route.call.protocol, route.call.service, *route.error, kRequestId);
    case core::Route::Kind::Aws:
      break;
  }
  const auto& call = route.call;
  try {
    if (call.operation == nullptr) {
      throw core::unknown_operation_error(call, request);
    }
    return core::encode_output(call, core::decode_input(call, request), kRequestId);
  } catch (const core::AwsError& error) {
    return core::encode_error(call.protocol, call.service, error, kRequestId);
  }
}

std::uint16_t start_server() {
  static core::Registry registry;
  registry.add(json_service());
  registry.add(json_and_query_service());
  registry.add(query_service());
  registry.add(rest_json_service());
  core::RawRoute raw;
  raw.name = "execute-api";
  raw.matches = [](const HttpRequest& r) { return r.path.starts_with("/restapis/raw/"); };
  registry.add_raw_route(std::move(raw));
  static const core::Router router(registry);

  preflight::fuzz::SyncHandler handler;
  handler.body_limit = [](const HttpRequest& head) {
    return router.body_limit(head, scope_of(preflight::sigv4::parse(head)));
  };
  handler.too_large = [](const HttpRequest& head, std::size_t limit) {
    const auto route = router.route(head, scope_of(preflight::sigv4::parse(head)));
    return core::encode_error(route.call.protocol, route.call.service,
                              core::errors::request_entity_too_large(limit), "fuzz-request");
  };
  handler.handle = [](const HttpRequest& request) {
    return respond(router.route(request, scope_of(preflight::sigv4::parse(request))), request);
  };
  return preflight::fuzz::start_loopback_server(std::move(handler), 8 * 1024);
}

}  // namespace

// Asynchronous on a private io_context: libFuzzer's timeout alarm interrupts blocking socket calls
// (EINTR), which the reactor retries for us.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::uint16_t port = start_server();
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  std::string responses;
  const auto read_all = [&](boost::system::error_code, std::size_t) {
    boost::system::error_code ignored;
    socket.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    // Every response until the server closes: it must answer or close, never hang.
    asio::async_read(socket, asio::dynamic_buffer(responses),
                     [](boost::system::error_code, std::size_t) {});
  };
  socket.async_connect({asio::ip::make_address("127.0.0.1"), port},
                       [&](boost::system::error_code ec) {
                         if (!ec) {
                           asio::async_write(socket, asio::buffer(data, size), read_all);
                         }
                       });
  io.run();
  return 0;
}
