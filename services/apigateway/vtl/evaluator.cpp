#include "services/apigateway/vtl/evaluator.h"

#include <algorithm>
#include <optional>

#include "services/apigateway/vtl/builtins.h"
#include "services/apigateway/vtl/methods.h"
#include "services/apigateway/vtl/operators.h"

namespace preflight::apigateway::vtl {

namespace {

// Restores a variable (or its absence) when a #foreach ends, as Velocity 1.7 does.
class SavedVar {
 public:
  SavedVar(std::unordered_map<std::string, Value>& vars, std::string name)
      : vars_(vars), name_(std::move(name)) {
    auto it = vars_.find(name_);
    if (it != vars_.end()) {
      saved_ = it->second;
    }
  }
  ~SavedVar() {
    if (saved_) {
      vars_[name_] = std::move(*saved_);
    } else {
      vars_.erase(name_);
    }
  }
  SavedVar(const SavedVar&) = delete;
  SavedVar& operator=(const SavedVar&) = delete;
  const std::optional<Value>& saved() const { return saved_; }

 private:
  std::unordered_map<std::string, Value>& vars_;
  std::string name_;
  std::optional<Value> saved_;
};

}  // namespace

Evaluator::Evaluator(Runtime& rt) : rt_(rt) {
  vars_["input"] = Value(rt.new_object<InputObject>());
  vars_["util"] = Value(rt.new_object<UtilObject>());
  vars_["context"] = rt.from_json(rt.input().context);
  vars_["stageVariables"] = rt.from_json(rt.input().stage_variables);
}

void Evaluator::render(const Block& block, std::string& out) {
  out_ = &out;
  render_block(block);  // #stop and a #break outside a loop end the template
}

void Evaluator::emit(std::string_view text) {
  if (out_->size() + text.size() > rt_.limits().max_output_bytes) {
    throw LimitError("mapping template output is larger than " +
                     std::to_string(rt_.limits().max_output_bytes) + " bytes");
  }
  out_->append(text);
}

Evaluator::Flow Evaluator::render_block(const Block& block) {
  for (const auto& node : block) {
    switch (node->kind) {
      case Node::Kind::kText:
        emit(node->text);
        break;
      case Node::Kind::kRef:
        render_reference(*node);
        break;
      case Node::Kind::kSet:
        assign(*node);
        break;
      case Node::Kind::kIf:
        for (const auto& branch : node->branches) {
          if (!branch.condition || truthy(eval(*branch.condition))) {
            const Flow flow = render_block(branch.body);
            if (flow != Flow::kNormal) {
              return flow;
            }
            break;
          }
        }
        break;
      case Node::Kind::kForeach:
        if (render_foreach(*node) == Flow::kStop) {
          return Flow::kStop;
        }
        break;
      case Node::Kind::kBreak:
        return Flow::kBreak;
      case Node::Kind::kStop:
        return Flow::kStop;
    }
  }
  return Flow::kNormal;
}

Evaluator::Flow Evaluator::render_foreach(const Node& node) {
  const Value collection = eval(*node.expr);
  // A list's items, a map's values; anything else is not iterable and the loop does nothing.
  std::vector<Value> items;
  if (auto l = collection.as_list()) {
    items = l->items;  // a snapshot: the body may change the list
  } else if (auto m = collection.as_map()) {
    for (const auto& entry : m->entries) {
      items.push_back(entry.second);
    }
  }
  rt_.charge(items.size());
  SavedVar item(vars_, node.var);
  SavedVar count(vars_, "velocityCount");
  SavedVar has_next(vars_, "velocityHasNext");
  SavedVar scope(vars_, "foreach");
  // The parent is only ever an enclosing scope (a template may have #set $foreach to anything).
  Value parent;
  if (scope.saved() && dynamic_cast<ForeachScope*>(scope.saved()->as_object()) != nullptr) {
    parent = *scope.saved();
  }
  auto foreach = std::make_shared<ForeachScope>(std::move(parent));
  const std::size_t n = std::min(items.size(), rt_.limits().max_loop_iterations);
  for (std::size_t i = 0; i < n; ++i) {
    rt_.count_iteration();
    const bool more = i + 1 < items.size();
    vars_[node.var] = items[i];
    vars_["velocityCount"] = static_cast<std::int64_t>(i + 1);
    vars_["velocityHasNext"] = more;
    foreach
      ->advance(static_cast<std::int64_t>(i), more);
    vars_["foreach"] = Value(std::shared_ptr<Object>(foreach));
    const Flow flow = render_block(node.body);
    if (flow == Flow::kBreak) {
      break;
    }
    if (flow == Flow::kStop) {
      return Flow::kStop;
    }
  }
  return Flow::kNormal;
}

// Velocity's rules for a reference written with n backslashes before the '$': n/2 of them are
// printed; an odd n escapes the reference (printed as written, keeping one backslash when the
// reference is null); a null unescaped reference prints as written, or nothing when quiet.
void Evaluator::render_reference(const Node& node) {
  const Reference& ref = node.ref;
  const Value value = eval_reference(ref, ref.steps.size());
  const std::string prefix(static_cast<std::size_t>(node.backslashes / 2), '\\');
  if (node.backslashes % 2 == 1) {
    emit(prefix);
    if (value.is_null()) {
      emit("\\");
    }
    emit(ref.literal);
    return;
  }
  if (value.is_null()) {
    emit(prefix);
    emit(prefix);
    if (!ref.quiet) {
      emit(ref.literal);
    }
    return;
  }
  emit(prefix);
  append_text(*out_, value, rt_.limits().max_output_bytes);
}

// #set: a null value leaves the target as it was (Velocity 1.7's default).
void Evaluator::assign(const Node& node) {
  Value value = eval(*node.expr);
  if (value.is_null()) {
    return;
  }
  const Reference& target = node.ref;
  if (target.steps.empty()) {
    vars_[target.root] = std::move(value);
    return;
  }
  const Value holder = eval_reference(target, target.steps.size() - 1);
  const RefStep& last = target.steps.back();
  if (last.kind == RefStep::Kind::kProperty) {
    if (auto m = holder.as_map()) {
      rt_.charge(last.name.size() + sizeof(Value));
      m->put(last.name, std::move(value));
    }
    return;
  }
  const Value index = eval(*last.args.front());
  if (auto l = holder.as_list()) {
    if (auto i = index.as_int()) {
      std::int64_t at = *i < 0 ? *i + static_cast<std::int64_t>(l->items.size()) : *i;
      if (at >= 0 && at < static_cast<std::int64_t>(l->items.size())) {
        l->items[static_cast<std::size_t>(at)] = std::move(value);
      }
    }
  } else if (auto m = holder.as_map()) {
    if (!index.is_null()) {
      std::string key = to_text(index, rt_.limits().max_output_bytes);
      rt_.charge(key.size() + sizeof(Value));
      m->put(std::move(key), std::move(value));
    }
  }
}

// The reference's root and its first `steps` steps; null as soon as any part is.
Value Evaluator::eval_reference(const Reference& ref, std::size_t steps) {
  auto it = vars_.find(ref.root);
  Value value = it == vars_.end() ? Value() : it->second;
  for (std::size_t i = 0; i < steps && !value.is_null(); ++i) {
    const RefStep& step = ref.steps[i];
    Value next;
    switch (step.kind) {
      case RefStep::Kind::kProperty:
        if (!get_property(rt_, value, step.name, next)) {
          next = Value();
        }
        break;
      case RefStep::Kind::kMethod: {
        std::vector<Value> args;
        args.reserve(step.args.size());
        for (const auto& arg : step.args) {
          args.push_back(eval(*arg));
        }
        if (!call_method(rt_, value, step.name, args, next)) {
          next = Value();
        }
        break;
      }
      case RefStep::Kind::kIndex:
        next = get_index(rt_, value, eval(*step.args.front()));
        break;
    }
    value = std::move(next);
  }
  return value;
}

std::string Evaluator::render_string(const Block& block) {
  std::string text;
  std::string* outer = out_;
  out_ = &text;
  try {
    render_block(block);  // #stop or #break inside a string only end the string
  } catch (...) {
    out_ = outer;
    throw;
  }
  out_ = outer;
  rt_.charge(text.size());
  return text;
}

Value Evaluator::eval(const Expr& expr) {
  switch (expr.kind) {
    case Expr::Kind::kLiteral:
      return expr.literal;
    case Expr::Kind::kString:
      return Value(render_string(*expr.template_));
    case Expr::Kind::kRef:
      return eval_reference(expr.ref, expr.ref.steps.size());
    case Expr::Kind::kList: {
      auto list = rt_.new_list();
      rt_.charge(expr.operands.size() * sizeof(Value));
      for (const auto& item : expr.operands) {
        list->items.push_back(eval(*item));
      }
      return list;
    }
    case Expr::Kind::kMap: {
      auto map = rt_.new_map();
      for (std::size_t i = 0; i + 1 < expr.operands.size(); i += 2) {
        std::string key = to_text(eval(*expr.operands[i]), rt_.limits().max_output_bytes);
        rt_.charge(key.size() + sizeof(Value));
        map->put(std::move(key), eval(*expr.operands[i + 1]));
      }
      return map;
    }
    case Expr::Kind::kRange:
      return eval_range(expr);
    case Expr::Kind::kNot:
      return Value(!truthy(eval(*expr.operands[0])));
    case Expr::Kind::kNeg: {
      const Value v = eval(*expr.operands[0]);
      if (auto i = v.as_int()) {
        return *i == INT64_MIN ? Value(-static_cast<double>(*i)) : Value(-*i);
      }
      if (auto d = v.as_double()) {
        return Value(-*d);
      }
      return Value();
    }
    case Expr::Kind::kBinary:
      return eval_binary(expr);
  }
  return Value();
}

Value Evaluator::eval_binary(const Expr& expr) {
  const Expr& left = *expr.operands[0];
  const Expr& right = *expr.operands[1];
  switch (expr.op) {
    case BinaryOp::kOr:
      return Value(truthy(eval(left)) || truthy(eval(right)));
    case BinaryOp::kAnd:
      return Value(truthy(eval(left)) && truthy(eval(right)));
    case BinaryOp::kEq:
      return Value(loose_equals(rt_, eval(left), eval(right)));
    case BinaryOp::kNe:
      return Value(!loose_equals(rt_, eval(left), eval(right)));
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe:
      return Value(compare(expr.op, eval(left), eval(right)));
    default: {
      const Value a = eval(left);
      const Value b = eval(right);
      return arithmetic(rt_, expr.op, a, b);
    }
  }
}

// [from..to], either direction, both ends included; ends must be integers.
Value Evaluator::eval_range(const Expr& expr) {
  const Value from = eval(*expr.operands[0]);
  const Value to = eval(*expr.operands[1]);
  if (!from.as_int() || !to.as_int()) {
    return Value();
  }
  const std::int64_t a = *from.as_int();
  const std::int64_t b = *to.as_int();
  // Unsigned subtraction: exact for any two int64 values.
  const std::uint64_t span = a < b ? static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a)
                                   : static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b);
  if (span >= rt_.limits().max_range_size) {
    throw LimitError("range [" + std::to_string(a) + ".." + std::to_string(b) +
                     "] is larger than " + std::to_string(rt_.limits().max_range_size));
  }
  rt_.charge((span + 1) * sizeof(Value));
  auto list = rt_.new_list();
  list->items.reserve(span + 1);
  const std::int64_t step = a <= b ? 1 : -1;
  for (std::int64_t i = a;; i += step) {
    list->items.emplace_back(i);
    if (i == b) {
      break;
    }
  }
  return list;
}

}  // namespace preflight::apigateway::vtl
