#include "services/logs/tokens.h"

#include <gtest/gtest.h>

namespace preflight::logs {
namespace {

TEST(Tokens, EventTokensRoundTrip) {
  for (const EventToken t :
       {EventToken{true, {-1, 0}}, EventToken{false, {1700000000123, 42}},
        EventToken{true, {100'000'000'000'000'000, 999'999'999'999'999'999}}}) {
    const auto text = event_token(t);
    EXPECT_EQ(text.size(), 60u);
    const auto back = parse_event_token(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(back->forward, t.forward);
    EXPECT_EQ(back->key, t.key);
  }
  EXPECT_EQ(event_token({true, {5, 7}}).substr(0, 2), "f/");
  EXPECT_EQ(event_token({false, {5, 7}}).substr(0, 2), "b/");
}

TEST(Tokens, BadEventTokensAreRejected) {
  for (const char* bad : {"", "f/", "x/00000000000000000000000000000000000000000000000000000000/s",
                          "f/0000000000000000000000000000000000000000000000000000000a/s",
                          "f/99999999999999999999000000000000000000000000000000000000/s",
                          "f/00000000000000000000999999999999999999999999999999999999/s"}) {
    EXPECT_FALSE(parse_event_token(bad).has_value()) << bad;
  }
}

TEST(Tokens, SequenceTokensAreDigits) {
  EXPECT_EQ(sequence_token(3), std::string(55, '0') + "3");
}

TEST(Tokens, FilterTokensRoundTrip) {
  const EventKey key{1700000000000, 12};
  EXPECT_EQ(parse_filter_token(filter_token(key)), key);
  EXPECT_FALSE(parse_filter_token("nope").has_value());
}

}  // namespace
}  // namespace preflight::logs
