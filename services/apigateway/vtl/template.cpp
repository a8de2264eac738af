#include "services/apigateway/vtl/template.h"

#include "services/apigateway/vtl/evaluator.h"
#include "services/apigateway/vtl/parser.h"

namespace preflight::apigateway::vtl {

struct Program {
  Block block;
};

Template::Template(std::string_view text)
    : program_(std::make_unique<Program>(Program{parse_template(text)})) {}

Template::~Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

std::string Template::render(const Input& input, const Limits& limits) const {
  std::string out;
  Runtime rt(input, limits);
  Evaluator evaluator(rt);
  evaluator.render(program_->block, out);
  return out;
}

std::string render(std::string_view text, const Input& input) {
  return Template(text).render(input);
}

}  // namespace preflight::apigateway::vtl
