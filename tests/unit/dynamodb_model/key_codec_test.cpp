#include "services/dynamodb/model/key_codec.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "emulator/common/crypto.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/number.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::dynamodb {
namespace {

using core::testing::thrown_aws_error;

int memcmp_order(const std::string& a, const std::string& b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) {
    return c < 0 ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

TEST(KeyCodec, EncodesStringsAndBinariesAsTheirBytes) {
  EXPECT_EQ(encode_key(Json{{"S", "abc"}}), "abc");
  EXPECT_EQ(encode_key(Json{{"S", "\xE2\x82\xAC"}}), "\xE2\x82\xAC");
  EXPECT_EQ(encode_key(Json{{"B", "Zm9v"}}), "foo");
  EXPECT_EQ(encode_key(Json{{"B", "AP8A"}}), std::string("\x00\xff\x00", 3));
  // A prefix of the value is a prefix of the key, so begins_with is a byte range.
  const auto ab = encode_key(Json{{"S", "ab"}});
  EXPECT_EQ(encode_key(Json{{"S", "abc"}}).substr(0, ab.size()), ab);
}

TEST(KeyCodec, EncodesNumbersByValue) {
  EXPECT_EQ(encode_key(Json{{"N", "1"}}), Number::parse("1").sort_key());
  EXPECT_EQ(encode_key(Json{{"N", "1.0"}}), encode_key(Json{{"N", "1E0"}}));
  EXPECT_EQ(encode_key(Json{{"N", "-0"}}), encode_key(Json{{"N", "0"}}));
  EXPECT_LT(encode_key(Json{{"N", "9"}}), encode_key(Json{{"N", "10"}}));
  const auto e = thrown_aws_error([] { encode_key(Json{{"N", "x"}}); });
  EXPECT_EQ(e.code, "ValidationException");
  EXPECT_EQ(e.message, "The parameter cannot be converted to a numeric value: x");
}

TEST(KeyCodec, RejectsNonScalarKeyTypes) {
  for (const char* text : {R"({"BOOL": true})", R"({"NULL": true})", R"({"SS": ["a"]})",
                           R"({"NS": ["1"]})", R"({"BS": ["YQ=="]})", R"({"M": {}})",
                           R"({"L": []})", R"({})", R"({"S": "a", "N": "1"})", R"({"S": 1})"}) {
    const auto e = thrown_aws_error([&] { encode_key(Json::parse(text)); });
    EXPECT_EQ(e.code, "ValidationException") << text;
    EXPECT_EQ(e.message,
              "One or more parameter values were invalid: Key attributes must be of type S, N or "
              "B")
        << text;
  }
}

std::string random_bytes(std::mt19937_64& rng, bool utf8) {
  std::uniform_int_distribution<int> length(0, 6);
  std::uniform_int_distribution<int> byte(0, 255);
  // Few distinct bytes make shared prefixes common.
  static const std::vector<std::string> pieces = {
      "a", "b", "\x00", "\x7f", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "z"};
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::string s;
  const int n = length(rng);
  for (int i = 0; i < n; ++i) {
    if (utf8) {
      s += pieces[piece(rng)];
    } else {
      s.push_back(static_cast<char>(byte(rng) % 4 == 0 ? 0xFF : byte(rng) % 3));
    }
  }
  return s;
}

std::string random_number(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> length(1, 38);
  std::uniform_int_distribution<int> exponent(-130, 125);
  std::string s = digit(rng) < 5 ? "-" : "";
  s += static_cast<char>('1' + digit(rng) % 9);
  s += '.';
  const int n = length(rng);
  for (int i = 1; i < n; ++i) {
    s += digit(rng) < 6 ? '0' : static_cast<char>('0' + digit(rng));
  }
  return s + "E" + std::to_string(exponent(rng) / (digit(rng) < 5 ? 40 : 1));
}

TEST(KeyCodec, MemcmpOrderOfEncodingsMatchesCompareOnRandomSamples) {
  std::mt19937_64 rng(42);
  std::vector<Json> values;
  for (int i = 0; i < 200; ++i) {
    values.push_back(Json{{"S", random_bytes(rng, true)}});
    values.push_back(Json{{"B", base64_encode(random_bytes(rng, false))}});
    values.push_back(Json{{"N", random_number(rng)}});
  }
  values.push_back(Json{{"N", "0"}});
  int compared = 0;
  for (const auto& a : values) {
    const auto ka = encode_key(a);
    for (const auto& b : values) {
      const auto order = compare(a, b);
      if (!order) {
        continue;  // different types never share a key attribute
      }
      ++compared;
      ASSERT_EQ(memcmp_order(ka, encode_key(b)), *order) << a.dump() << " vs " << b.dump();
    }
  }
  EXPECT_GT(compared, 100000);
}

}  // namespace
}  // namespace preflight::dynamodb
