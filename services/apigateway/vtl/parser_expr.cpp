#include <charconv>
#include <cstdlib>

#include "services/apigateway/vtl/parser_impl.h"
#include "services/apigateway/vtl/template.h"

namespace preflight::apigateway::vtl {

namespace {

ExprPtr make(Expr::Kind kind) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  return e;
}

ExprPtr binary(BinaryOp op, ExprPtr left, ExprPtr right) {
  auto e = make(Expr::Kind::kBinary);
  e->op = op;
  e->operands.push_back(std::move(left));
  e->operands.push_back(std::move(right));
  return e;
}

}  // namespace

void Parser::skip_space() {
  while (!at_end() &&
         (src_[p_] == ' ' || src_[p_] == '\t' || src_[p_] == '\n' || src_[p_] == '\r')) {
    ++p_;
  }
}

bool Parser::take(std::string_view token) {
  if (src_.substr(0, end_).substr(p_).starts_with(token)) {
    p_ += token.size();
    return true;
  }
  return false;
}

// A bare word (operator or literal) that is not the start of a longer name.
bool Parser::take_word(std::string_view word) {
  const auto rest = src_.substr(0, end_).substr(p_);
  if (rest.starts_with(word) && (rest.size() == word.size() || !is_ident_char(rest[word.size()]))) {
    p_ += word.size();
    return true;
  }
  return false;
}

void Parser::expect(char c, std::string_view what) {
  if (peek() != c) {
    fail(p_, "expected " + std::string(what));
  }
  ++p_;
}

// At a '$'. Returns nullopt (p_ unchanged) when what follows is not a reference, so the '$' is
// text; throws when a reference's method arguments are malformed, as Velocity does.
std::optional<Reference> Parser::parse_reference() {
  const std::size_t start = p_;
  ++p_;
  Reference ref;
  if (peek() == '!') {
    ref.quiet = true;
    ++p_;
  }
  const bool braced = peek() == '{';
  if (braced) {
    ++p_;
  }
  if (!is_ident_start(peek())) {
    p_ = start;
    return std::nullopt;
  }
  const std::size_t name_start = p_;
  while (!at_end() && is_ident_char(src_[p_])) {
    ++p_;
  }
  ref.root.assign(src_.substr(name_start, p_ - name_start));
  parse_reference_tail(ref);
  if (braced) {
    if (peek() != '}') {
      p_ = start;
      return std::nullopt;
    }
    ++p_;
  }
  ref.literal.assign(src_.substr(start, p_ - start));
  return ref;
}

void Parser::parse_reference_tail(Reference& ref) {
  Nest nest(*this);
  while (!at_end()) {
    if (peek() == '[') {
      // $a[0], $a['k'], $a[$i]; anything else leaves the '[' as text.
      const std::size_t save = p_;
      ++p_;
      try {
        skip_space();
        ExprPtr index = parse_expression();
        skip_space();
        if (peek() != ']') {
          p_ = save;
          return;
        }
        ++p_;
        RefStep step;
        step.kind = RefStep::Kind::kIndex;
        step.args.push_back(std::move(index));
        ref.steps.push_back(std::move(step));
      } catch (const Error&) {
        p_ = save;
        return;
      }
      continue;
    }
    if (peek() == '.' && is_alpha(peek(1))) {
      ++p_;
      const std::size_t name_start = p_;
      while (!at_end() && is_ident_char(src_[p_])) {
        ++p_;
      }
      RefStep step;
      step.name.assign(src_.substr(name_start, p_ - name_start));
      if (peek() == '(') {
        ++p_;
        step.kind = RefStep::Kind::kMethod;
        step.args = parse_arguments(')');
      }
      ref.steps.push_back(std::move(step));
      continue;
    }
    return;
  }
}

std::vector<ExprPtr> Parser::parse_arguments(char close) {
  std::vector<ExprPtr> args;
  skip_space();
  if (peek() == close) {
    ++p_;
    return args;
  }
  while (true) {
    args.push_back(parse_expression());
    skip_space();
    if (peek() == ',') {
      ++p_;
      continue;
    }
    if (peek() == close) {
      ++p_;
      return args;
    }
    fail(p_, std::string("expected ',' or '") + close + "'");
  }
}

ExprPtr Parser::parse_expression() {
  Nest nest(*this);
  return parse_or();
}

ExprPtr Parser::parse_or() {
  ExprPtr left = parse_and();
  while (true) {
    skip_space();
    if (take("||") || take_word("or")) {
      left = binary(BinaryOp::kOr, std::move(left), parse_and());
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_and() {
  ExprPtr left = parse_equality();
  while (true) {
    skip_space();
    if (take("&&") || take_word("and")) {
      left = binary(BinaryOp::kAnd, std::move(left), parse_equality());
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_equality() {
  ExprPtr left = parse_relational();
  while (true) {
    skip_space();
    if (take("==") || take_word("eq")) {
      left = binary(BinaryOp::kEq, std::move(left), parse_relational());
    } else if (take("!=") || take_word("ne")) {
      left = binary(BinaryOp::kNe, std::move(left), parse_relational());
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_relational() {
  ExprPtr left = parse_additive();
  while (true) {
    skip_space();
    BinaryOp op;
    if (take("<=") || take_word("le")) {
      op = BinaryOp::kLe;
    } else if (take(">=") || take_word("ge")) {
      op = BinaryOp::kGe;
    } else if (take("<") || take_word("lt")) {
      op = BinaryOp::kLt;
    } else if (take(">") || take_word("gt")) {
      op = BinaryOp::kGt;
    } else {
      return left;
    }
    left = binary(op, std::move(left), parse_additive());
  }
}

ExprPtr Parser::parse_additive() {
  ExprPtr left = parse_multiplicative();
  while (true) {
    skip_space();
    if (take("+")) {
      left = binary(BinaryOp::kAdd, std::move(left), parse_multiplicative());
    } else if (take("-")) {
      left = binary(BinaryOp::kSub, std::move(left), parse_multiplicative());
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_multiplicative() {
  ExprPtr left = parse_unary();
  while (true) {
    skip_space();
    BinaryOp op;
    if (take("*")) {
      op = BinaryOp::kMul;
    } else if (take("/")) {
      op = BinaryOp::kDiv;
    } else if (take("%")) {
      op = BinaryOp::kMod;
    } else {
      return left;
    }
    left = binary(op, std::move(left), parse_unary());
  }
}

ExprPtr Parser::parse_unary() {
  Nest nest(*this);
  skip_space();
  if ((peek() == '!' && peek(1) != '=') || take_word("not")) {
    if (peek() == '!') {
      ++p_;
    }
    auto e = make(Expr::Kind::kNot);
    e->operands.push_back(parse_unary());
    return e;
  }
  if (peek() == '-') {
    ++p_;
    auto e = make(Expr::Kind::kNeg);
    e->operands.push_back(parse_unary());
    return e;
  }
  return parse_primary();
}

ExprPtr Parser::parse_primary() {
  skip_space();
  const char c = peek();
  if (c == '$') {
    const std::size_t start = p_;
    auto ref = parse_reference();
    if (!ref) {
      fail(start, "expected a reference after '$'");
    }
    auto e = make(Expr::Kind::kRef);
    e->ref = std::move(*ref);
    return e;
  }
  if (c == '"' || c == '\'') {
    return parse_string();
  }
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
    return parse_number();
  }
  if (c == '[') {
    return parse_bracket();
  }
  if (c == '{') {
    return parse_map();
  }
  if (c == '(') {
    ++p_;
    ExprPtr inner = parse_expression();
    skip_space();
    expect(')', "')'");
    return inner;
  }
  for (auto [word, value] : {std::pair<std::string_view, Value>{"true", Value(true)},
                             {"false", Value(false)},
                             {"null", Value()}}) {
    if (take_word(word)) {
      auto e = make(Expr::Kind::kLiteral);
      e->literal = value;
      return e;
    }
  }
  if (at_end()) {
    fail(p_, "unexpected end of template in an expression");
  }
  fail(p_, std::string("unexpected '") + c + "' in an expression");
}

// 'single' is literal; "double" is a template of its own ($refs and directives are rendered).
ExprPtr Parser::parse_string() {
  const char quote = src_[p_];
  const std::size_t start = p_;
  std::size_t i = p_ + 1;
  while (i < end_ && src_[i] != quote) {
    i += (quote == '"' && src_[i] == '\\') ? 2 : 1;
  }
  if (i >= end_) {
    fail(start, "unterminated string");
  }
  const std::string_view content = src_.substr(start + 1, i - start - 1);
  p_ = i + 1;
  if (quote == '"' && content.find_first_of("$#") != std::string_view::npos) {
    auto e = make(Expr::Kind::kString);
    e->template_ = std::make_unique<Block>(Parser(src_, start + 1, i, depth_ + 1).parse_all());
    return e;
  }
  auto e = make(Expr::Kind::kLiteral);
  e->literal = Value(std::string(content));
  return e;
}

ExprPtr Parser::parse_number() {
  const std::size_t start = p_;
  bool is_float = false;
  while (is_digit(peek())) {
    ++p_;
  }
  if (peek() == '.' && is_digit(peek(1))) {  // "1..3" is a range, not 1.
    is_float = true;
    ++p_;
    while (is_digit(peek())) {
      ++p_;
    }
  }
  if ((peek() == 'e' || peek() == 'E') &&
      (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
    is_float = true;
    p_ += 2;
    while (is_digit(peek())) {
      ++p_;
    }
  }
  const std::string text(src_.substr(start, p_ - start));
  auto e = make(Expr::Kind::kLiteral);
  std::int64_t i = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), i);
  if (!is_float && res.ec == std::errc() && res.ptr == text.data() + text.size()) {
    e->literal = Value(i);
  } else {
    e->literal = Value(std::strtod(text.c_str(), nullptr));
  }
  return e;
}

// [a, b, c] or the range [from..to].
ExprPtr Parser::parse_bracket() {
  ++p_;
  skip_space();
  auto list = make(Expr::Kind::kList);
  if (peek() == ']') {
    ++p_;
    return list;
  }
  ExprPtr first = parse_expression();
  skip_space();
  if (take("..")) {
    auto range = make(Expr::Kind::kRange);
    range->operands.push_back(std::move(first));
    range->operands.push_back(parse_expression());
    skip_space();
    expect(']', "']' closing the range");
    return range;
  }
  list->operands.push_back(std::move(first));
  while (true) {
    skip_space();
    if (peek() == ']') {
      ++p_;
      return list;
    }
    expect(',', "',' or ']' in the list");
    list->operands.push_back(parse_expression());
  }
}

ExprPtr Parser::parse_map() {
  ++p_;
  auto map = make(Expr::Kind::kMap);
  skip_space();
  if (peek() == '}') {
    ++p_;
    return map;
  }
  while (true) {
    map->operands.push_back(parse_expression());
    skip_space();
    expect(':', "':' after the map key");
    map->operands.push_back(parse_expression());
    skip_space();
    if (peek() == '}') {
      ++p_;
      return map;
    }
    expect(',', "',' or '}' in the map");
  }
}

}  // namespace preflight::apigateway::vtl
