#include "services/sqs/message_attributes.h"

#include <gtest/gtest.h>

#include "emulator/common/crypto.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::sqs {
namespace {

using core::testing::thrown_aws_error;

Json string_attribute(const char* type, const char* value) {
  return {{"DataType", type}, {"StringValue", value}};
}

// Digests published with other SQS clients' tests, so ours agree with what SDKs compute.
TEST(AttributesMd5, MatchesKnownDigests) {
  EXPECT_EQ(attributes_md5({{"timestamp", string_attribute("Number", "1493147359900")}}),
            "235c5c510d26fb653d073faed50ae77c");
  EXPECT_EQ(attributes_md5({{"SellerName", string_attribute("String", "Example Store")}}),
            "cd28f3b68aeee4b2eac9c66f2f694b58");
  EXPECT_EQ(attributes_md5({{"ordinal", string_attribute("Number", "1")},
                            {"category", string_attribute("String", "test")}}),
            "d21ae90c49061e927f57df5f5d72be1f");
}

TEST(AttributesMd5, BinaryValuesUseTheirDecodedBytesAndTransportTwo) {
  const std::string bytes("\x00\x01\xff", 3);
  std::string expected;
  const auto add = [&](std::string_view s) {
    const auto n = static_cast<std::uint32_t>(s.size());
    expected += {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                 static_cast<char>(n)};
    expected += s;
  };
  add("blob");
  add("Binary.gz");
  expected.push_back(2);
  add(bytes);
  EXPECT_EQ(attributes_md5(
                {{"blob", {{"DataType", "Binary.gz"}, {"BinaryValue", base64_encode(bytes)}}}}),
            md5_hex(expected));
}

TEST(AttributesMd5, EmptyWhenThereAreNone) {
  EXPECT_EQ(attributes_md5(Json()), "");
  EXPECT_EQ(attributes_md5(Json::object()), "");
}

TEST(CheckMessageAttributes, KeepsOnlyTheValueOfTheirTypeAndCountsTheirSize) {
  const Json given = {{"n",
                       {{"DataType", "Number.float"},
                        {"StringValue", "1.5e3"},
                        {"BinaryValue", "AAEC"},
                        {"StringListValues", Json::array()}}}};
  const auto checked = check_message_attributes(&given);
  EXPECT_EQ(checked.attributes, (Json{{"n", string_attribute("Number.float", "1.5e3")}}));
  EXPECT_EQ(checked.size, 1 + 12 + 5);
}

TEST(CheckMessageAttributes, RefusesWhatSqsRefuses) {
  const auto error_for = [](const Json& attributes) {
    return thrown_aws_error([&] { check_message_attributes(&attributes); });
  };
  EXPECT_EQ(error_for({{"n", string_attribute("Number", "12x")}}).code, "InvalidParameterValue");
  EXPECT_EQ(error_for({{"s", string_attribute("String", "")}}).code, "InvalidParameterValue");
  EXPECT_EQ(error_for({{"s", string_attribute("Text", "x")}}).code, "InvalidParameterValue");
  EXPECT_EQ(error_for({{"s", string_attribute("String.", "x")}}).code, "InvalidParameterValue");
  EXPECT_EQ(error_for({{"AWS.x", string_attribute("String", "x")}}).code, "InvalidParameterValue");
  EXPECT_EQ(error_for({{"a..b", string_attribute("String", "x")}}).code, "InvalidParameterValue");
  EXPECT_EQ(error_for({{"b", {{"DataType", "Binary"}, {"BinaryValue", "***"}}}}).code,
            "InvalidParameterValue");
  EXPECT_EQ(error_for({{"c", string_attribute("String", "\x01")}}).code, "InvalidMessageContents");
  Json eleven = Json::object();
  for (int i = 0; i < 11; ++i) {
    eleven["a" + std::to_string(i)] = string_attribute("String", "x");
  }
  EXPECT_EQ(error_for(eleven).code, "InvalidParameterValue");
}

TEST(CheckSystemAttributes, AcceptsOnlyAwsTraceHeader) {
  const Json trace = {{"AWSTraceHeader", string_attribute("String", "Root=1-5759e988")}};
  EXPECT_EQ(check_system_attributes(&trace).attributes, trace);
  const Json other = {{"Other", string_attribute("String", "x")}};
  EXPECT_EQ(thrown_aws_error([&] { check_system_attributes(&other); }).code,
            "InvalidParameterValue");
}

TEST(SelectAttributes, ByAllPrefixOrName) {
  const Json attributes = {{"order.id", string_attribute("String", "1")},
                           {"order.total", string_attribute("Number", "2")},
                           {"user", string_attribute("String", "u")}};
  EXPECT_EQ(select_attributes(attributes, {"All"}), attributes);
  EXPECT_EQ(select_attributes(attributes, {".*"}), attributes);
  EXPECT_EQ(select_attributes(attributes, {"order.*"}).size(), 2U);
  EXPECT_EQ(select_attributes(attributes, {"user"}), (Json{{"user", attributes["user"]}}));
  EXPECT_TRUE(select_attributes(attributes, {"missing"}).is_null());
  EXPECT_TRUE(select_attributes(attributes, {}).is_null());
}

TEST(ValidMessageText, FollowsTheXmlCharacterRanges) {
  EXPECT_TRUE(valid_message_text("plain\ttext\r\n"));
  EXPECT_TRUE(valid_message_text("caf\xc3\xa9 \xf0\x9f\x98\x80"));
  EXPECT_FALSE(valid_message_text(std::string("\x00", 1)));
  EXPECT_FALSE(valid_message_text("\x1f"));
  EXPECT_FALSE(valid_message_text("\xef\xbf\xbe"));  // U+FFFE
  EXPECT_FALSE(valid_message_text("\xc3"));          // truncated sequence
}

}  // namespace
}  // namespace preflight::sqs
