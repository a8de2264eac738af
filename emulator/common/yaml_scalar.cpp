#include "emulator/common/yaml_scalar.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace preflight::yaml_scalar {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) {
    return false;
  }
  for (const char c : s) {
    if (!pred(c)) {
      return false;
    }
  }
  return true;
}

bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// An unsigned magnitude in the given base as the smallest JSON integer holding it, or the text.
Json unsigned_number(std::string_view digits, int base, std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::string(text);
  }
  if (value <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

Json decimal_integer(std::string_view text) {
  std::string_view digits = text;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    digits.remove_prefix(1);
  }
  if (digits.size() > 1 && digits[0] == '0') {
    return std::string(text);  // zero-padded: an id or a code, not a number
  }
  if (!negative) {
    return unsigned_number(digits, 10, text);
  }
  std::int64_t value = 0;
  const std::string signed_digits = "-" + std::string(digits);
  const auto [end, ec] =
      std::from_chars(signed_digits.data(), signed_digits.data() + signed_digits.size(), value);
  if (ec != std::errc() || end != signed_digits.data() + signed_digits.size()) {
    return std::string(text);
  }
  return value;
}

// [-+]? ( \.[0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_core_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits == 0 && frac_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      ++i;
    }
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0) {
      return false;
    }
  }
  return i == s.size();
}

}  // namespace

Json plain_value(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (text.size() > 2 && text[0] == '0' && text[1] == 'x' && all_of(text.substr(2), is_hex)) {
    return unsigned_number(text.substr(2), 16, text);
  }
  if (text.size() > 2 && text[0] == '0' && text[1] == 'o' && all_of(text.substr(2), is_octal)) {
    return unsigned_number(text.substr(2), 8, text);
  }
  std::string_view unsigned_part = text;
  if (unsigned_part[0] == '-' || unsigned_part[0] == '+') {
    unsigned_part.remove_prefix(1);
  }
  if (all_of(unsigned_part, is_digit)) {
    return decimal_integer(text);
  }
  if (is_core_float(text)) {
    // strtod, not from_chars: it accepts the leading '+' YAML allows.
    const std::string copy(text);
    const double value = std::strtod(copy.c_str(), nullptr);
    if (std::isfinite(value)) {
      return value;
    }
  }
  return std::string(text);
}

}  // namespace preflight::yaml_scalar
