#include "services/dynamodb/expression/ast.h"

namespace preflight::dynamodb::expr {

std::string path_to_string(const Path& path) {
  std::string out = "[";
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += path[i].is_index ? "[" + std::to_string(path[i].index) + "]" : path[i].name;
  }
  return out + "]";
}

std::string_view comparator_symbol(Comparator op) {
  switch (op) {
    case Comparator::Eq:
      return "=";
    case Comparator::Ne:
      return "<>";
    case Comparator::Lt:
      return "<";
    case Comparator::Le:
      return "<=";
    case Comparator::Gt:
      return ">";
    case Comparator::Ge:
      return ">=";
  }
  return "=";
}

Operand Operand::of_path(Path p) {
  Operand op;
  op.kind = Kind::Path;
  op.path = std::move(p);
  return op;
}

Operand Operand::constant(Json v) {
  Operand op;
  op.kind = Kind::Value;
  op.value = std::move(v);
  return op;
}

Operand Operand::call(std::string name, std::vector<Operand> call_args) {
  Operand op;
  op.kind = Kind::Call;
  op.function = std::move(name);
  op.args = std::move(call_args);
  return op;
}

}  // namespace preflight::dynamodb::expr
