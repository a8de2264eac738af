#pragma once

// The parsed form of a template. It holds only scalar literals, never containers, so one parsed
// template can be rendered by many requests at once.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "services/apigateway/vtl/value.h"

namespace preflight::apigateway::vtl {

struct Expr;
struct Node;
using ExprPtr = std::unique_ptr<Expr>;
using Block = std::vector<std::unique_ptr<Node>>;

struct RefStep {
  enum class Kind { kProperty, kMethod, kIndex };
  Kind kind = Kind::kProperty;
  std::string name;           // property or method name
  std::vector<ExprPtr> args;  // method arguments, or the one index
};

// $name.step.step(...)[i] — `literal` is the source text, which a null reference renders as.
struct Reference {
  std::string root;
  std::vector<RefStep> steps;
  bool quiet = false;  // $!x
  std::string literal;
};

enum class BinaryOp { kOr, kAnd, kEq, kNe, kLt, kLe, kGt, kGe, kAdd, kSub, kMul, kDiv, kMod };

struct Expr {
  enum class Kind { kLiteral, kString, kRef, kList, kMap, kRange, kNot, kNeg, kBinary };
  Kind kind = Kind::kLiteral;
  Value literal;                     // kLiteral: a scalar
  std::unique_ptr<Block> template_;  // kString: a double-quoted string, parsed as a template
  Reference ref;                     // kRef
  std::vector<ExprPtr> operands;     // kList items; kMap key,value pairs; kRange, kNot, kNeg,
                                     // kBinary operands
  BinaryOp op = BinaryOp::kOr;
};

struct Branch {
  ExprPtr condition;  // null for #else
  Block body;
};

struct Node {
  enum class Kind { kText, kRef, kSet, kIf, kForeach, kBreak, kStop };
  Kind kind = Kind::kText;
  std::string text;              // kText
  Reference ref;                 // kRef output, kSet target
  int backslashes = 0;           // kRef: backslashes written before the $
  ExprPtr expr;                  // kSet value, kForeach collection
  std::string var;               // kForeach loop variable
  std::vector<Branch> branches;  // kIf
  Block body;                    // kForeach
};

}  // namespace preflight::apigateway::vtl
