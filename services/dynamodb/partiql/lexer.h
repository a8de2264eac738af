#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emulator/service/aws_error.h"

// The PartiQL tokenizer and the "wasn't well formed" error every syntax problem becomes.
namespace preflight::dynamodb::partiql {

enum class TokenKind {
  Word,    // an unquoted identifier or keyword: [A-Za-z_][A-Za-z0-9_$]*
  Quoted,  // "a quoted identifier" ("" escapes a quote); text is the name
  String,  // 'a string literal' ('' escapes a quote); text is the string
  Number,  // 12, 1.5, .5, 1e-3
  Symbol,  // ( ) [ ] { } << >> , . : ; * ? = <> != < <= > >= + - / % ||
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;

  bool is(std::string_view symbol) const { return kind == TokenKind::Symbol && text == symbol; }
  // A Word equal to `upper` in any case.
  bool is_word(std::string_view upper) const;
  // A Word that PartiQL reserves (SQL-92 and PartiQL keywords): never a bare attribute name.
  bool is_keyword() const;
};

// Comments (-- to the end of the line, /* ... */) are skipped. An unterminated string, name or
// comment, or a character PartiQL does not know, is malformed with nothing after the colon, as
// DynamoDB reports it. Always ends with an End token.
std::vector<Token> tokenize(std::string_view text);

// ValidationException "Statement wasn't well formed, can't be processed: <detail>".
core::AwsError malformed(std::string_view detail);

}  // namespace preflight::dynamodb::partiql
