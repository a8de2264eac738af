#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The expression tokenizer shared by every expression kind, and DynamoDB's syntax-error message,
// which quotes the offending token and the text around it.
namespace preflight::dynamodb::expr {

enum class TokenKind {
  Identifier,  // [A-Za-z][A-Za-z0-9_]*, not a keyword
  Keyword,     // ADD AND BETWEEN DELETE IN NOT OR REMOVE SET, any case
  NameRef,     // #[A-Za-z0-9_]+
  ValueRef,    // :[A-Za-z0-9_]+
  Number,      // [0-9]+ (only valid as a list index)
  Symbol,      // ( ) [ ] , . = <> < <= > >= + -
  Unknown,     // any other character: always a syntax error
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string_view text;
  std::size_t begin = 0;  // byte offsets into the expression
  std::size_t end = 0;

  bool is(std::string_view symbol) const { return kind == TokenKind::Symbol && text == symbol; }
  // Keywords compare case-insensitively; `upper` must be upper-case.
  bool is_keyword(std::string_view upper) const;
};

// Always ends with an End token.
std::vector<Token> tokenize(std::string_view text);

// "Syntax error; token: \"x\", near: \"a x b\"" for tokens[at]: the token, with the previous and
// next tokens and the whitespace between them, as DynamoDB's parser reports it.
std::string syntax_error_message(std::string_view text, const std::vector<Token>& tokens,
                                 std::size_t at);

}  // namespace preflight::dynamodb::expr
