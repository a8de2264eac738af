#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "emulator/common/crypto.h"

namespace preflight {
namespace {

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_encode(std::string("\x01\x00\x01", 3)), "AQAB");
  EXPECT_EQ(base64url_decode("-_8"), std::optional<std::string>("\xfb\xff"));
}

TEST(Base64Url, RoundTripsEveryByteAndLength) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) {
    bytes.push_back(static_cast<char>(i));
    const auto encoded = base64url_encode(bytes);
    EXPECT_EQ(encoded.find_first_of("+/="), std::string::npos);
    EXPECT_EQ(base64url_decode(encoded), std::optional<std::string>(bytes));
  }
}

TEST(Base64Url, DecodeIsStrict) {
  EXPECT_EQ(base64url_decode(""), std::optional<std::string>(""));
  EXPECT_EQ(base64url_decode("Zg=="), std::nullopt);   // padding
  EXPECT_EQ(base64url_decode("Z"), std::nullopt);      // impossible length
  EXPECT_EQ(base64url_decode("Zm9vY"), std::nullopt);  // impossible length
  EXPECT_EQ(base64url_decode("Zh"), std::nullopt);     // non-zero trailing bits
  EXPECT_EQ(base64url_decode("Zm9"), std::nullopt);  // non-zero trailing bits ("Zm8" is canonical)
  EXPECT_EQ(base64url_decode("+/8"), std::nullopt);  // standard alphabet
  EXPECT_EQ(base64url_decode("Zm 9v"), std::nullopt);  // whitespace
  EXPECT_EQ(base64url_decode("Zm9v\n"), std::nullopt);
  EXPECT_EQ(base64url_decode(std::string("Zm\0v", 4)), std::nullopt);
}

}  // namespace
}  // namespace preflight
