#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "emulator/common/strings.h"

namespace preflight {
namespace {

TEST(UriEncode, KeepsUnreservedCharacters) {
  const std::string unreserved =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
  EXPECT_EQ(uri_encode(unreserved), unreserved);
  EXPECT_EQ(uri_encode(""), "");
}

TEST(UriEncode, EncodesEverythingElseAsUpperCaseHex) {
  EXPECT_EQ(uri_encode(" "), "%20");
  EXPECT_EQ(uri_encode("a b"), "a%20b");
  EXPECT_EQ(uri_encode("+*=&?%"), "%2B%2A%3D%26%3F%25");
  EXPECT_EQ(uri_encode(std::string(1, '\0')), "%00");
  EXPECT_EQ(uri_encode("\x7f"), "%7F");
}

TEST(UriEncode, SlashDependsOnKeepSlash) {
  EXPECT_EQ(uri_encode("/a/b c/"), "%2Fa%2Fb%20c%2F");
  EXPECT_EQ(uri_encode("/a/b c/", false), "%2Fa%2Fb%20c%2F");
  EXPECT_EQ(uri_encode("/a/b c/", true), "/a/b%20c/");
}

TEST(UriEncode, EncodesUtf8BytesIndividually) {
  // U+1234 ETHIOPIC SYLLABLE SEE is E1 88 B4 in UTF-8; U+00E9 is C3 A9.
  EXPECT_EQ(uri_encode("\xE1\x88\xB4"), "%E1%88%B4");
  EXPECT_EQ(uri_encode("caf\xC3\xA9"), "caf%C3%A9");
  EXPECT_EQ(uri_encode("\xff"), "%FF");
}

TEST(UriDecode, DecodesEscapesOfEitherCase) {
  EXPECT_EQ(uri_decode("a%20b"), "a b");
  EXPECT_EQ(uri_decode("%E1%88%B4"), "\xE1\x88\xB4");
  EXPECT_EQ(uri_decode("%e1%88%b4"), "\xE1\x88\xB4");
  EXPECT_EQ(uri_decode("%2F%2f"), "//");
  EXPECT_EQ(uri_decode("plain"), "plain");
  EXPECT_EQ(uri_decode(""), "");
  EXPECT_EQ(uri_decode("%41"), "A");  // an escape that ends the string
  EXPECT_EQ(uri_decode("x%00y"), std::string("x\0y", 3));
}

TEST(UriDecode, PlusIsSpaceOnlyWhenAsked) {
  EXPECT_EQ(uri_decode("a+b"), "a+b");
  EXPECT_EQ(uri_decode("a+b", false), "a+b");
  EXPECT_EQ(uri_decode("a+b", true), "a b");
  // An encoded plus stays a plus either way.
  EXPECT_EQ(uri_decode("a%2Bb", true), "a+b");
  EXPECT_EQ(uri_decode("a%2Bb", false), "a+b");
}

TEST(UriDecode, MalformedEscapesAreRejected) {
  for (const char* bad : {"%", "%4", "%zz", "%4z", "%z4", "a%", "a%4", "abc%g0", "%%41"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(uri_decode(bad), std::nullopt);
    EXPECT_EQ(uri_decode(bad, true), std::nullopt);
  }
}

TEST(UriEncodeDecode, RoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) {
    all.push_back(static_cast<char>(c));
  }
  EXPECT_EQ(uri_decode(uri_encode(all)), all);
  EXPECT_EQ(uri_decode(uri_encode(all, true)), all);
}

TEST(ParseForm, EmptyInputIsEmpty) {
  const auto params = parse_form("");
  ASSERT_TRUE(params.has_value());
  EXPECT_TRUE(params->empty());
}

TEST(ParseForm, RepeatedKeysKeepTheirOrder) {
  const auto params = parse_form("b=2&a=1&b=3&a=0");
  ASSERT_TRUE(params.has_value());
  const FormParams expected{{"b", "2"}, {"a", "1"}, {"b", "3"}, {"a", "0"}};
  EXPECT_EQ(*params, expected);
}

TEST(ParseForm, EmptyValuesAndMissingEquals) {
  const auto params = parse_form("a=&b&c=3&=v");
  ASSERT_TRUE(params.has_value());
  const FormParams expected{{"a", ""}, {"b", ""}, {"c", "3"}, {"", "v"}};
  EXPECT_EQ(*params, expected);
}

TEST(ParseForm, SkipsEmptyPairs) {
  const auto params = parse_form("&a=1&&b=2&");
  ASSERT_TRUE(params.has_value());
  const FormParams expected{{"a", "1"}, {"b", "2"}};
  EXPECT_EQ(*params, expected);
}

TEST(ParseForm, DecodesKeysAndValuesWithPlusAsSpace) {
  const auto params = parse_form("Message+Body=hello+world%21&k%3D=v%26w&x=a=b");
  ASSERT_TRUE(params.has_value());
  const FormParams expected{{"Message Body", "hello world!"}, {"k=", "v&w"}, {"x", "a=b"}};
  EXPECT_EQ(*params, expected);
}

TEST(ParseForm, BadEscapeRejectsTheWholeForm) {
  EXPECT_EQ(parse_form("a=1&b=%zz"), std::nullopt);
  EXPECT_EQ(parse_form("a%=1"), std::nullopt);
  EXPECT_EQ(parse_form("a=%4"), std::nullopt);
}

TEST(ToHex, LowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(to_hex(""), "");
  EXPECT_EQ(to_hex("abc"), "616263");
  EXPECT_EQ(to_hex(std::string("\x00\x0f\xf0\xff", 4)), "000ff0ff");
  EXPECT_EQ(to_hex("\xDE\xAD\xBE\xEF"), "deadbeef");
}

TEST(IsAllDigits, AcceptsOnlyNonEmptyDecimalStrings) {
  EXPECT_TRUE(is_all_digits("0"));
  EXPECT_TRUE(is_all_digits("000000000000"));
  EXPECT_TRUE(is_all_digits("0123456789"));
  EXPECT_FALSE(is_all_digits(""));
  EXPECT_FALSE(is_all_digits(" 1"));
  EXPECT_FALSE(is_all_digits("1 "));
  EXPECT_FALSE(is_all_digits("-1"));
  EXPECT_FALSE(is_all_digits("+1"));
  EXPECT_FALSE(is_all_digits("1.0"));
  EXPECT_FALSE(is_all_digits("12a"));
  EXPECT_FALSE(is_all_digits("\xD9\xA1"));  // ARABIC-INDIC DIGIT ONE is not ASCII
}

TEST(CaseHelpers, LowerAndCompareIgnoringCase) {
  EXPECT_EQ(to_lower("X-Amz-Date"), "x-amz-date");
  EXPECT_TRUE(iequals("Content-Type", "content-TYPE"));
  EXPECT_FALSE(iequals("Content-Type", "Content-Typ"));
  EXPECT_TRUE(starts_with_icase("X-Amz-Meta-Foo", "x-amz-meta-"));
  EXPECT_FALSE(starts_with_icase("X-Amz", "x-amz-meta-"));
}

TEST(Trim, RemovesSpacesTabsAndLineEnds) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
}

TEST(Split, KeepsEmptyParts) {
  EXPECT_EQ(split("a,b", ','), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(split(",a,,", ','), (std::vector<std::string_view>{"", "a", "", ""}));
  EXPECT_EQ(split("", ','), (std::vector<std::string_view>{""}));
}

}  // namespace
}  // namespace preflight
