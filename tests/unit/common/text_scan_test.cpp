#include "emulator/common/text_scan.h"

#include <gtest/gtest.h>

#include <string>

namespace preflight {
namespace {

TEST(TextScan, JsonNestingIgnoresStrings) {
  EXPECT_TRUE(json_nesting_within(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_FALSE(json_nesting_within(R"({"a":[1,{"b":2}]})", 2));
  EXPECT_TRUE(json_nesting_within(R"({"a":"[[[[\"]]]]"})", 1));
  EXPECT_FALSE(json_nesting_within(std::string(100, '['), 64));
}

TEST(TextScan, Wildcards) {
  EXPECT_TRUE(wildcard_match("a*c?e", "abbbcde", true));
  EXPECT_FALSE(wildcard_match("a*c?e", "abbbce", true));
  EXPECT_FALSE(wildcard_match("a?", "ab"));  // '?' is literal unless asked for
  EXPECT_TRUE(wildcard_match("a?", "a?"));
  EXPECT_TRUE(wildcard_match("*", ""));
  EXPECT_TRUE(wildcard_match("*/GET/*", "api/prod/GET/books/1"));
  EXPECT_FALSE(wildcard_match("*/POST/*", "api/prod/GET/books/1"));
}

TEST(TextScan, HexDigits) {
  EXPECT_EQ(hex_value('0'), 0);
  EXPECT_EQ(hex_value('a'), 10);
  EXPECT_EQ(hex_value('F'), 15);
  EXPECT_EQ(hex_value('g'), -1);
}

}  // namespace
}  // namespace preflight
