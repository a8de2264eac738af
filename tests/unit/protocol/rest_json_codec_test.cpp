#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/protocol/rest_json_codec.h"
#include "emulator/service/aws_error.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::core {
namespace {

using testing::thrown_aws_error;

Operation rest_op(std::vector<Binding> input, std::vector<Binding> output = {},
                  int success_status = 200) {
  Operation op;
  op.name = "Op";
  op.rest.method = "GET";
  op.rest.uri = "/things/{Id}";
  op.rest.success_status = success_status;
  op.rest.input = std::move(input);
  op.rest.output = std::move(output);
  return op;
}

HttpRequest request_with_body(std::string body) {
  HttpRequest req;
  req.method = "POST";
  req.path = "/things/x";
  req.body = std::move(body);
  return req;
}

// ---------------------------------------------------------------- decode

TEST(RestJsonDecode, BodyMembersAndPathLabels) {
  const auto op = rest_op({});
  const auto req = request_with_body(R"({"Description":"d","Id":"from-body"})");
  const Json input = rest_json_codec::decode(op, req, {{"Id", "a:b"}, {"Stage", "prod"}}, {});
  // Labels win over a body member of the same name.
  EXPECT_EQ(input, Json({{"Description", "d"}, {"Id", "a:b"}, {"Stage", "prod"}}));
}

TEST(RestJsonDecode, EmptyBodyIsAnEmptyInput) {
  const auto op = rest_op({});
  EXPECT_EQ(rest_json_codec::decode(op, request_with_body(""), {}, {}), Json::object());
}

TEST(RestJsonDecode, QueryBindingsConvertByType) {
  const auto op = rest_op({
      {"Marker", Location::Query, "marker", ValueType::String},
      {"MaxItems", Location::Query, "maxItems", ValueType::Integer},
      {"Enabled", Location::Query, "enabled", ValueType::Boolean},
      {"Names", Location::Query, "name", ValueType::StringList},
      {"Absent", Location::Query, "absent", ValueType::String},
      {"AbsentList", Location::Query, "absentList", ValueType::StringList},
  });
  const FormParams query = {{"marker", "m 1"}, {"maxItems", "-25"}, {"enabled", "false"},
                            {"name", "a"},     {"other", "x"},      {"name", "b"}};
  const Json input = rest_json_codec::decode(op, request_with_body(""), {}, query);
  EXPECT_EQ(input, Json::parse(R"({"Marker":"m 1","MaxItems":-25,"Enabled":false,
                                   "Names":["a","b"]})"));
}

TEST(RestJsonDecode, RepeatedScalarQueryKeyTakesTheFirst) {
  const auto op = rest_op({{"MaxItems", Location::Query, "maxItems", ValueType::Integer}});
  const Json input = rest_json_codec::decode(op, request_with_body(""), {},
                                             {{"maxItems", "1"}, {"maxItems", "2"}});
  EXPECT_EQ(input["MaxItems"], 1);
}

TEST(RestJsonDecode, BadIntegerOrBooleanIsASerializationException) {
  struct Case {
    ValueType type;
    std::string text;
  };
  const std::vector<Case> cases = {
      {ValueType::Integer, "abc"},  {ValueType::Integer, "12x"},
      {ValueType::Integer, ""},     {ValueType::Integer, "1.5"},
      {ValueType::Integer, " 1"},   {ValueType::Integer, "99999999999999999999999"},
      {ValueType::Boolean, "TRUE"}, {ValueType::Boolean, "1"},
      {ValueType::Boolean, ""},     {ValueType::Boolean, "yes"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("text: '" + c.text + "'");
    const auto op = rest_op({{"V", Location::Query, "v", c.type}});
    const AwsError e = thrown_aws_error([&] {
      rest_json_codec::decode(op, request_with_body(""), {}, {{"v", c.text}});
    });
    EXPECT_EQ(e.code, "SerializationException");
    EXPECT_EQ(e.status, 400);
  }
}

TEST(RestJsonDecode, HeaderBindings) {
  const auto op = rest_op({
      {"Qualifier", Location::Header, "X-Amz-Qualifier", ValueType::String},
      {"Count", Location::Header, "x-amz-count", ValueType::Integer},
      {"Missing", Location::Header, "x-amz-missing", ValueType::String},
  });
  auto req = request_with_body("");
  req.headers.add("x-amz-qualifier", "prod");  // header names compare case-insensitively
  req.headers.add("X-Amz-Count", "7");
  const Json input = rest_json_codec::decode(op, req, {}, {});
  EXPECT_EQ(input, Json({{"Qualifier", "prod"}, {"Count", 7}}));

  req.headers.set("X-Amz-Count", "seven");
  EXPECT_EQ(thrown_aws_error([&] { rest_json_codec::decode(op, req, {}, {}); }).code,
            "SerializationException");
}

TEST(RestJsonDecode, PayloadBindingTakesTheRawBodyUnparsed) {
  const auto op = rest_op({
      {"Payload", Location::Payload, "", ValueType::String},
      {"Qualifier", Location::Query, "Qualifier", ValueType::String},
  });
  for (const std::string body : {R"({"key":"value"})", "not json at all {", "", "[1,2]"}) {
    SCOPED_TRACE(body);
    const Json input = rest_json_codec::decode(op, request_with_body(body), {{"FunctionName", "f"}},
                                               {{"Qualifier", "1"}});
    EXPECT_EQ(input, Json({{"Payload", body}, {"FunctionName", "f"}, {"Qualifier", "1"}}));
  }
}

TEST(RestJsonDecode, MalformedBodyWithoutPayloadBinding) {
  const auto op = rest_op({{"Qualifier", Location::Query, "Qualifier", ValueType::String}});
  for (const std::string body : {"not json", "{", "[1]", "\"s\""}) {
    SCOPED_TRACE(body);
    const AwsError e =
        thrown_aws_error([&] { rest_json_codec::decode(op, request_with_body(body), {}, {}); });
    EXPECT_EQ(e.code, "SerializationException");
    EXPECT_EQ(e.status, 400);
  }
}

// ---------------------------------------------------------------- encode

TEST(RestJsonEncode, SuccessStatusAndJsonBody) {
  const auto op = rest_op({}, {}, 201);
  const auto res = rest_json_codec::encode(op, Json{{"FunctionName", "f"}, {"MemorySize", 128}});
  EXPECT_EQ(res.status, 201);
  EXPECT_EQ(res.headers.get_or("content-type"), "application/json");
  EXPECT_EQ(Json::parse(res.body), Json({{"FunctionName", "f"}, {"MemorySize", 128}}));
}

TEST(RestJsonEncode, EmptyOutputIsAnEmptyObject) {
  const auto op = rest_op({});
  EXPECT_EQ(rest_json_codec::encode(op, Json::object()).body, "{}");
  EXPECT_EQ(rest_json_codec::encode(op, Json()).body, "{}");
}

TEST(RestJsonEncode, NoContentGivesAnEmptyBody) {
  const auto op = rest_op({}, {}, 204);
  const auto res = rest_json_codec::encode(op, Json::object());
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
  EXPECT_FALSE(res.headers.contains("content-type"));
}

TEST(RestJsonEncode, HeaderBindingMovesTheMemberToAHeader) {
  const auto op = rest_op(
      {}, {
              {"ExecutedVersion", Location::Header, "X-Amz-Executed-Version", ValueType::String},
              {"Count", Location::Header, "X-Count", ValueType::Integer},
              {"Absent", Location::Header, "X-Absent", ValueType::String},
          });
  const auto res = rest_json_codec::encode(
      op, Json{{"ExecutedVersion", "$LATEST"}, {"Count", 3}, {"Other", "o"}});
  EXPECT_EQ(res.headers.get_or("x-amz-executed-version"), "$LATEST");
  EXPECT_EQ(res.headers.get_or("x-count"), "3");
  EXPECT_FALSE(res.headers.contains("x-absent"));
  EXPECT_EQ(Json::parse(res.body), Json({{"Other", "o"}}));
}

TEST(RestJsonEncode, StatusCodeBindingSetsTheStatus) {
  const auto op = rest_op({}, {{"StatusCode", Location::StatusCode, "", ValueType::Integer}});
  const auto res = rest_json_codec::encode(op, Json{{"StatusCode", 202}, {"Other", 1}});
  EXPECT_EQ(res.status, 202);
  EXPECT_EQ(Json::parse(res.body), Json({{"Other", 1}}));

  // Without the member the success status stays.
  EXPECT_EQ(rest_json_codec::encode(op, Json{{"Other", 1}}).status, 200);
}

TEST(RestJsonEncode, PayloadBindingWritesTheRawString) {
  const auto op = rest_op(
      {}, {
              {"StatusCode", Location::StatusCode, "", ValueType::Integer},
              {"FunctionError", Location::Header, "X-Amz-Function-Error", ValueType::String},
              {"Payload", Location::Payload, "", ValueType::String},
          });
  const auto res = rest_json_codec::encode(op, Json{{"StatusCode", 200},
                                                    {"FunctionError", "Unhandled"},
                                                    {"Payload", "raw text, not {json"}});
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "raw text, not {json");
  EXPECT_EQ(res.headers.get_or("x-amz-function-error"), "Unhandled");

  // A structured payload is written as JSON.
  const auto structured = rest_json_codec::encode(op, Json{{"Payload", Json{{"a", 1}}}});
  EXPECT_EQ(Json::parse(structured.body), Json({{"a", 1}}));
}

TEST(RestJsonEncode, ErrorWritesTheErrorTypeHeaderAndMessage) {
  const AwsError error("ResourceNotFoundException", "Function not found: \"f\"", 404);
  const auto res = rest_json_codec::encode_error(error);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get_or("x-amzn-errortype"), "ResourceNotFoundException");
  EXPECT_EQ(res.headers.get_or("content-type"), "application/json");
  EXPECT_EQ(Json::parse(res.body), Json({{"message", "Function not found: \"f\""}}));
}

}  // namespace
}  // namespace preflight::core
