#pragma once

// Renders a parsed template: directives, references and expressions with Velocity 1.7's
// semantics (null handling, truthiness, integer arithmetic, string concatenation).

#include <string>
#include <unordered_map>

#include "services/apigateway/vtl/ast.h"
#include "services/apigateway/vtl/runtime.h"

namespace preflight::apigateway::vtl {

class Evaluator {
 public:
  // Sets up $input, $util, $context and $stageVariables.
  explicit Evaluator(Runtime& rt);

  // Appends the rendering of `block` to `out`.
  void render(const Block& block, std::string& out);

 private:
  enum class Flow { kNormal, kBreak, kStop };

  Flow render_block(const Block& block);
  Flow render_foreach(const Node& node);
  void render_reference(const Node& node);
  void assign(const Node& node);
  void emit(std::string_view text);

  Value eval(const Expr& expr);
  Value eval_binary(const Expr& expr);
  Value eval_range(const Expr& expr);
  Value eval_reference(const Reference& ref, std::size_t steps);
  std::string render_string(const Block& block);

  Runtime& rt_;
  std::string* out_ = nullptr;
  std::unordered_map<std::string, Value> vars_;
};

}  // namespace preflight::apigateway::vtl
