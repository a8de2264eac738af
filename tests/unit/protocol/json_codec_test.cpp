#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/protocol/json_body.h"
#include "emulator/protocol/json_codec.h"
#include "emulator/service/aws_error.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::core {
namespace {

using testing::thrown_aws_error;

std::string nested_arrays(int depth) {
  return "{\"a\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

TEST(ParseJsonObject, EmptyAndWhitespaceBodiesAreEmptyObjects) {
  for (const std::string body : {"", " ", "\t\r\n  ", "\n"}) {
    SCOPED_TRACE("body: '" + body + "'");
    const Json value = parse_json_object(body);
    EXPECT_TRUE(value.is_object());
    EXPECT_TRUE(value.empty());
  }
}

TEST(ParseJsonObject, ParsesObjects) {
  const Json value = parse_json_object(R"({"QueueName":"q","Attributes":{"A":"1"},"N":[1,2]})");
  EXPECT_EQ(value, Json::parse(R"({"QueueName":"q","Attributes":{"A":"1"},"N":[1,2]})"));
  EXPECT_EQ(parse_json_object("  {}  "), Json::object());
}

TEST(ParseJsonObject, RejectsMalformedAndNonObjectBodies) {
  const std::vector<std::string> bodies = {
      "{", "{\"a\":}", "{\"a\" 1}", "{} trailing", "not json", "[]", "[1,2]",
      "1", "\"text\"", "null",      "true",        "{'a':1}",  "}",
  };
  for (const auto& body : bodies) {
    SCOPED_TRACE("body: " + body);
    const AwsError e = thrown_aws_error([&] { parse_json_object(body); });
    EXPECT_EQ(e.code, "SerializationException");
    EXPECT_EQ(e.status, 400);
    EXPECT_TRUE(e.sender_fault);
  }
}

TEST(ParseJsonObject, AcceptsNestingUpToTheLimit) {
  // The outer object counts as one level.
  EXPECT_NO_THROW(parse_json_object(nested_arrays(kMaxJsonDepth - 1)));
}

TEST(ParseJsonObject, RejectsNestingBeyondTheLimit) {
  for (const int depth : {kMaxJsonDepth, kMaxJsonDepth * 10, 100000}) {
    SCOPED_TRACE(depth);
    const AwsError e = thrown_aws_error([&] { parse_json_object(nested_arrays(depth)); });
    EXPECT_EQ(e.code, "SerializationException");
    EXPECT_EQ(e.status, 400);
  }
}

// An attribute value with `levels` maps (or lists) around a string.
std::string nested_attribute(const std::string& collection, int levels) {
  std::string value = R"({"S":"leaf"})";
  for (int level = 0; level < levels; ++level) {
    value = collection == "M" ? R"({"M":{"a":)" + value + "}}" : R"({"L":[)" + value + "]}";
  }
  return value;
}

// DynamoDB accepts 31 nested maps or lists in an item, and answers ValidationException for more:
// both are DynamoDB's to judge, so BatchWriteItem's deepest valid item, and one a few levels past
// the limit, must get through the codec.
TEST(ParseJsonObject, LeavesDynamoDbNestingToDynamoDb) {
  for (const std::string collection : {"M", "L"}) {
    for (const int levels : {31, 40}) {
      SCOPED_TRACE(collection + std::to_string(levels));
      const std::string body =
          R"({"RequestItems":{"t":[{"PutRequest":{"Item":{"pk":{"S":"k"},"x":)" +
          nested_attribute(collection, levels) + "}}}]}}";
      EXPECT_NO_THROW(parse_json_object(body));
    }
  }
}

TEST(ParseJsonObject, BracketsInsideStringsDoNotCountTowardDepth) {
  const std::string deep_text(1000, '[');
  const Json value = parse_json_object("{\"a\":\"" + deep_text + "\"}");
  EXPECT_EQ(value["a"], deep_text);

  // An escaped quote does not end the string.
  const std::string escaped = "{\"a\":\"\\\"" + std::string(200, '{') + "\"}";
  EXPECT_EQ(parse_json_object(escaped)["a"], "\"" + std::string(200, '{'));

  // An escaped backslash does end before the closing quote.
  EXPECT_EQ(parse_json_object(R"({"a":"x\\","b":"[[["})")["b"], "[[[");
}

TEST(DumpJson, NeverThrowsOnInvalidUtf8) {
  const Json value = {{"k", std::string("ok\xff\xfe bad")}};
  std::string out;
  EXPECT_NO_THROW(out = dump_json(value));
  EXPECT_NE(out.find("ok"), std::string::npos);
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD replacement character
  // Valid UTF-8 passes through unchanged.
  EXPECT_EQ(dump_json(Json{{"k", "caf\xC3\xA9"}}), "{\"k\":\"caf\xC3\xA9\"}");
}

ServiceInfo json_service(std::string version, std::string error_namespace) {
  ServiceInfo s;
  s.name = "fake";
  s.protocols = {Protocol::Json};
  s.json_target_prefix = "Fake_20200101";
  s.json_version = std::move(version);
  s.json_error_namespace = std::move(error_namespace);
  return s;
}

TEST(JsonCodec, DecodeParsesTheBody) {
  HttpRequest req;
  req.body = R"({"TableName":"t"})";
  EXPECT_EQ(json_codec::decode(req), Json({{"TableName", "t"}}));
  req.body = "";
  EXPECT_EQ(json_codec::decode(req), Json::object());
  req.body = "[";
  EXPECT_EQ(thrown_aws_error([&] { json_codec::decode(req); }).code, "SerializationException");
}

TEST(JsonCodec, EncodeUsesTheServiceJsonVersion) {
  struct Case {
    std::string version;
    std::string content_type;
  };
  for (const auto& c : std::vector<Case>{{"1.0", "application/x-amz-json-1.0"},
                                         {"1.1", "application/x-amz-json-1.1"}}) {
    const auto service = json_service(c.version, "");
    const auto res = json_codec::encode(service, Json{{"QueueUrl", "http://x/q"}});
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.headers.get_or("content-type"), c.content_type);
    EXPECT_EQ(Json::parse(res.body), Json({{"QueueUrl", "http://x/q"}}));
  }
  const auto service = json_service("1.0", "");
  EXPECT_EQ(json_codec::encode(service, Json::object()).body, "{}");
}

TEST(JsonCodec, EncodeErrorWritesTypeMessageAndStatus) {
  const auto service = json_service("1.1", "com.amazonaws.fake#");
  const AwsError error("ResourceNotFoundException", "Table \"t\" not found", 404);
  const auto res = json_codec::encode_error(&service, error);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get_or("content-type"), "application/x-amz-json-1.1");
  EXPECT_EQ(res.headers.get_or("x-amzn-errortype"), "ResourceNotFoundException");
  const Json body = Json::parse(res.body);
  EXPECT_EQ(body, Json({{"__type", "com.amazonaws.fake#ResourceNotFoundException"},
                        {"message", "Table \"t\" not found"}}));
}

TEST(JsonCodec, EncodeErrorWithoutAService) {
  const auto res = json_codec::encode_error(nullptr, errors::not_implemented_service("nope"));
  EXPECT_EQ(res.status, 501);
  EXPECT_EQ(res.headers.get_or("content-type"), "application/x-amz-json-1.0");
  const Json body = Json::parse(res.body);
  EXPECT_EQ(body["__type"], "NotImplemented");
  EXPECT_EQ(body["message"], "Preflight does not emulate the service 'nope'");
}

TEST(JsonCodec, EncodeErrorNeverThrowsOnInvalidUtf8InTheMessage) {
  const AwsError error("ValidationException", std::string("bad \xC3 name"));
  HttpResponse res;
  EXPECT_NO_THROW(res = json_codec::encode_error(nullptr, error));
  EXPECT_EQ(Json::parse(res.body)["__type"], "ValidationException");
}

}  // namespace
}  // namespace preflight::core
