#include "services/dynamodb/expression/check.h"

#include <array>

#include "services/dynamodb/expression/reserved_words.h"
#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::expr {
namespace {

struct FunctionInfo {
  std::string_view name;
  std::size_t arity;
  FunctionContext context;
  TypeMask operand_types;
  TypeMask returns;
  bool distinct_operands;  // the first operand, a path, may not repeat later
};

constexpr TypeMask kBool = type_bit(Type::BOOL);
constexpr std::array<FunctionInfo, 8> kFunctions = {{
    {"attribute_exists", 1, FunctionContext::Condition, kAllTypes, kBool, true},
    {"attribute_not_exists", 1, FunctionContext::Condition, kAllTypes, kBool, true},
    {"attribute_type", 2, FunctionContext::Condition, kAllTypes, kBool, true},
    {"begins_with", 2, FunctionContext::Condition, kStringBinary, kBool, true},
    {"contains", 2, FunctionContext::Condition, kAllTypes, kBool, true},
    {"size", 1, FunctionContext::Condition, kSizedTypes, type_bit(Type::N), true},
    {"if_not_exists", 2, FunctionContext::Update, kAllTypes, kAllTypes, true},
    {"list_append", 2, FunctionContext::Update, type_bit(Type::L), type_bit(Type::L), false},
}};

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : kFunctions) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

[[noreturn]] void invalid(std::string_view kind, const std::string& message) {
  throw errors::validation("Invalid " + std::string(kind) + ": " + message);
}

// The types an operand can produce, which operators check against what they accept.
TypeMask possible_types(const Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::Value:
      return type_bit(value_type(operand.value));
    case Operand::Kind::Path:
      return kAllTypes;
    case Operand::Kind::Call:
      return find_function(operand.function)->returns;
  }
  return kAllTypes;
}

// As DynamoDB lists them in "Invalid attribute type name found".
constexpr std::string_view kValidTypeNames = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}";

}  // namespace

void check_expression_text(std::string_view text, std::string_view kind) {
  if (text.empty()) {
    invalid(kind, "The expression can not be empty;");
  }
  if (text.size() > kMaxExpressionBytes) {
    invalid(kind, "Expression size has exceeded the maximum allowed size; expression size: " +
                      std::to_string(text.size()));
  }
}

void walk_path(const Path& path, std::string_view kind) {
  for (const PathElement& element : path) {
    if (element.is_index && element.index == kInvalidListIndex) {
      invalid(kind, "List index is not within the allowable range; index: " + element.name);
    }
    if (!element.is_index && !element.is_placeholder && is_reserved_word(element.name)) {
      invalid(kind, "Attribute name is a reserved keyword; reserved keyword: " + element.name);
    }
  }
}

void walk_operand(const Operand& operand, FunctionContext context, int nesting,
                  std::string_view kind) {
  if (operand.kind == Operand::Kind::Path) {
    walk_path(operand.path, kind);
    return;
  }
  if (operand.kind != Operand::Kind::Call) {
    return;
  }
  const FunctionInfo* f = find_function(operand.function);
  if (f == nullptr) {
    invalid(kind, "Invalid function name; function: " + operand.function);
  }
  if (f->context != context) {
    invalid(kind, std::string("The function is not allowed in ") +
                      (context == FunctionContext::Condition ? "a condition" : "an update") +
                      " expression; function: " + operand.function);
  }
  // Only size() nests in a condition (and only there is a function a condition of its own);
  // only if_not_exists() nests in an update.
  const bool misused = context == FunctionContext::Condition
                           ? (nesting == 0 ? f->returns != kBool : f->name != "size")
                           : (nesting > 0 && f->name != "if_not_exists");
  if (misused) {
    invalid(kind, "The function is not allowed to be used this way in an expression; function: " +
                      operand.function);
  }
  for (const Operand& arg : operand.args) {
    walk_operand(arg, context, nesting + 1, kind);
  }
}

void walk_condition(const ConditionNode& node, std::string_view kind) {
  if (node.kind == ConditionNode::Kind::Call) {
    walk_operand(node.operands.front(), FunctionContext::Condition, 0, kind);
    return;
  }
  for (const Operand& operand : node.operands) {
    walk_operand(operand, FunctionContext::Condition, 1, kind);
  }
  for (const ConditionNode& child : node.children) {
    walk_condition(child, kind);
  }
}

void Validator::fail(const std::string& message) const {
  invalid(kind_, message);
}

void Validator::path(Path& path) {
  if (path.size() > kMaxPathDepth) {
    fail("The document path has too many nesting levels; nesting levels: " +
         std::to_string(path.size()));
  }
  for (PathElement& element : path) {
    if (element.is_placeholder) {
      element.name = placeholders_.name(element.name, kind_);
      element.is_placeholder = false;
    }
  }
}

void Validator::operand(Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::Path:
      path(operand.path);
      return;
    case Operand::Kind::Value:
      if (!operand.placeholder.empty()) {
        operand.value = placeholders_.value(operand.placeholder, kind_);
      }
      return;
    case Operand::Kind::Call:
      call(operand);
      return;
  }
}

void Validator::call(Operand& call) {
  for (Operand& arg : call.args) {
    operand(arg);
  }
  check_operator(call.function, call.args);
  const std::string& name = call.function;
  if ((name == "attribute_exists" || name == "attribute_not_exists" || name == "if_not_exists") &&
      call.args.front().kind != Operand::Kind::Path) {
    fail("Operator or function requires a document path; operator or function: " + name);
  }
  if (name == "attribute_type") {
    const Operand& type = call.args[1];
    if (type.kind != Operand::Kind::Value || value_type(type.value) != Type::S) {
      fail(
          "Incorrect operand type for operator or function; operator or function: "
          "attribute_type, operand type: " +
          type_symbols(possible_types(type)));
    }
    const std::string& type_name = type.value["S"].get_ref<const std::string&>();
    if (!type_from_name(type_name)) {
      fail("Invalid attribute type name found; type: " + type_name +
           ", valid types: " + std::string(kValidTypeNames));
    }
  }
  count_operator();
}

void Validator::check_operator(std::string_view name, const std::vector<Operand>& operands) {
  std::size_t arity = 0;
  TypeMask accepted = kAllTypes;
  bool distinct = true;
  if (const FunctionInfo* f = find_function(name)) {
    arity = f->arity;
    accepted = f->operand_types;
    distinct = f->distinct_operands;
  } else if (name == "BETWEEN") {
    arity = 3;
    accepted = kOrderedTypes;
  } else if (name == "IN") {
    arity = operands.size();
  } else if (name == "+" || name == "-") {
    arity = 2;
    accepted = type_bit(Type::N);
    distinct = false;
  } else {
    arity = 2;
    accepted = (name == "=" || name == "<>") ? kAllTypes : kOrderedTypes;
  }
  if (operands.size() != arity) {
    fail("Incorrect number of operands for operator or function; operator or function: " +
         std::string(name) + ", number of operands: " + std::to_string(operands.size()));
  }
  for (const Operand& op : operands) {
    if ((possible_types(op) & accepted) == 0) {
      fail("Incorrect operand type for operator or function; operator or function: " +
           std::string(name) + ", operand type: " + type_symbols(possible_types(op)));
    }
  }
  if (distinct && operands.size() > 1 && operands.front().kind == Operand::Kind::Path) {
    for (std::size_t i = 1; i < operands.size(); ++i) {
      if (operands[i].kind == Operand::Kind::Path && operands[i].path == operands.front().path) {
        fail(
            "The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: " +
            std::string(name) + ", first operand: " + path_to_string(operands.front().path));
      }
    }
  }
}

void Validator::condition(ConditionNode& node) {
  for (ConditionNode& child : node.children) {
    condition(child);
  }
  if (node.kind == ConditionNode::Kind::Call) {
    call(node.operands.front());
    return;
  }
  for (Operand& op : node.operands) {
    operand(op);
  }
  switch (node.kind) {
    case ConditionNode::Kind::Compare:
      check_operator(comparator_symbol(node.op), node.operands);
      break;
    case ConditionNode::Kind::Between: {
      check_operator("BETWEEN", node.operands);
      const Operand& low = node.operands[1];
      const Operand& high = node.operands[2];
      if (low.kind == Operand::Kind::Value && high.kind == Operand::Kind::Value) {
        const std::string bounds =
            "; lower bound operand: AttributeValue: " + render_value(low.value) +
            ", upper bound operand: AttributeValue: " + render_value(high.value);
        if (value_type(low.value) != value_type(high.value)) {
          fail("The BETWEEN operator requires same data type for lower and upper bounds" + bounds);
        }
        if (compare(low.value, high.value).value_or(0) > 0) {
          fail(
              "The BETWEEN operator requires upper bound to be greater than or equal to lower "
              "bound" +
              bounds);
        }
      }
      break;
    }
    case ConditionNode::Kind::In:
      check_operator("IN", node.operands);
      if (node.operands.size() - 1 > kMaxInOperands) {
        fail("The IN operator is provided with too many operands; number of operands: " +
             std::to_string(node.operands.size() - 1));
      }
      break;
    default:
      break;
  }
  count_operator();
}

void Validator::arithmetic(char op, Operand& left, Operand& right) {
  operand(left);
  operand(right);
  std::vector<Operand> operands{left, right};
  check_operator(std::string(1, op), operands);
  count_operator();
}

void Validator::count_operator() {
  if (++operators_ > kMaxOperators) {
    fail("The expression contains too many operators; operator count: " +
         std::to_string(operators_));
  }
}

}  // namespace preflight::dynamodb::expr
