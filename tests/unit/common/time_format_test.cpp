#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "emulator/common/time_format.h"

namespace preflight {
namespace {

constexpr std::int64_t kSuiteEpoch = 1440938160;  // 2015-08-30T12:36:00Z, the SigV4 suite's date
constexpr std::int64_t kLeapDayEnd = 951868799;   // 2000-02-29T23:59:59Z

TEST(AmzDate, FormatsBasicIso8601) {
  EXPECT_EQ(amz_date(kSuiteEpoch), "20150830T123600Z");
  EXPECT_EQ(amz_date(0), "19700101T000000Z");
  EXPECT_EQ(amz_date(kLeapDayEnd), "20000229T235959Z");
}

TEST(AmzDate, ParsesWhatItFormats) {
  EXPECT_EQ(parse_amz_date("20150830T123600Z"), kSuiteEpoch);
  for (const std::int64_t epoch :
       {std::int64_t{0}, kSuiteEpoch, kLeapDayEnd, std::int64_t{4102444799}}) {
    SCOPED_TRACE(epoch);
    EXPECT_EQ(parse_amz_date(amz_date(epoch)), epoch);
  }
}

TEST(AmzDate, RejectsBadInput) {
  for (const char* bad :
       {"", "20150830T123600", "20150830T123600ZZ", "20150830T123600 ", " 20150830T123600",
        "2015-08-30T12:36:00Z", "20150830X123600Z", "20150830T123600X", "20151330T123600Z",
        "20150832T123600Z", "20150830T243600Z", "20150830T126000Z", "abcdefghijklmnop",
        "Sun, 30 Aug 2015 12:36:00 GMT",
        // strptime alone accepts these: a leading space with a short month, a day the month
        // lacks, second 60.
        " 2015830T123600Z", "20150230T123600Z", "20150830T123660Z", "20150830t123600z"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(parse_amz_date(bad), std::nullopt);
  }
}

TEST(Iso8601, FormatsSecondsAndMilliseconds) {
  EXPECT_EQ(iso8601(kSuiteEpoch), "2015-08-30T12:36:00Z");
  EXPECT_EQ(iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso8601(kLeapDayEnd), "2000-02-29T23:59:59Z");
  EXPECT_EQ(iso8601_ms(kSuiteEpoch * 1000 + 123), "2015-08-30T12:36:00.123Z");
  EXPECT_EQ(iso8601_ms(kSuiteEpoch * 1000 + 5), "2015-08-30T12:36:00.005Z");
  EXPECT_EQ(iso8601_ms(kSuiteEpoch * 1000), "2015-08-30T12:36:00.000Z");
  EXPECT_EQ(iso8601_ms(kLeapDayEnd * 1000 + 999), "2000-02-29T23:59:59.999Z");
}

TEST(HttpDate, FormatsRfc7231) {
  EXPECT_EQ(http_date(kSuiteEpoch), "Sun, 30 Aug 2015 12:36:00 GMT");
  EXPECT_EQ(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(http_date(kLeapDayEnd), "Tue, 29 Feb 2000 23:59:59 GMT");
}

TEST(HttpDate, ParsesWhatItFormats) {
  EXPECT_EQ(parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT"), kSuiteEpoch);
  for (const std::int64_t epoch : {std::int64_t{0}, kSuiteEpoch, kLeapDayEnd}) {
    SCOPED_TRACE(epoch);
    EXPECT_EQ(parse_http_date(http_date(epoch)), epoch);
  }
}

TEST(HttpDate, RejectsBadInput) {
  for (const char* bad :
       {"", "Sun, 30 Aug 2015 12:36:00", "Sun, 30 Aug 2015 12:36:00 GMT extra",
        "Sun, 30 Foo 2015 12:36:00 GMT", "Sun, 32 Aug 2015 12:36:00 GMT",
        "Sun, 30 Aug 2015 25:36:00 GMT", "2015-08-30T12:36:00Z", "20150830T123600Z"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(parse_http_date(bad), std::nullopt);
  }
}

TEST(UnixNow, SecondsAndMillisecondsAgree) {
  const auto s = unix_now();
  const auto ms = unix_now_ms();
  EXPECT_GT(s, kSuiteEpoch);
  EXPECT_LE(s * 1000, ms);
  EXPECT_LT(ms - s * 1000, 2000);
}

}  // namespace
}  // namespace preflight
