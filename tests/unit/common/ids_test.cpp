#include <gtest/gtest.h>

#include <set>
#include <string>

#include "emulator/common/ids.h"

namespace preflight {
namespace {

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

TEST(NewUuid, IsALowerCaseVersion4Uuid) {
  for (int i = 0; i < 100; ++i) {
    const auto id = new_uuid();
    SCOPED_TRACE(id);
    ASSERT_EQ(id.size(), 36u);
    for (std::size_t pos = 0; pos < id.size(); ++pos) {
      if (pos == 8 || pos == 13 || pos == 18 || pos == 23) {
        EXPECT_EQ(id[pos], '-');
      } else {
        EXPECT_TRUE(is_lower_hex(id[pos])) << "at " << pos;
      }
    }
    EXPECT_EQ(id[14], '4');                                          // version nibble
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);  // RFC 4122 variant
  }
}

TEST(NewUuid, IsUniqueAcrossCalls) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    seen.insert(new_uuid());
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomAlnum, HasTheRequestedLengthAndAlphabet) {
  EXPECT_EQ(random_alnum(0), "");
  for (const std::size_t n : {1u, 16u, 128u}) {
    const auto s = random_alnum(n);
    EXPECT_EQ(s.size(), n);
    for (const char c : s) {
      EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
          << "unexpected character " << static_cast<int>(c);
    }
  }
}

TEST(RandomAlnum, CoversTheWholeAlphabetAndVaries) {
  const auto s = random_alnum(10000);
  const std::set<char> used(s.begin(), s.end());
  EXPECT_EQ(used.size(), 62u);
  EXPECT_NE(random_alnum(32), random_alnum(32));
}

}  // namespace
}  // namespace preflight
