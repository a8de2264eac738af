#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

namespace preflight {
namespace {

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, RawDigestIs32BytesAndMatchesHex) {
  const auto raw = sha256("abc");
  EXPECT_EQ(raw.size(), 32u);
  EXPECT_EQ(to_hex(raw), sha256_hex("abc"));
}

TEST(HmacSha256, Rfc4231TestCase2) {
  const auto mac = hmac_sha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(mac.size(), 32u);
  EXPECT_EQ(to_hex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, Rfc4231TestCase1BinaryKey) {
  const std::string key(20, '\x0b');
  EXPECT_EQ(to_hex(hmac_sha256(key, "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(Md5Hex, KnownDigests) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("This is a test message."), "f8900247f0d5874f453318549411c6fa");
}

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesRfc4648Vectors) {
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("Zg=="), "f");
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("Zm9v"), "foo");
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
  EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, RoundTripsBinaryWithEveryTailLength) {
  std::string all;
  for (int c = 0; c < 256; ++c) {
    all.push_back(static_cast<char>(c));
  }
  // 0, 1 and 2 bytes left over after the last full 3-byte group, including NULs at the end.
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 254u, 255u, 256u}) {
    const auto bytes = all.substr(all.size() - n);
    SCOPED_TRACE(n);
    const auto encoded = base64_encode(bytes);
    EXPECT_EQ(encoded.size(), 4 * ((n + 2) / 3));
    EXPECT_EQ(base64_decode(encoded), bytes);
  }
  for (std::size_t n : {1u, 2u, 3u}) {
    const std::string zeros(n, '\0');
    SCOPED_TRACE(n);
    EXPECT_EQ(base64_decode(base64_encode(zeros)), zeros);
  }
}

TEST(Base64, InvalidInputIsRejected) {
  for (const char* bad :
       {"Z", "Zg", "Zg=", "Zm9vY", "Zm9v!A==", "Zm9v YmFy", "Zm9v\nYmFy", "@@@@", "Zm-_"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(base64_decode(bad), std::nullopt);
  }
}

// '=' is padding only at the very end, at most two of them; OpenSSL's decoder alone accepts it
// anywhere (and "====" used to underflow the size computation and throw std::length_error).
TEST(Base64, MisplacedOrExcessPaddingIsRejected) {
  for (const char* bad : {"====", "A===", "Zm9v====", "Zg==Zg==", "Zg=a", "=Zg=", "Zm9v=A=="}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(base64_decode(bad), std::nullopt);
  }
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
  EXPECT_FALSE(constant_time_equals("", "a"));
  EXPECT_TRUE(constant_time_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace preflight
