#pragma once

// The parser's internals, shared by parser.cpp (text and directives) and parser_expr.cpp
// (references and expressions).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "services/apigateway/vtl/ast.h"

namespace preflight::apigateway::vtl {

class Parser {
 public:
  // Parses src[begin, end) (a double-quoted string is parsed as a template of its own, in place,
  // so error positions stay those of the whole text).
  Parser(std::string_view src, std::size_t begin, std::size_t end, int depth)
      : src_(src), p_(begin), end_(end), depth_(depth) {}
  Block parse_all();

 private:
  enum class Stop { kEof, kEnd, kElse, kElseIf };
  struct BlockEnd {
    Stop stop = Stop::kEof;
    ExprPtr condition;  // kElseIf
    std::size_t pos = 0;
  };
  // Counts nesting for as long as it lives; past kMaxNesting the template is refused.
  class Nest {
   public:
    explicit Nest(Parser& p);
    ~Nest() { --parser_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& parser_;
  };

  // parser.cpp
  Block parse_block(BlockEnd& end);
  bool parse_directive(Block& block, std::string& pending, BlockEnd& end);
  void parse_if(Block& block, std::size_t start);
  void parse_foreach(Block& block, std::size_t start);
  void parse_set(Block& block, std::string& pending);
  ExprPtr parse_condition(std::string_view directive, std::size_t start);
  void eat_line_end();

  // parser_expr.cpp
  std::optional<Reference> parse_reference();
  void parse_reference_tail(Reference& ref);
  std::vector<ExprPtr> parse_arguments(char close);
  ExprPtr parse_expression();
  ExprPtr parse_or();
  ExprPtr parse_and();
  ExprPtr parse_equality();
  ExprPtr parse_relational();
  ExprPtr parse_additive();
  ExprPtr parse_multiplicative();
  ExprPtr parse_unary();
  ExprPtr parse_primary();
  ExprPtr parse_string();
  ExprPtr parse_number();
  ExprPtr parse_bracket();
  ExprPtr parse_map();
  bool take_word(std::string_view word);
  bool take(std::string_view token);
  void expect(char c, std::string_view what);
  void skip_space();

  // shared
  [[noreturn]] void fail(std::size_t pos, const std::string& message) const;
  char peek(std::size_t k = 0) const { return p_ + k < end_ ? src_[p_ + k] : '\0'; }
  bool at_end() const { return p_ >= end_; }

  std::string_view src_;
  std::size_t p_;
  std::size_t end_;
  int depth_;
};

inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// Velocity 1.7 identifiers: a letter or _, then letters, digits, _ and also '-' ($a-b is one name).
inline bool is_ident_start(char c) {
  return is_alpha(c) || c == '_';
}
inline bool is_ident_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
}

}  // namespace preflight::apigateway::vtl
