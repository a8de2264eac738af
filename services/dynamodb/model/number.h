#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::dynamodb {

// A DynamoDB number, exact: at most 38 significant digits, magnitude from 1E-130 up to (but not
// including) 1E+126, or zero. Arithmetic is exact decimal arithmetic on digit strings (never
// double); results that cannot be represented are errors, as in DynamoDB.
class Number {
 public:
  Number() = default;  // zero

  // Parses DynamoDB's number syntax (Java BigDecimal's): optional sign, digits with an optional
  // '.', optional exponent ("-1.50e3", ".5", "5.", "+1E+2", "0001.20"); no spaces, no "NaN",
  // "Infinity" or hex. Throws ValidationException with DynamoDB's messages, checked in this order:
  //   text that is not a number: "The parameter cannot be converted to a numeric value: <text>"
  //     (just "The parameter cannot be converted to a numeric value" for empty text);
  //   more than 38 significant digits once leading and trailing zeros are dropped:
  //     "Attempting to store more than 38 significant digits in a Number";
  //   magnitude >= 1E+126: "Number overflow. Attempting to store a number with magnitude larger
  //     than supported range"; below 1E-130: "Number underflow. ...smaller than supported range".
  // Zero is valid with any exponent ("0e1000").
  static Number parse(std::string_view text);
  static std::optional<Number> try_parse(std::string_view text);  // nullopt instead of throwing
  static Number from_int(long long value);

  // DynamoDB's canonical form: plain notation, no exponent, no trailing zeros after the point,
  // no leading zeros, "-" only for negatives, zero is "0": "1.50" -> "1.5", "1E+2" -> "100",
  // "-0.0" -> "0", "1e-3" -> "0.001".
  std::string to_string() const;

  bool is_zero() const { return digits_.empty(); }
  bool is_negative() const { return negative_; }
  int significant_digits() const { return static_cast<int>(digits_.size()); }

  // Exact. A result DynamoDB cannot store throws ValidationException; DynamoDB reports a result
  // that needs more than 38 significant digits (1E+50 + 1) as an overflow, so both that and a
  // magnitude >= 1E+126 give "Number overflow. Attempting to store a number with magnitude
  // larger than supported range"; a non-zero magnitude below 1E-130 gives the underflow message.
  Number operator+(const Number& other) const;
  Number operator-(const Number& other) const;
  Number operator-() const;

  friend int compare(const Number& a, const Number& b);  // <0, 0, >0
  friend bool operator==(const Number& a, const Number& b) { return compare(a, b) == 0; }
  friend bool operator<(const Number& a, const Number& b) { return compare(a, b) < 0; }

  // Bytes whose memcmp order is the numeric order (for sort keys in SQLite). Equal numbers have
  // equal keys whatever their spelling ("1", "1.0", "1E0").
  std::string sort_key() const;

  // Bytes DynamoDB's storage format takes for this number, the figure item sizes count: one
  // exponent byte, one byte per pair of digits aligned on an even power of ten, and one
  // terminator byte for a negative number shorter than 20 digit bytes; zero takes 1 byte.
  std::size_t size_bytes() const;

 private:
  enum class Status { kOk, kNotANumber, kTooPrecise, kOverflow, kUnderflow };
  static Status parse_into(std::string_view text, Number& out);
  // Strips leading/trailing zeros from digits (value = 0.digits x 10^exponent) and checks the
  // limits, precision first.
  static Status normalise(bool negative, std::string digits, long long exponent, Number& out);
  static Number add(const Number& a, const Number& b, bool negate_b);

  bool negative_ = false;
  std::string digits_;  // significant digits, no leading or trailing zeros; empty for zero
  int exponent_ = 0;    // value = 0.d1d2d3... x 10^exponent_ (scientific exponent + 1)
};

}  // namespace preflight::dynamodb
