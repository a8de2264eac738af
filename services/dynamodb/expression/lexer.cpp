#include "services/dynamodb/expression/lexer.h"

#include <array>

#include "emulator/common/strings.h"

namespace preflight::dynamodb::expr {
namespace {

// Words the grammar itself uses; they are never attribute names, whatever the expression kind.
constexpr std::array<std::string_view, 9> kKeywords = {"ADD", "AND", "BETWEEN", "DELETE", "IN",
                                                       "NOT", "OR",  "REMOVE",  "SET"};

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(char c) {
  return is_letter(c) || is_digit(c) || c == '_';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Length of the UTF-8 sequence starting with `lead`, so an unknown character is one token.
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) {
    return 4;
  }
  if (lead >= 0xE0) {
    return 3;
  }
  if (lead >= 0xC0) {
    return 2;
  }
  return 1;
}

std::size_t word_end(std::string_view text, std::size_t i) {
  while (i < text.size() && is_word_char(text[i])) {
    ++i;
  }
  return i;
}

}  // namespace

bool Token::is_keyword(std::string_view upper) const {
  return kind == TokenKind::Keyword && iequals(text, upper);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    Token token;
    token.begin = i;
    std::size_t end = i + 1;
    if (is_letter(c)) {
      end = word_end(text, i);
      token.kind = TokenKind::Identifier;
      for (std::string_view keyword : kKeywords) {
        if (iequals(text.substr(i, end - i), keyword)) {
          token.kind = TokenKind::Keyword;
        }
      }
    } else if (is_digit(c)) {
      while (end < text.size() && is_digit(text[end])) {
        ++end;
      }
      token.kind = TokenKind::Number;
    } else if ((c == '#' || c == ':') && end < text.size() && is_word_char(text[end])) {
      end = word_end(text, end);
      token.kind = c == '#' ? TokenKind::NameRef : TokenKind::ValueRef;
    } else if (c == '<' && end < text.size() && (text[end] == '>' || text[end] == '=')) {
      ++end;
      token.kind = TokenKind::Symbol;
    } else if (c == '>' && end < text.size() && text[end] == '=') {
      ++end;
      token.kind = TokenKind::Symbol;
    } else if (std::string_view("()[],.=<>+-").find(c) != std::string_view::npos) {
      token.kind = TokenKind::Symbol;
    } else {
      end = std::min(text.size(), i + utf8_length(static_cast<unsigned char>(c)));
      token.kind = TokenKind::Unknown;
    }
    token.end = end;
    token.text = text.substr(i, end - i);
    tokens.push_back(token);
    i = end;
  }
  tokens.push_back(Token{TokenKind::End, {}, text.size(), text.size()});
  return tokens;
}

std::string syntax_error_message(std::string_view text, const std::vector<Token>& tokens,
                                 std::size_t at) {
  const Token& bad = tokens[at];
  // ANTLR's report: previous token, hidden whitespace, the token, whitespace, next token.
  const std::size_t from = at > 0 ? tokens[at - 1].begin : 0;
  const std::size_t to = bad.kind == TokenKind::End ? text.size() : tokens[at + 1].end;
  const std::string token = bad.kind == TokenKind::End ? "<EOF>" : std::string(bad.text);
  return "Syntax error; token: \"" + token + "\", near: \"" +
         std::string(text.substr(from, to - from)) + "\"";
}

}  // namespace preflight::dynamodb::expr
