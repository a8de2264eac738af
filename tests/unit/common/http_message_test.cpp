#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "emulator/common/http_message.h"

namespace preflight {
namespace {

std::vector<std::pair<std::string, std::string>> fields_of(const Headers& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& field : headers) {
    out.emplace_back(field.name, field.value);
  }
  return out;
}

TEST(Headers, GetIsCaseInsensitiveAndReturnsTheFirst) {
  Headers headers;
  headers.add("Content-Type", "application/json");
  headers.add("X-Multi", "one");
  headers.add("x-multi", "two");
  EXPECT_EQ(headers.get("content-type"), "application/json");
  EXPECT_EQ(headers.get("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(headers.get("X-MULTI"), "one");
  EXPECT_EQ(headers.get("missing"), std::nullopt);
  EXPECT_TRUE(headers.contains("x-MULTI"));
  EXPECT_FALSE(headers.contains("content"));
  EXPECT_EQ(headers.get_or("missing", "fallback"), "fallback");
  EXPECT_EQ(headers.get_or("missing"), "");
  EXPECT_EQ(headers.get_or("Content-type", "fallback"), "application/json");
}

TEST(Headers, KeepsArrivalOrderAndNameSpelling) {
  Headers headers;
  headers.add("Host", "example.com");
  headers.add("X-Amz-Date", "20150830T123600Z");
  headers.add("host", "other");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"Host", "example.com"}, {"X-Amz-Date", "20150830T123600Z"}, {"host", "other"}};
  EXPECT_EQ(fields_of(headers), expected);
  EXPECT_EQ(headers.size(), 3u);
}

TEST(Headers, EmptyValueIsPresent) {
  Headers headers;
  headers.add("X-Empty", "");
  EXPECT_TRUE(headers.contains("x-empty"));
  EXPECT_EQ(headers.get("x-empty"), "");
  EXPECT_EQ(headers.get_or("x-empty", "fallback"), "");
}

TEST(Headers, SetReplacesEveryFieldOfThatName) {
  Headers headers;
  headers.add("A", "1");
  headers.add("X-Multi", "one");
  headers.add("B", "2");
  headers.add("x-multi", "two");
  headers.set("X-MULTI", "three");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"A", "1"}, {"B", "2"}, {"X-MULTI", "three"}};
  EXPECT_EQ(fields_of(headers), expected);
  EXPECT_EQ(headers.get("x-multi"), "three");
}

TEST(Headers, SetAddsWhenAbsent) {
  Headers headers;
  headers.set("X-New", "v");
  EXPECT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers.get("x-new"), "v");
}

TEST(Headers, RemoveDropsEveryFieldOfThatNameOnly) {
  Headers headers;
  headers.add("A", "1");
  headers.add("X-Multi", "one");
  headers.add("B", "2");
  headers.add("x-MULTI", "two");
  headers.remove("X-multi");
  const std::vector<std::pair<std::string, std::string>> expected{{"A", "1"}, {"B", "2"}};
  EXPECT_EQ(fields_of(headers), expected);
  headers.remove("absent");
  EXPECT_EQ(headers.size(), 2u);
}

TEST(HttpRequest, SetTargetSplitsPathAndQuery) {
  HttpRequest request;
  request.set_target("/a/b?x=1&y=2");
  EXPECT_EQ(request.path, "/a/b");
  EXPECT_EQ(request.query, "x=1&y=2");

  request.set_target("/only/path");
  EXPECT_EQ(request.path, "/only/path");
  EXPECT_EQ(request.query, "");

  request.set_target("/empty?");
  EXPECT_EQ(request.path, "/empty");
  EXPECT_EQ(request.query, "");

  // Only the first '?' separates; the rest belongs to the query.
  request.set_target("/q?a=1?b=2");
  EXPECT_EQ(request.path, "/q");
  EXPECT_EQ(request.query, "a=1?b=2");

  // Percent-encoding is kept as received.
  request.set_target("/a%20b/%2F?k=%3D");
  EXPECT_EQ(request.path, "/a%20b/%2F");
  EXPECT_EQ(request.query, "k=%3D");

  request.set_target("?x=1");
  EXPECT_EQ(request.path, "");
  EXPECT_EQ(request.query, "x=1");
}

TEST(HttpRequest, ContentTypeReadsTheHeader) {
  HttpRequest request;
  EXPECT_EQ(request.content_type(), "");
  request.headers.add("Content-Type", "application/x-amz-json-1.0");
  EXPECT_EQ(request.content_type(), "application/x-amz-json-1.0");
}

}  // namespace
}  // namespace preflight
