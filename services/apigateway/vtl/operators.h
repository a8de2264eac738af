#pragma once

// Velocity 1.7's operators on values.

#include "services/apigateway/vtl/ast.h"
#include "services/apigateway/vtl/runtime.h"

namespace preflight::apigateway::vtl {

// == : numbers by value, same types by equals(), different types by their toString(); null equals
// only null.
bool loose_equals(Runtime& rt, const Value& a, const Value& b);

// < <= > >= : numbers only; anything else is false.
bool compare(BinaryOp op, const Value& a, const Value& b);

// + - * / % : integers stay integers (division truncates, overflow widens to a double), a
// decimal operand makes a double; + with a string operand concatenates. Null (or a non-number,
// or a division by zero) gives null.
Value arithmetic(Runtime& rt, BinaryOp op, const Value& a, const Value& b);

}  // namespace preflight::apigateway::vtl
