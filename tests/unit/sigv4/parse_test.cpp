#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "emulator/common/sigv4.h"
#include "emulator/common/strings.h"

namespace preflight::sigv4 {
namespace {

constexpr std::string_view kValidHeader =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
    "SignedHeaders=host;x-amz-date, "
    "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

std::string malformed_message(const ParseResult& result) {
  const auto* m = std::get_if<Malformed>(&result);
  if (m == nullptr) {
    ADD_FAILURE() << "expected Malformed, got variant index " << result.index();
    return {};
  }
  return m->message;
}

TEST(ParseAuthorizationHeader, ReadsEveryField) {
  const auto result = parse_authorization_header(kValidHeader);
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  const auto& auth = std::get<Authorization>(result);
  EXPECT_EQ(auth.credential.access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(auth.credential.date, "20150830");
  EXPECT_EQ(auth.credential.region, "us-east-1");
  EXPECT_EQ(auth.credential.service, "service");
  EXPECT_EQ(auth.credential.scope(), "20150830/us-east-1/service/aws4_request");
  EXPECT_EQ(auth.signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(auth.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_FALSE(auth.presigned);
  EXPECT_FALSE(auth.expires.has_value());
  EXPECT_TRUE(auth.amz_date.empty());  // the header alone says nothing about the date
}

TEST(ParseAuthorizationHeader, ToleratesSpacingOrderAndHeaderCase) {
  const auto result = parse_authorization_header(
      "  AWS4-HMAC-SHA256 Signature=abc,SignedHeaders=Host;X-Amz-Date ,  "
      "Credential=AKID/20150830/eu-west-1/sqs/aws4_request  ");
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  const auto& auth = std::get<Authorization>(result);
  EXPECT_EQ(auth.credential.access_key_id, "AKID");
  EXPECT_EQ(auth.credential.region, "eu-west-1");
  EXPECT_EQ(auth.credential.service, "sqs");
  EXPECT_EQ(auth.signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(auth.signature, "abc");
}

TEST(ParseAuthorizationHeader, MissingPartsAreMalformed) {
  const struct {
    const char* header;
    const char* missing;
  } cases[] = {
      {"AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", "Credential"},
      {"AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s/aws4_request, SignedHeaders=host",
       "Signature"},
      {"AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s/aws4_request, Signature=abc",
       "SignedHeaders"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.header);
    const auto message = malformed_message(parse_authorization_header(c.header));
    EXPECT_NE(message.find(std::string("requires '") + c.missing + "' parameter"),
              std::string::npos)
        << message;
  }
  const auto all = malformed_message(parse_authorization_header("AWS4-HMAC-SHA256 foo=bar"));
  for (const char* name : {"Credential", "Signature", "SignedHeaders"}) {
    EXPECT_NE(all.find(std::string("'") + name + "'"), std::string::npos) << all;
  }
}

TEST(ParseAuthorizationHeader, OtherAlgorithmsAreMalformed) {
  for (const char* header :
       {"", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256Credential=AKID/20150830/us-east-1/s/aws4_request",
        "AWS4-HMAC-SHA512 Credential=AKID/20150830/us-east-1/s/aws4_request, SignedHeaders=host, "
        "Signature=abc",
        "aws4-hmac-sha256 Credential=AKID/20150830/us-east-1/s/aws4_request, SignedHeaders=host, "
        "Signature=abc",
        "AWS AKID:c2lnbmF0dXJl", "Basic dXNlcjpwYXNz", "Bearer token"}) {
    SCOPED_TRACE(header);
    const auto message = malformed_message(parse_authorization_header(header));
    EXPECT_NE(message.find("unsupported algorithm"), std::string::npos) << message;
  }
}

TEST(ParseAuthorizationHeader, BadCredentialScopeIsMalformed) {
  for (const char* credential :
       {"AKID/20150830/us-east-1/service", "AKID/20150830/us-east-1/service/aws4_reques",
        "AKID/20150830/us-east-1/service/aws4_request/extra",
        "/20150830/us-east-1/service/aws4_request", "AKID", ""}) {
    SCOPED_TRACE(credential);
    const auto header = std::string("AWS4-HMAC-SHA256 Credential=") + credential +
                        ", SignedHeaders=host, Signature=abc";
    const auto message = malformed_message(parse_authorization_header(header));
    EXPECT_TRUE(message.starts_with("Credential should be scoped to a valid region")) << message;
  }
}

HttpRequest request_with(std::vector<std::pair<std::string, std::string>> headers,
                         std::string_view target = "/") {
  HttpRequest request;
  request.method = "GET";
  request.set_target(target);
  for (auto& [name, value] : headers) {
    request.headers.add(std::move(name), std::move(value));
  }
  return request;
}

TEST(Parse, RequestWithoutAuthIsNotSigned) {
  EXPECT_TRUE(std::holds_alternative<NotSigned>(parse(request_with({{"Host", "h"}}))));
  EXPECT_TRUE(std::holds_alternative<NotSigned>(
      parse(request_with({{"Host", "h"}}, "/?Action=ListQueues&X-Amz-Date=20150830T123600Z"))));
}

TEST(Parse, HeaderAuthTakesTheDateFromXAmzDate) {
  const auto result = parse(request_with({{"Host", "h"},
                                          {"X-Amz-Date", "20150830T123600Z"},
                                          {"Date", "Mon, 31 Aug 2015 00:00:00 GMT"},
                                          {"Authorization", std::string(kValidHeader)}}));
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  const auto& auth = std::get<Authorization>(result);
  EXPECT_EQ(auth.amz_date, "20150830T123600Z");
  EXPECT_EQ(auth.credential.access_key_id, "AKIDEXAMPLE");
  EXPECT_FALSE(auth.presigned);
  EXPECT_TRUE(auth.security_token.empty());
}

TEST(Parse, HeaderAuthFallsBackToTheDateHeader) {
  const auto result = parse(request_with({{"Host", "h"},
                                          {"date", "Sun, 30 Aug 2015 12:36:00 GMT"},
                                          {"authorization", std::string(kValidHeader)}}));
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  EXPECT_EQ(std::get<Authorization>(result).amz_date, "20150830T123600Z");
}

TEST(Parse, HeaderAuthWithoutAnyDateHasAnEmptyDate) {
  const auto result =
      parse(request_with({{"Host", "h"}, {"Authorization", std::string(kValidHeader)}}));
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  EXPECT_EQ(std::get<Authorization>(result).amz_date, "");
}

TEST(Parse, HeaderAuthCarriesTheSecurityToken) {
  const auto result = parse(request_with({{"X-Amz-Date", "20150830T123600Z"},
                                          {"X-Amz-Security-Token", "token/with+chars=="},
                                          {"Authorization", std::string(kValidHeader)}}));
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  EXPECT_EQ(std::get<Authorization>(result).security_token, "token/with+chars==");
}

TEST(Parse, MalformedHeaderIsMalformed) {
  const auto result =
      parse(request_with({{"X-Amz-Date", "20150830T123600Z"}, {"Authorization", "Basic abc"}}));
  EXPECT_TRUE(std::holds_alternative<Malformed>(result));
}

constexpr std::string_view kPresignedQuery =
    "Action=ListQueues&X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsqs%2Faws4_request"
    "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host%3Bx-amz-meta"
    "&X-Amz-Security-Token=tok%2Ben&X-Amz-Signature=deadbeef";

TEST(Parse, PresignedQueryParameters) {
  const auto result = parse(request_with({{"Host", "h"}}, "/?" + std::string(kPresignedQuery)));
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  const auto& auth = std::get<Authorization>(result);
  EXPECT_TRUE(auth.presigned);
  EXPECT_EQ(auth.credential.access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(auth.credential.date, "20150830");
  EXPECT_EQ(auth.credential.region, "us-east-1");
  EXPECT_EQ(auth.credential.service, "sqs");
  EXPECT_EQ(auth.amz_date, "20150830T123600Z");
  EXPECT_EQ(auth.expires, 86400);
  EXPECT_EQ(auth.signed_headers, (std::vector<std::string>{"host", "x-amz-meta"}));
  EXPECT_EQ(auth.signature, "deadbeef");
  EXPECT_EQ(auth.security_token, "tok+en");
}

// AWS requires X-Amz-Expires on presigned URLs, at most a week; without it a URL would never
// expire.
TEST(Parse, PresignedNeedsABoundedExpiry) {
  const std::string base =
      "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID/20150830/us-east-1/s/"
      "aws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=ab";
  for (const char* expires : {"", "&X-Amz-Expires=", "&X-Amz-Expires=abc", "&X-Amz-Expires=604801",
                              "&X-Amz-Expires=99999999999"}) {
    SCOPED_TRACE(expires);
    EXPECT_TRUE(std::holds_alternative<Malformed>(parse(request_with({}, base + expires))));
  }
  const auto week = parse(request_with({}, base + "&X-Amz-Expires=604800"));
  ASSERT_TRUE(std::holds_alternative<Authorization>(week));
  EXPECT_EQ(std::get<Authorization>(week).expires, 604800);
}

TEST(Parse, PresignedWithMissingPartsIsMalformed) {
  const std::string full(kPresignedQuery);
  for (const char* drop :
       {"&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsqs%2Faws4_request",
        "&X-Amz-Date=20150830T123600Z", "&X-Amz-SignedHeaders=host%3Bx-amz-meta",
        "&X-Amz-Signature=deadbeef"}) {
    SCOPED_TRACE(drop);
    auto query = full;
    const auto at = query.find(drop);
    ASSERT_NE(at, std::string::npos);
    query.erase(at, std::string_view(drop).size());
    EXPECT_TRUE(std::holds_alternative<Malformed>(parse(request_with({}, "/?" + query))));
  }
}

TEST(Parse, PresignedWithAnotherAlgorithmOrBadScopeIsMalformed) {
  auto query = std::string(kPresignedQuery);
  query.replace(query.find("SHA256"), 6, "SHA512");
  EXPECT_TRUE(std::holds_alternative<Malformed>(parse(request_with({}, "/?" + query))));

  query = std::string(kPresignedQuery);
  query.replace(query.find("%2Faws4_request"), 15, "");
  const auto result = parse(request_with({}, "/?" + query));
  EXPECT_TRUE(malformed_message(result).starts_with("Credential should be scoped"));
}

TEST(Parse, AuthorizationHeaderWinsOverQueryParameters) {
  const auto result = parse(request_with(
      {{"X-Amz-Date", "20150830T123600Z"}, {"Authorization", std::string(kValidHeader)}},
      "/?" + std::string(kPresignedQuery)));
  ASSERT_TRUE(std::holds_alternative<Authorization>(result));
  EXPECT_FALSE(std::get<Authorization>(result).presigned);
  EXPECT_EQ(std::get<Authorization>(result).credential.service, "service");
}

TEST(CanonicalUri, CollapsesEmptySegmentsOnlyWhenAsked) {
  EXPECT_EQ(canonical_uri("", false), "/");
  EXPECT_EQ(canonical_uri("/", false), "/");
  EXPECT_EQ(canonical_uri("/a//b/", false), "/a//b/");
  EXPECT_EQ(canonical_uri("/a//b/", true), "/a/b/");
  EXPECT_EQ(canonical_uri("/a/./b/../c", false), "/a/c");
}

TEST(CanonicalUri, EncodesTheReceivedPathOnceMore) {
  // Services other than S3 sign the already-encoded path encoded again, as botocore does.
  EXPECT_EQ(canonical_uri("/a%20b", false), "/a%2520b");
  EXPECT_EQ(canonical_uri("/a b", false), "/a%20b");
}

TEST(CanonicalQuery, SortsEncodesAndOptionallyDropsTheSignature) {
  EXPECT_EQ(canonical_query("b=2&a=1&a=0", false), "a=0&a=1&b=2");
  EXPECT_EQ(canonical_query("k=a+b&e", false), "e=&k=a%2Bb");
  EXPECT_EQ(canonical_query("x=%2f&X-Amz-Signature=abc", false), "X-Amz-Signature=abc&x=%2F");
  EXPECT_EQ(canonical_query("x=%2f&X-Amz-Signature=abc", true), "x=%2F");
  EXPECT_EQ(canonical_query("", false), "");
}

TEST(CanonicalHeaders, TrimsCollapsesAndJoinsRepeatedHeaders) {
  Headers headers;
  headers.add("Host", "h");
  headers.add("My-Header", "  a   b  ");
  headers.add("my-header", "c");
  EXPECT_EQ(canonical_headers(headers, {"host", "my-header"}), "host:h\nmy-header:a b,c\n");
}

}  // namespace
}  // namespace preflight::sigv4
