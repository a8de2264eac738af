#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/protocol/codec.h"
#include "emulator/service/aws_error.h"

namespace preflight::core {
namespace {

ServiceInfo fake_service() {
  ServiceInfo s;
  s.name = "fake";
  s.protocols = {Protocol::Json, Protocol::RestJson, Protocol::Query};
  s.json_target_prefix = "Fake_20200101";
  s.json_version = "1.1";
  s.json_error_namespace = "com.amazonaws.fake#";
  s.query_version = "2020-01-01";
  s.xml_namespace = "https://fake.amazonaws.com/doc/2020-01-01/";
  Operation op;
  op.name = "DoThing";
  op.rest.method = "POST";
  op.rest.uri = "/things/{Id}";
  op.rest.success_status = 201;
  s.operations.push_back(std::move(op));
  s.index();
  return s;
}

AwsCall call_for(const ServiceInfo& service, Protocol protocol) {
  AwsCall call;
  call.service = &service;
  call.protocol = protocol;
  call.operation = service.find("DoThing");
  call.operation_name = "DoThing";
  return call;
}

const std::vector<Protocol> kAllProtocols = {Protocol::Json, Protocol::RestJson, Protocol::Query};

TEST(Codec, EncodeOutputAddsTheRequestIdForEveryProtocol) {
  const auto service = fake_service();
  ASSERT_NE(service.find("DoThing"), nullptr);
  for (const auto protocol : kAllProtocols) {
    SCOPED_TRACE(std::string(protocol_name(protocol)));
    const auto res = encode_output(call_for(service, protocol), Json{{"Id", "t1"}}, "req-42");
    EXPECT_EQ(res.headers.get_or("x-amzn-RequestId"), "req-42");
    EXPECT_FALSE(res.body.empty());
  }
}

TEST(Codec, EncodeOutputPicksTheProtocolsCodec) {
  const auto service = fake_service();
  const Json output = {{"Id", "t1"}};

  const auto json = encode_output(call_for(service, Protocol::Json), output, "r");
  EXPECT_EQ(json.status, 200);
  EXPECT_EQ(json.headers.get_or("content-type"), "application/x-amz-json-1.1");
  EXPECT_EQ(Json::parse(json.body), output);

  const auto rest = encode_output(call_for(service, Protocol::RestJson), output, "r");
  EXPECT_EQ(rest.status, 201);
  EXPECT_EQ(Json::parse(rest.body), output);

  const auto query = encode_output(call_for(service, Protocol::Query), output, "r");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(query.body.c_str())) << query.body;
  EXPECT_STREQ(doc.document_element().name(), "DoThingResponse");
  EXPECT_STREQ(doc.document_element().child("DoThingResult").child_value("Id"), "t1");
  EXPECT_STREQ(doc.document_element().child("ResponseMetadata").child_value("RequestId"), "r");
}

TEST(Codec, EncodeErrorAddsTheRequestIdForEveryProtocol) {
  const auto service = fake_service();
  const AwsError error("ThingNotFound", "no such thing", 404);
  for (const auto protocol : kAllProtocols) {
    for (const ServiceInfo* s : {&service, static_cast<const ServiceInfo*>(nullptr)}) {
      SCOPED_TRACE(std::string(protocol_name(protocol)) + (s ? " with service" : " without"));
      const auto res = encode_error(protocol, s, error, "req-7");
      EXPECT_EQ(res.status, 404);
      EXPECT_EQ(res.headers.get_or("x-amzn-RequestId"), "req-7");
    }
  }
}

TEST(Codec, EncodeErrorPicksTheProtocolsShape) {
  const auto service = fake_service();
  const AwsError error("ThingNotFound", "no such thing", 404);

  const auto json = encode_error(Protocol::Json, &service, error, "r");
  EXPECT_EQ(Json::parse(json.body)["__type"], "com.amazonaws.fake#ThingNotFound");

  const auto rest = encode_error(Protocol::RestJson, &service, error, "r");
  EXPECT_EQ(rest.headers.get_or("x-amzn-ErrorType"), "ThingNotFound");
  EXPECT_EQ(Json::parse(rest.body), Json({{"message", "no such thing"}}));

  const auto query = encode_error(Protocol::Query, &service, error, "r");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(query.body.c_str())) << query.body;
  EXPECT_STREQ(doc.document_element().child("Error").child_value("Code"), "ThingNotFound");
}

TEST(Codec, DecodeInputPicksTheProtocolsCodec) {
  const auto service = fake_service();
  HttpRequest req;
  req.method = "POST";
  req.path = "/things/t1";
  req.body = R"({"Name":"n"})";

  EXPECT_EQ(decode_input(call_for(service, Protocol::Json), req), Json({{"Name", "n"}}));

  auto rest_call = call_for(service, Protocol::RestJson);
  rest_call.labels = {{"Id", "t1"}};
  EXPECT_EQ(decode_input(rest_call, req), Json({{"Name", "n"}, {"Id", "t1"}}));

  auto query_call = call_for(service, Protocol::Query);
  query_call.params = {{"Action", "DoThing"}, {"Version", "2020-01-01"}, {"Name", "q"}};
  EXPECT_EQ(decode_input(query_call, req), Json({{"Name", "q"}}));
}

TEST(Codec, UnknownOperationErrorPerProtocol) {
  const auto service = fake_service();
  HttpRequest req;
  req.method = "GET";
  req.path = "/nowhere";
  struct Case {
    Protocol protocol;
    std::string code;
    int status;
  };
  const std::vector<Case> cases = {
      {Protocol::Query, "InvalidAction", 400},
      {Protocol::RestJson, "UnknownOperationException", 404},
      {Protocol::Json, "UnknownOperationException", 400},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(protocol_name(c.protocol)));
    auto call = call_for(service, c.protocol);
    call.operation = nullptr;
    call.operation_name = "Bogus";
    const AwsError e = unknown_operation_error(call, req);
    EXPECT_EQ(e.code, c.code);
    EXPECT_EQ(e.status, c.status);
    EXPECT_TRUE(e.sender_fault);
    if (c.protocol == Protocol::RestJson) {
      EXPECT_NE(e.message.find("GET /nowhere"), std::string::npos) << e.message;
    } else {
      EXPECT_NE(e.message.find("Bogus"), std::string::npos) << e.message;
    }
  }
}

}  // namespace
}  // namespace preflight::core
