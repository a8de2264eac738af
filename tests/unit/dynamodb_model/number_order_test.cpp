// Numeric order, three ways that must agree: compare(), the memcmp order of sort_key(), and
// (where a long double holds the values exactly enough) the hardware's order.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb {
namespace {

std::string repeat(char c, int n) {
  return std::string(static_cast<std::size_t>(n), c);
}

int memcmp_order(const std::string& a, const std::string& b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) {
    return c < 0 ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int sign(int v) {
  return v < 0 ? -1 : (v > 0 ? 1 : 0);
}

// Strictly ascending; every adjacent pair differs in some tricky way (sign, exponent, a digit
// that prefixes another, the limits).
std::vector<std::string> ascending() {
  const std::string max38 = "9." + repeat('9', 37);
  const std::string one_ulp = "1." + repeat('0', 36) + "1";  // 1 + 1E-37
  return {
      "-" + max38 + "E+125",
      "-1E+125",
      "-" + one_ulp + "E+100",
      "-1E+100",
      "-9.99E+99",
      "-9223372036854775808",
      "-123456789",
      "-1000",
      "-999.999",
      "-100.5",
      "-100.4999999999999999999",
      "-100",
      "-99.99",
      "-10",
      "-9",
      "-1.23",
      "-1.2",
      "-1.19",
      "-1.1",
      "-" + one_ulp,
      "-1",
      "-0." + repeat('9', 38),
      "-0.5",
      "-0.1234",
      "-0.123",
      "-0.12",
      "-0.1",
      "-0.09",
      "-1E-100",
      "-" + max38 + "E-130",
      "-1.1E-130",
      "-1E-130",
      "0",
      "1E-130",
      "1.1E-130",
      max38 + "E-130",
      "1E-129",
      "1E-100",
      "0.09",
      "0.0999999999",
      "0.1",
      "0.1" + repeat('0', 36) + "1",
      "0.12",
      "0.123",
      "0.1234",
      "0.2",
      "0.5",
      "0." + repeat('9', 38),
      "1",
      one_ulp,
      "1.1",
      "1.19",
      "1.2",
      "9",
      "9.5",
      "10",
      "10.01",
      "99",
      "100",
      "100.000001",
      "1000",
      "1001",
      "123456789",
      "9223372036854775807",
      "9223372036854775808",
      "1E+38",
      "12345678901234567890123456789012345678E+10",
      "1E+100",
      one_ulp + "E+100",
      "1E+125",
      max38 + "E+125",
  };
}

TEST(NumberOrder, CompareAndSortKeyAgreeOnEveryPairOfTrickyNumbers) {
  const auto texts = ascending();
  std::vector<Number> numbers;
  std::vector<std::string> keys;
  for (const auto& t : texts) {
    numbers.push_back(Number::parse(t));
    keys.push_back(numbers.back().sort_key());
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = 0; j < texts.size(); ++j) {
      const int expected = i < j ? -1 : (i > j ? 1 : 0);
      ASSERT_EQ(sign(compare(numbers[i], numbers[j])), expected) << texts[i] << " vs " << texts[j];
      ASSERT_EQ(memcmp_order(keys[i], keys[j]), expected) << texts[i] << " vs " << texts[j];
    }
  }
}

TEST(NumberOrder, EverySpellingOfANumberHasTheSameKey) {
  const std::vector<std::vector<std::string>> groups = {
      {"1", "1.0", "1E0", "10E-1", "0.1e1", "+1", "001.000"},
      {"0", "-0", "0.000", "0e99", "-0E-99"},
      {"-1.5", "-15e-1", "-0.0015E3", "-1.50"},
      {"100", "1E2", "1e+2", "0.001E5", "100.0"},
  };
  for (const auto& group : groups) {
    const auto key = Number::parse(group.front()).sort_key();
    for (const auto& t : group) {
      EXPECT_EQ(Number::parse(t).sort_key(), key) << t;
      EXPECT_EQ(Number::parse(t), Number::parse(group.front())) << t;
    }
  }
}

// Random numbers over the whole range: up to 38 digits, every exponent, both signs.
std::string random_number(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> length(1, 38);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> exponent(-130, 125);
  std::uniform_int_distribution<int> coin(0, 9);
  if (coin(rng) == 0) {
    return "0";
  }
  std::string digits(1, static_cast<char>('1' + digit(rng) % 9));
  const int n = length(rng);
  // Bias towards shared prefixes so that digit-by-digit and prefix cases come up often.
  for (int i = 1; i < n; ++i) {
    digits.push_back(coin(rng) < 5 ? '9' : static_cast<char>('0' + digit(rng)));
  }
  const int e = exponent(rng);
  return std::string(coin(rng) < 5 ? "-" : "") + digits.substr(0, 1) + "." + digits.substr(1) +
         "E" + std::to_string(e);
}

TEST(NumberOrder, SortKeyOrderMatchesCompareOnRandomPairs) {
  std::mt19937_64 rng(7);
  std::vector<Number> pool;
  for (int i = 0; i < 400; ++i) {
    pool.push_back(Number::parse(random_number(rng)));
  }
  // Near neighbours: same digits with one more digit, and the same number negated.
  for (std::size_t i = 0; i < 100; ++i) {
    pool.push_back(-pool[i]);
  }
  for (const auto& a : pool) {
    for (const auto& b : pool) {
      ASSERT_EQ(memcmp_order(a.sort_key(), b.sort_key()), sign(compare(a, b)))
          << a.to_string() << " vs " << b.to_string();
    }
  }
}

TEST(NumberOrder, CompareMatchesLongDoubleWhereTheConversionSeparatesThem) {
  // strtold rounds monotonically, so whenever two long doubles differ the exact values are in
  // the same order.
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<long long> mantissa(-999'999'999'999'999LL, 999'999'999'999'999LL);
  std::uniform_int_distribution<int> exponent(-60, 60);
  std::vector<std::string> texts;
  for (int i = 0; i < 600; ++i) {
    texts.push_back(std::to_string(mantissa(rng) / (i % 7 == 0 ? 1000000 : 1)) + "e" +
                    std::to_string(exponent(rng) / (i % 3 == 0 ? 20 : 1)));
  }
  int checked = 0;
  for (const auto& a : texts) {
    const long double x = std::strtold(a.c_str(), nullptr);
    const auto na = Number::parse(a);
    for (const auto& b : texts) {
      const long double y = std::strtold(b.c_str(), nullptr);
      if (x == y) {
        continue;
      }
      ++checked;
      ASSERT_EQ(sign(compare(na, Number::parse(b))), x < y ? -1 : 1) << a << " vs " << b;
    }
  }
  EXPECT_GT(checked, 300000);
}

}  // namespace
}  // namespace preflight::dynamodb
