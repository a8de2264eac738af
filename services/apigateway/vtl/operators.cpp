#include "services/apigateway/vtl/operators.h"

#include <cmath>
#include <limits>

namespace preflight::apigateway::vtl {

namespace {

Value integer_arithmetic(BinaryOp op, std::int64_t x, std::int64_t y) {
  std::int64_t r = 0;
  switch (op) {
    case BinaryOp::kAdd:
      if (__builtin_add_overflow(x, y, &r)) {
        return Value(static_cast<double>(x) + static_cast<double>(y));
      }
      return Value(r);
    case BinaryOp::kSub:
      if (__builtin_sub_overflow(x, y, &r)) {
        return Value(static_cast<double>(x) - static_cast<double>(y));
      }
      return Value(r);
    case BinaryOp::kMul:
      if (__builtin_mul_overflow(x, y, &r)) {
        return Value(static_cast<double>(x) * static_cast<double>(y));
      }
      return Value(r);
    case BinaryOp::kDiv:
    case BinaryOp::kMod:
      if (y == 0) {
        return Value();
      }
      if (x == std::numeric_limits<std::int64_t>::min() && y == -1) {
        return op == BinaryOp::kDiv ? Value(-static_cast<double>(x)) : Value(std::int64_t{0});
      }
      return Value(op == BinaryOp::kDiv ? x / y : x % y);
    default:
      return Value();
  }
}

Value double_arithmetic(BinaryOp op, double x, double y) {
  switch (op) {
    case BinaryOp::kAdd:
      return Value(x + y);
    case BinaryOp::kSub:
      return Value(x - y);
    case BinaryOp::kMul:
      return Value(x * y);
    case BinaryOp::kDiv:
      return y == 0 ? Value() : Value(x / y);
    case BinaryOp::kMod:
      return y == 0 ? Value() : Value(std::fmod(x, y));
    default:
      return Value();
  }
}

}  // namespace

bool loose_equals(Runtime& rt, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    return a.is_null() && b.is_null();
  }
  if ((a.is_number() && b.is_number()) || a.v.index() == b.v.index()) {
    return values_equal(a, b);
  }
  return to_text(a, rt.limits().max_output_bytes) == to_text(b, rt.limits().max_output_bytes);
}

bool compare(BinaryOp op, const Value& a, const Value& b) {
  if (!a.is_number() || !b.is_number()) {
    return false;
  }
  int order = 0;
  if (a.as_int() && b.as_int()) {
    order = *a.as_int() < *b.as_int() ? -1 : (*a.as_int() > *b.as_int() ? 1 : 0);
  } else {
    const double x = a.number();
    const double y = b.number();
    if (std::isnan(x) || std::isnan(y)) {
      return false;
    }
    order = x < y ? -1 : (x > y ? 1 : 0);
  }
  switch (op) {
    case BinaryOp::kLt:
      return order < 0;
    case BinaryOp::kLe:
      return order <= 0;
    case BinaryOp::kGt:
      return order > 0;
    case BinaryOp::kGe:
      return order >= 0;
    default:
      return false;
  }
}

Value arithmetic(Runtime& rt, BinaryOp op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    return Value();
  }
  if (a.is_number() && b.is_number()) {
    if (a.as_int() && b.as_int()) {
      return integer_arithmetic(op, *a.as_int(), *b.as_int());
    }
    return double_arithmetic(op, a.number(), b.number());
  }
  if (op == BinaryOp::kAdd && (a.as_string() || b.as_string())) {
    std::string joined = to_text(a, rt.limits().max_output_bytes);
    append_text(joined, b, rt.limits().max_output_bytes);
    rt.charge(joined.size());
    return Value(std::move(joined));
  }
  return Value();
}

}  // namespace preflight::apigateway::vtl
