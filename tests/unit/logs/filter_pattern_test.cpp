#include "services/logs/filter_pattern.h"

#include <gtest/gtest.h>

namespace preflight::logs {
namespace {

bool match(std::string_view pattern, std::string_view message) {
  return FilterPattern::parse(pattern).matches(message);
}

TEST(FilterPattern, EmptyMatchesEverything) {
  EXPECT_TRUE(match("", "anything"));
  EXPECT_TRUE(match("   ", "anything"));
}

TEST(FilterPattern, TermsAreAndedCaseSensitiveSubstrings) {
  EXPECT_TRUE(match("ERROR", "an ERROR happened"));
  EXPECT_FALSE(match("ERROR", "an error happened"));
  EXPECT_TRUE(match("ERROR disk", "ERROR: disk full"));
  EXPECT_FALSE(match("ERROR disk", "ERROR: memory"));
}

TEST(FilterPattern, QuotedPhrases) {
  EXPECT_TRUE(match("\"disk full\"", "ERROR: disk full"));
  EXPECT_FALSE(match("\"disk full\"", "full disk"));
  EXPECT_TRUE(match(R"("say \"hi\"")", R"(they say "hi")"));
}

TEST(FilterPattern, OptionalTermsNeedOne) {
  EXPECT_TRUE(match("?ERROR ?WARN", "WARN low disk"));
  EXPECT_TRUE(match("?ERROR ?WARN", "ERROR"));
  EXPECT_FALSE(match("?ERROR ?WARN", "INFO"));
  EXPECT_TRUE(match("?\"out of\" ?WARN", "out of memory"));
}

TEST(FilterPattern, ExclusionsRemove) {
  EXPECT_TRUE(match("ERROR -retry", "ERROR fatal"));
  EXPECT_FALSE(match("ERROR -retry", "ERROR will retry"));
  EXPECT_FALSE(match("-DEBUG", "DEBUG x"));
  EXPECT_TRUE(match("-DEBUG", "INFO x"));
}

TEST(FilterPattern, JsonEqualityAndWildcards) {
  const auto* event = R"({"level":"ERROR","user":{"id":7,"name":"alice"},"tags":["a","b"]})";
  EXPECT_TRUE(match(R"({ $.level = "ERROR" })", event));
  EXPECT_TRUE(match("{ $.level = ERROR }", event));
  EXPECT_FALSE(match(R"({ $.level = "WARN" })", event));
  EXPECT_TRUE(match(R"({ $.level = "ERR*" })", event));
  EXPECT_TRUE(match(R"({ $.user.name = "*ic*" })", event));
  EXPECT_TRUE(match(R"({ $.level != "WARN" })", event));
  EXPECT_FALSE(match(R"({ $.missing != "WARN" })", event));
  EXPECT_TRUE(match(R"({ $.tags[1] = "b" })", event));
  EXPECT_FALSE(match(R"({ $.tags[5] = "b" })", event));
}

TEST(FilterPattern, JsonNumbers) {
  const auto* event = R"({"latency": 250, "status": 503, "ok": false, "gone": null})";
  EXPECT_TRUE(match("{ $.latency > 200 }", event));
  EXPECT_FALSE(match("{ $.latency < 200 }", event));
  EXPECT_TRUE(match("{ $.latency >= 250 }", event));
  EXPECT_TRUE(match("{ $.latency <= 250.0 }", event));
  EXPECT_TRUE(match("{ $.status = 503 }", event));
  EXPECT_TRUE(match("{ $.status != 200 }", event));
  EXPECT_TRUE(match("{ $.ok IS FALSE }", event));
  EXPECT_FALSE(match("{ $.ok IS TRUE }", event));
  EXPECT_TRUE(match("{ $.gone IS NULL }", event));
  EXPECT_TRUE(match("{ $.nothing NOT EXISTS }", event));
  EXPECT_FALSE(match("{ $.latency NOT EXISTS }", event));
}

TEST(FilterPattern, JsonLogic) {
  const auto* event = R"({"a": 1, "b": "x"})";
  EXPECT_TRUE(match(R"({ $.a = 1 && $.b = "x" })", event));
  EXPECT_FALSE(match(R"({ $.a = 2 && $.b = "x" })", event));
  EXPECT_TRUE(match(R"({ $.a = 2 || $.b = "x" })", event));
  EXPECT_TRUE(match(R"({ ($.a = 2 || $.a = 1) && $.b = "x" })", event));
  EXPECT_FALSE(match(R"({ ($.a = 2 || $.a = 3) && $.b = "x" })", event));
}

TEST(FilterPattern, JsonPatternsSkipOtherMessages) {
  EXPECT_FALSE(match("{ $.a = 1 }", "plain text a = 1"));
  EXPECT_FALSE(match("{ $.a = 1 }", "{not json"));
  EXPECT_FALSE(match("{ $.a = 1 }", "[1, 2]"));
  EXPECT_TRUE(match("{ $.a = 1 }", "  {\"a\": 1}  "));
}

TEST(FilterPattern, RejectsWhatItCannotParse) {
  for (const char* bad : {"\"unterminated", "{ $.a = 1", "{ a = 1 }", "{ $.a ~ 1 }",
                          "{ $.a > \"x\" }", "{ $.a = 1 } extra", "[ip, user]", "%ERR%", "?",
                          "ERROR\"x\"", "{ $.a IS MAYBE }", "{ $. = 1 }"}) {
    EXPECT_THROW(FilterPattern::parse(bad), PatternError) << bad;
  }
}

}  // namespace
}  // namespace preflight::logs
