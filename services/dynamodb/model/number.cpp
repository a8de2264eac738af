#include "services/dynamodb/model/number.h"

#include <algorithm>
#include <climits>
#include <vector>

#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {
namespace {

constexpr std::size_t kMaxDigits = 38;
// In the 0.d1d2... x 10^e form: 1E-130 is 0.1 x 10^-129 and 9.99...E+125 is 0.999... x 10^126.
constexpr long long kMinExponent = -129;
constexpr long long kMaxExponent = 126;
// The sort key stores exponent + kExponentBias in one byte: -129..126 maps onto 0..255 exactly.
constexpr int kExponentBias = 129;

// Sort key layout: a class byte (negative < zero < positive), then for non-zero numbers the
// biased exponent and the digits as '0'..'9'. Negatives complement exponent and digits and end
// with 0xFF so that a shorter digit string (-0.12) sorts after a longer one it prefixes (-0.123).
constexpr char kNegativeClass = 0x01;
constexpr char kZeroClass = 0x02;
constexpr char kPositiveClass = 0x03;
constexpr char kNegativeTerminator = static_cast<char>(0xFF);

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

core::AwsError not_a_number(std::string_view text) {
  // DynamoDB appends the offending text after ": ", and leaves the suffix out when it is empty.
  std::string message = "The parameter cannot be converted to a numeric value";
  if (!text.empty()) {
    message += ": ";
    message += text;
  }
  return errors::validation(std::move(message));
}

core::AwsError too_precise() {
  return errors::validation("Attempting to store more than 38 significant digits in a Number");
}

core::AwsError overflow() {
  return errors::validation(
      "Number overflow. Attempting to store a number with magnitude larger than supported range");
}

core::AwsError underflow() {
  return errors::validation(
      "Number underflow. Attempting to store a number with magnitude smaller than supported "
      "range");
}

}  // namespace

Number::Status Number::parse_into(std::string_view text, Number& out) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string digits;
  long long integer_digits = 0;
  for (; i < text.size() && is_digit(text[i]); ++i) {
    digits.push_back(text[i]);
    ++integer_digits;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && is_digit(text[i]); ++i) {
      digits.push_back(text[i]);
    }
  }
  if (digits.empty()) {
    return Status::kNotANumber;  // "", "+", ".", "e5", "abc"
  }
  long long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    if (i == text.size()) {
      return Status::kNotANumber;  // "1e", "1e+"
    }
    for (; i < text.size() && is_digit(text[i]); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      // BigDecimal keeps the exponent in an int and rejects the text when it does not fit.
      if (exponent > static_cast<long long>(INT_MAX) + 1) {
        return Status::kNotANumber;
      }
    }
    exponent = exponent_negative ? -exponent : exponent;
    if (exponent > INT_MAX) {
      return Status::kNotANumber;
    }
  }
  if (i != text.size()) {
    return Status::kNotANumber;  // " 1", "1 ", "1.2.3", "0x10", "1e5.5"
  }
  return normalise(negative, std::move(digits), integer_digits + exponent, out);
}

Number::Status Number::normalise(bool negative, std::string digits, long long exponent,
                                 Number& out) {
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    out = Number();
    return Status::kOk;
  }
  const auto last = digits.find_last_not_of('0');
  exponent -= static_cast<long long>(first);
  digits = digits.substr(first, last - first + 1);
  if (digits.size() > kMaxDigits) {
    return Status::kTooPrecise;
  }
  if (exponent > kMaxExponent) {
    return Status::kOverflow;
  }
  if (exponent < kMinExponent) {
    return Status::kUnderflow;
  }
  out.negative_ = negative;
  out.digits_ = std::move(digits);
  out.exponent_ = static_cast<int>(exponent);
  return Status::kOk;
}

Number Number::parse(std::string_view text) {
  Number n;
  switch (parse_into(text, n)) {
    case Status::kOk:
      return n;
    case Status::kNotANumber:
      throw not_a_number(text);
    case Status::kTooPrecise:
      throw too_precise();
    case Status::kOverflow:
      throw overflow();
    case Status::kUnderflow:
      throw underflow();
  }
  throw not_a_number(text);
}

std::optional<Number> Number::try_parse(std::string_view text) {
  Number n;
  if (parse_into(text, n) != Status::kOk) {
    return std::nullopt;
  }
  return n;
}

Number Number::from_int(long long value) {
  // Through unsigned arithmetic so that LLONG_MIN has a magnitude too.
  const bool negative = value < 0;
  unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(value)
                                          : static_cast<unsigned long long>(value);
  std::string digits;
  while (magnitude != 0) {
    digits.push_back(static_cast<char>('0' + magnitude % 10));
    magnitude /= 10;
  }
  std::reverse(digits.begin(), digits.end());
  Number n;
  const auto length = static_cast<long long>(digits.size());
  normalise(negative, std::move(digits), length, n);  // at most 20 digits: always representable
  return n;
}

std::string Number::to_string() const {
  if (is_zero()) {
    return "0";
  }
  std::string out = negative_ ? "-" : "";
  const int length = static_cast<int>(digits_.size());
  if (exponent_ <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent_), '0');
    out += digits_;
  } else if (exponent_ >= length) {
    out += digits_;
    out.append(static_cast<std::size_t>(exponent_ - length), '0');
  } else {
    out += digits_.substr(0, static_cast<std::size_t>(exponent_));
    out += '.';
    out += digits_.substr(static_cast<std::size_t>(exponent_));
  }
  return out;
}

int compare(const Number& a, const Number& b) {
  const int sign_a = a.is_zero() ? 0 : (a.negative_ ? -1 : 1);
  const int sign_b = b.is_zero() ? 0 : (b.negative_ ? -1 : 1);
  if (sign_a != sign_b) {
    return sign_a < sign_b ? -1 : 1;
  }
  if (sign_a == 0) {
    return 0;
  }
  // Same sign: compare magnitudes. With no leading zeros the exponent decides first; with no
  // trailing zeros a digit string that prefixes another is the smaller magnitude.
  int magnitude = 0;
  if (a.exponent_ != b.exponent_) {
    magnitude = a.exponent_ < b.exponent_ ? -1 : 1;
  } else {
    const int c = a.digits_.compare(b.digits_);
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sign_a * magnitude;
}

Number Number::add(const Number& a, const Number& b, bool negate_b) {
  const bool b_negative = b.is_zero() ? false : (b.negative_ != negate_b);
  if (b.is_zero()) {
    return a;
  }
  if (a.is_zero()) {
    Number r = b;
    r.negative_ = b_negative;
    return r;
  }
  // Lay both digit strings out over the same span of powers of ten: position 0 is the digit
  // worth 10^(top-1); the span is at most 126 + 129 + 38 digits wide.
  const int top = std::max(a.exponent_, b.exponent_);
  const int bottom =
      std::min(a.exponent_ - a.significant_digits(), b.exponent_ - b.significant_digits());
  const auto width = static_cast<std::size_t>(top - bottom);
  auto lay_out = [&](const Number& n) {
    std::vector<int> v(width, 0);
    const auto offset = static_cast<std::size_t>(top - n.exponent_);
    for (std::size_t i = 0; i < n.digits_.size(); ++i) {
      v[offset + i] = n.digits_[i] - '0';
    }
    return v;
  };
  std::vector<int> x = lay_out(a);
  std::vector<int> y = lay_out(b);
  bool negative = a.negative_;
  std::string digits;
  long long exponent = top;
  if (a.negative_ == b_negative) {
    std::string sum(width + 1, '0');
    int carry = 0;
    for (std::size_t i = width; i-- > 0;) {
      const int d = x[i] + y[i] + carry;
      sum[i + 1] = static_cast<char>('0' + d % 10);
      carry = d / 10;
    }
    sum[0] = static_cast<char>('0' + carry);
    digits = std::move(sum);
    exponent = static_cast<long long>(top) + 1;
  } else {
    if (x < y) {  // lexicographic on aligned digits is magnitude order
      std::swap(x, y);
      negative = b_negative;
    }
    std::string difference(width, '0');
    int borrow = 0;
    for (std::size_t i = width; i-- > 0;) {
      int d = x[i] - y[i] - borrow;
      borrow = d < 0 ? 1 : 0;
      d += borrow * 10;
      difference[i] = static_cast<char>('0' + d);
    }
    digits = std::move(difference);
  }
  Number r;
  switch (normalise(negative, std::move(digits), exponent, r)) {
    case Status::kOk:
      return r;
    case Status::kUnderflow:
      throw underflow();
    case Status::kTooPrecise:  // DynamoDB reports an inexact result as an overflow
    case Status::kOverflow:
    case Status::kNotANumber:
      break;
  }
  throw overflow();
}

Number Number::operator+(const Number& other) const {
  return add(*this, other, false);
}

Number Number::operator-(const Number& other) const {
  return add(*this, other, true);
}

Number Number::operator-() const {
  Number r = *this;
  r.negative_ = !is_zero() && !negative_;
  return r;
}

std::string Number::sort_key() const {
  if (is_zero()) {
    return std::string(1, kZeroClass);
  }
  const auto biased = static_cast<unsigned char>(exponent_ + kExponentBias);
  std::string key;
  key.reserve(digits_.size() + 3);
  if (!negative_) {
    key.push_back(kPositiveClass);
    key.push_back(static_cast<char>(biased));
    key += digits_;
    return key;
  }
  key.push_back(kNegativeClass);
  key.push_back(static_cast<char>(0xFF - biased));
  for (const char d : digits_) {
    key.push_back(static_cast<char>('9' - (d - '0')));
  }
  key.push_back(kNegativeTerminator);
  return key;
}

std::size_t Number::size_bytes() const {
  if (is_zero()) {
    return 1;
  }
  // Digits are stored in pairs aligned on even powers of ten, so an odd exponent (in the
  // 0.d x 10^e form) puts the first digit alone in its pair.
  const std::size_t padded = digits_.size() + (exponent_ % 2 != 0 ? 1 : 0);
  const std::size_t pairs = (padded + 1) / 2;
  return 1 + pairs + (negative_ && pairs < 20 ? 1 : 0);
}

}  // namespace preflight::dynamodb
