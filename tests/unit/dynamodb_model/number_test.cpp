#include "services/dynamodb/model/number.h"

#include <gtest/gtest.h>

#include <climits>
#include <random>
#include <string>
#include <vector>

#include "tests/unit/support/aws_error.h"

namespace preflight::dynamodb {
namespace {

using core::testing::thrown_aws_error;

const std::string kNotANumber = "The parameter cannot be converted to a numeric value";
const std::string kTooPrecise = "Attempting to store more than 38 significant digits in a Number";
const std::string kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const std::string kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

std::string zeros(int n) {
  return std::string(static_cast<std::size_t>(n), '0');
}
std::string nines(int n) {
  return std::string(static_cast<std::size_t>(n), '9');
}
// The largest number DynamoDB stores: 38 nines scaled to just below 1E+126.
const std::string kMax = "9." + nines(37) + "E+125";

void expect_validation(std::string_view text, const std::string& message) {
  const auto e = thrown_aws_error([&] { Number::parse(text); });
  EXPECT_EQ(e.code, "ValidationException") << text;
  EXPECT_EQ(e.message, message) << text;
  EXPECT_FALSE(Number::try_parse(text).has_value()) << text;
}

struct Canonical {
  std::string text;
  std::string canonical;
};

TEST(NumberParse, AcceptsDynamoDbSyntaxAndPrintsCanonicalPlainNotation) {
  const std::vector<Canonical> cases = {
      {"0", "0"},
      {"-0", "0"},
      {"+0", "0"},
      {"0.0", "0"},
      {"-0.000", "0"},
      {"000", "0"},
      {".0", "0"},
      {"0.", "0"},
      {"0e1000", "0"},
      {"-0E-5000", "0"},
      {"1", "1"},
      {"+1", "1"},
      {"-1", "-1"},
      {"+3", "3"},
      {"1.50", "1.5"},
      {"1E+2", "100"},
      {"1e2", "100"},
      {"1e+5", "100000"},
      {"1e-3", "0.001"},
      {"1E0", "1"},
      {".5", "0.5"},
      {"-.5", "-0.5"},
      {"5.", "5"},
      {"0001.20", "1.2"},
      {"00.00100", "0.001"},
      {"1000", "1000"},
      {"-1.50e3", "-1500"},
      {"12.34e-1", "1.234"},
      {"123.456E1", "1234.56"},
      {"-7.1234", "-7.1234"},
      {"-17e5", "-1700000"},
      {"-17.4E37", "-174" + zeros(36)},
      {"1E+125", "1" + zeros(125)},
      {"-1E+125", "-1" + zeros(125)},
      {kMax, nines(38) + zeros(88)},
      {"1E-130", "0." + zeros(129) + "1"},
      {"-1E-130", "-0." + zeros(129) + "1"},
      {"3.1415926535897932384626433832795028841", "3.1415926535897932384626433832795028841"},
      {"31415926535897932384626433832795028841e30",
       "31415926535897932384626433832795028841" + zeros(30)},
      {"0.000" + nines(38), "0.000" + nines(38)},
      {nines(38) + zeros(40), nines(38) + zeros(40)},
      {"1" + zeros(100) + ".000", "1" + zeros(100)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Number::parse(c.text).to_string(), c.canonical) << c.text;
    ASSERT_TRUE(Number::try_parse(c.text).has_value()) << c.text;
  }
}

TEST(NumberParse, RejectsTextThatIsNotANumberNamingTheText) {
  const std::vector<std::string> cases = {
      " 1",
      "1 ",
      "\t1",
      "abc",
      "1e",
      "1e+",
      "1E-",
      "--1",
      "+-1",
      "0x10",
      "Infinity",
      "-Infinity",
      "NaN",
      ".",
      "+",
      "-",
      "e5",
      ".e5",
      "1.2.3",
      "1,5",
      "1e5.5",
      "1_000",
      "1e2.",
      "١",
      "1e2147483648",
      "0e-2147483649",
      "1..2",
      "\"1\"",
  };
  for (const auto& text : cases) {
    expect_validation(text, kNotANumber + ": " + text);
  }
  expect_validation("", kNotANumber);  // no ": " suffix for empty text
}

TEST(NumberParse, AllowsThirtyEightSignificantDigitsNotThirtyNine) {
  const std::string d38 = "12345678901234567890123456789012345678";
  EXPECT_EQ(Number::parse(d38).significant_digits(), 38);
  EXPECT_EQ(Number::parse("-0.000" + d38).significant_digits(), 38);
  // Leading and trailing zeros are not significant.
  EXPECT_EQ(Number::parse("000" + d38 + "000000").significant_digits(), 38);
  EXPECT_EQ(Number::parse("1" + zeros(120)).significant_digits(), 1);
  EXPECT_EQ(Number::parse("1." + zeros(36) + "1").significant_digits(), 38);
  EXPECT_EQ(Number::parse("0.00120").significant_digits(), 2);
  EXPECT_EQ(Number::parse("0").significant_digits(), 0);

  expect_validation(d38 + "9", kTooPrecise);
  expect_validation("123456789012345678901234567890123456789", kTooPrecise);
  expect_validation("-1.23456789012345678901234567890123456789", kTooPrecise);
  expect_validation("1." + zeros(37) + "1", kTooPrecise);
  expect_validation("3.14159265358979323846264338327950288419", kTooPrecise);
  expect_validation("314159265358979323846264338327950288419e30", kTooPrecise);
}

TEST(NumberParse, EnforcesMagnitudeLimitsToTheLastDigit) {
  // Largest and smallest magnitudes, and one unit of the 38th digit beyond them.
  EXPECT_EQ(Number::parse(kMax).significant_digits(), 38);
  EXPECT_NO_THROW(Number::parse("-" + kMax));
  EXPECT_NO_THROW(Number::parse("1E-130"));
  EXPECT_NO_THROW(Number::parse("-1E-130"));
  expect_validation("1E+126", kOverflow);  // kMax + 1E+88
  expect_validation("1e126", kOverflow);
  expect_validation("-1e126", kOverflow);
  expect_validation("10E+125", kOverflow);
  expect_validation("11e125", kOverflow);
  expect_validation("1e2147483647", kOverflow);
  expect_validation("9." + nines(37) + "E-131", kUnderflow);  // 1E-130 - 1E-168
  expect_validation("1e-131", kUnderflow);
  expect_validation("-1e-131", kUnderflow);
  expect_validation("0.9e-130", kUnderflow);
  expect_validation("1e-2147483648", kUnderflow);
  // DynamoDB checks precision before magnitude.
  expect_validation("1234567890123456789012345678901234567890e200", kTooPrecise);
}

TEST(NumberParse, ZeroIsNeverNegative) {
  EXPECT_FALSE(Number::parse("-0").is_negative());
  EXPECT_TRUE(Number::parse("-0.0e7").is_zero());
  EXPECT_TRUE(Number().is_zero());
  EXPECT_EQ(Number().to_string(), "0");
  EXPECT_EQ((-Number::parse("0")).to_string(), "0");
  EXPECT_FALSE((-Number::parse("0")).is_negative());
  EXPECT_EQ((-Number::parse("1.5")).to_string(), "-1.5");
  EXPECT_EQ((-Number::parse("-1.5")).to_string(), "1.5");
}

TEST(NumberFromInt, CoversTheWholeRange) {
  EXPECT_EQ(Number::from_int(0).to_string(), "0");
  EXPECT_EQ(Number::from_int(1).to_string(), "1");
  EXPECT_EQ(Number::from_int(-1).to_string(), "-1");
  EXPECT_EQ(Number::from_int(1000).to_string(), "1000");
  EXPECT_EQ(Number::from_int(1000).significant_digits(), 1);
  EXPECT_EQ(Number::from_int(LLONG_MAX).to_string(), "9223372036854775807");
  EXPECT_EQ(Number::from_int(LLONG_MIN).to_string(), "-9223372036854775808");
}

struct Arithmetic {
  std::string a;
  std::string b;
  std::string result;
};

TEST(NumberArithmetic, AddsExactly) {
  const std::vector<Arithmetic> cases = {
      {"1", "2", "3"},
      {"0.1", "0.2", "0.3"},
      {"1", "-1", "0"},
      {"-5", "3", "-2"},
      {"5", "-3", "2"},
      {"-5", "-3", "-8"},
      {"9.99", "0.01", "10"},
      {"0", "-7.5", "-7.5"},
      {"-7.5", "0", "-7.5"},
      {"0", "0", "0"},
      {"123.456", "-123.456", "0"},
      {"0.001", "1000", "1000.001"},
      {"-0.001", "1000", "999.999"},
      {"1E+30", "1E+30", "2" + zeros(30)},
      {"1", "10000000000000000000000", "10000000000000000000001"},
      {nines(38), "1", "1" + zeros(38)},
      {"1E-130", "1E-130", "0." + zeros(129) + "2"},
      {"5E+125", "4." + nines(37) + "E+125", nines(38) + zeros(88)},
      {"1234567890123456789012345678901234567.8", "0.2", "1234567890123456789012345678901234568"},
      {"-" + kMax, kMax, "0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ((Number::parse(c.a) + Number::parse(c.b)).to_string(), c.result)
        << c.a << " + " << c.b;
    EXPECT_EQ((Number::parse(c.b) + Number::parse(c.a)).to_string(), c.result)
        << c.b << " + " << c.a;
  }
}

TEST(NumberArithmetic, SubtractsExactly) {
  const std::vector<Arithmetic> cases = {
      {"10000000000000000000000", "1", "9999999999999999999999"},
      {"1", "1", "0"},
      {"1", "2", "-1"},
      {"-1", "-1", "0"},
      {"0", "5", "-5"},
      {"5", "0", "5"},
      {"0.3", "0.1", "0.2"},
      {"-0.3", "0.1", "-0.4"},
      {"1E-100", "1E-101", "0." + zeros(100) + "9"},
      {"1" + zeros(38), "1", nines(38)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ((Number::parse(c.a) - Number::parse(c.b)).to_string(), c.result)
        << c.a << " - " << c.b;
  }
}

TEST(NumberArithmetic, RejectsResultsDynamoDbCannotStore) {
  auto expect_sum_error = [](const std::string& a, const std::string& b,
                             const std::string& message) {
    const auto e = thrown_aws_error([&] { Number::parse(a) + Number::parse(b); });
    EXPECT_EQ(e.code, "ValidationException") << a << " + " << b;
    EXPECT_EQ(e.message, message) << a << " + " << b;
  };
  // More than 38 digits: DynamoDB calls it an overflow, whatever the magnitude.
  expect_sum_error("1E+30", "1E-30", kOverflow);
  expect_sum_error("1E+50", "1", kOverflow);
  expect_sum_error("1E+50", "-1", kOverflow);
  expect_sum_error("12345678901234567890123456789012345678", "0.5", kOverflow);
  expect_sum_error(nines(38), "0.1", kOverflow);
  expect_sum_error("1E-130", "1E-90", kOverflow);
  // Magnitude.
  expect_sum_error("9E+125", "9E+125", kOverflow);
  expect_sum_error("-9E+125", "-9E+125", kOverflow);
  expect_sum_error(kMax, "1E+88", kOverflow);
  expect_sum_error("2E-130", "-1.5E-130", kUnderflow);
  expect_sum_error("-2E-130", "1.5E-130", kUnderflow);
  const auto e = thrown_aws_error([] { Number::parse("9E+125") - Number::parse("-9E+125"); });
  EXPECT_EQ(e.message, kOverflow);
}

TEST(NumberArithmetic, MatchesIntegerArithmeticOnRandomScaledValues) {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<long long> value(-999'999'999'999'999LL, 999'999'999'999'999LL);
  std::uniform_int_distribution<int> scale(-120, 100);
  for (int i = 0; i < 5000; ++i) {
    const long long x = value(rng);
    const long long y = value(rng);
    const std::string e = "e" + std::to_string(scale(rng));
    const auto a = Number::parse(std::to_string(x) + e);
    const auto b = Number::parse(std::to_string(y) + e);
    ASSERT_EQ(a + b, Number::parse(std::to_string(x + y) + e)) << x << e << " + " << y << e;
    ASSERT_EQ(a - b, Number::parse(std::to_string(x - y) + e)) << x << e << " - " << y << e;
    ASSERT_EQ(compare(a, b), x < y ? -1 : (x > y ? 1 : 0));
  }
}

TEST(NumberSize, CountsDigitPairsAlignedOnEvenPowersOfTen) {
  const std::vector<std::pair<std::string, std::size_t>> cases = {
      {"0", 1},
      {"1", 2},
      {"10", 2},
      {"12", 2},
      {"100", 2},
      {"1000", 2},
      {"123", 3},
      {"1.2", 3},
      {"0.1", 2},
      {"0.01", 2},
      {"0.12", 2},
      {"12345", 4},
      {"-1", 3},
      {"-12345", 5},
      {"1E+125", 2},
      {"1E-130", 2},
      {"12345678901234567890123456789012345678", 20},  // 19 pairs
      {"-12345678901234567890123456789012345678", 21},
      {"1.2345678901234567890123456789012345678", 21},   // 20 pairs, the first padded
      {"-1.2345678901234567890123456789012345678", 21},  // 20 pairs: no terminator byte
      {"1.234567890123456789012345678901234567", 20},
      {"-1.234567890123456789012345678901234567", 21},
  };
  for (const auto& [text, size] : cases) {
    EXPECT_EQ(Number::parse(text).size_bytes(), size) << text;
  }
}

}  // namespace
}  // namespace preflight::dynamodb
