#include "services/dynamodb/partiql/lexer.h"

#include <algorithm>
#include <iterator>

#include "emulator/common/strings.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::partiql {
namespace {

// PartiQL's keywords (SQL-92's plus its own), lower case and sorted: an unquoted name that is one
// of them is a syntax error, so `WHERE pad = 1` fails where `WHERE "pad" = 1` runs.
// clang-format off
constexpr std::string_view kKeywords[] = {
    "absolute", "action", "add", "all", "allocate", "alter", "and", "any", "are", "as", "asc",
    "assertion", "at", "authorization", "avg", "bag", "begin", "between", "bigint", "bit",
    "bit_length", "blob", "bool", "boolean", "by", "can_cast", "can_lossless_cast", "cascade",
    "cascaded", "case", "cast", "catalog", "char", "char_length", "character", "character_length",
    "check", "clob", "close", "coalesce", "collate", "collation", "column", "commit", "conflict",
    "connect", "connection", "constraint", "constraints", "continue", "convert", "corresponding",
    "count", "create", "cross", "current", "current_date", "current_time", "current_timestamp",
    "current_user", "cursor", "date", "date_add", "date_diff", "deallocate", "dec", "decimal",
    "declare", "default", "deferrable", "deferred", "delete", "desc", "describe", "descriptor",
    "diagnostics", "disconnect", "distinct", "do", "domain", "double", "drop", "else", "end",
    "end-exec", "escape", "except", "exception", "exec", "execute", "exists", "external",
    "extract", "false", "fetch", "first", "float", "for", "foreign", "found", "from", "full",
    "get", "global", "go", "goto", "grant", "group", "having", "identity", "immediate", "in",
    "index", "indicator", "initially", "inner", "input", "insensitive", "insert", "int", "int2",
    "int4", "int8", "integer", "integer2", "integer4", "integer8", "intersect", "interval", "into",
    "is", "isolation", "join", "key", "language", "last", "left", "let", "level", "like", "limit",
    "list", "local", "lower", "match", "max", "min", "missing", "modified", "module", "names",
    "national", "natural", "nchar", "new", "next", "no", "not", "nothing", "null", "nullif",
    "numeric", "octet_length", "of", "offset", "old", "on", "only", "open", "option", "or",
    "order", "outer", "output", "overlaps", "pad", "partial", "pivot", "position", "precision",
    "prepare", "preserve", "primary", "prior", "privileges", "procedure", "public", "read", "real",
    "references", "relative", "remove", "restrict", "returning", "revoke", "right", "rollback",
    "rows", "schema", "scroll", "section", "select", "session", "session_user", "set", "sexp",
    "size", "smallint", "some", "space", "sql", "sqlcode", "sqlerror", "sqlstate", "string",
    "struct", "substring", "sum", "symbol", "system_user", "table", "temporary", "then", "time",
    "timestamp", "to", "transaction", "translate", "translation", "trim", "true", "tuple", "union",
    "unique", "unknown", "unpivot", "update", "upper", "usage", "user", "using", "value", "values",
    "varchar", "varying", "view", "when", "whenever", "where", "with", "work", "write", "zone",
};
// clang-format on

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

// A quoted string or name starting at text[i] (the quote): its text with doubled quotes undone.
std::string quoted(std::string_view text, std::size_t& i) {
  const char quote = text[i++];
  std::string out;
  while (true) {
    if (i >= text.size()) {
      throw malformed("");
    }
    if (text[i] == quote) {
      if (i + 1 < text.size() && text[i + 1] == quote) {
        out += quote;
        i += 2;
        continue;
      }
      ++i;
      return out;
    }
    out += text[i++];
  }
}

std::size_t number_end(std::string_view text, std::size_t i) {
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) {
      ++j;
    }
    if (j < text.size() && is_digit(text[j])) {
      i = j;
      while (i < text.size() && is_digit(text[i])) {
        ++i;
      }
    }
  }
  return i;
}

// Skips whitespace and comments; false at the end of the text.
bool skip_blank(std::string_view text, std::size_t& i) {
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      while (i < text.size() && text[i] != '\n') {
        ++i;
      }
    } else if (text.substr(i, 2) == "/*") {
      const auto close = text.find("*/", i + 2);
      if (close == std::string_view::npos) {
        throw malformed("");
      }
      i = close + 2;
    } else {
      return true;
    }
  }
  return false;
}

}  // namespace

bool Token::is_word(std::string_view upper) const {
  return kind == TokenKind::Word && iequals(text, upper);
}

bool Token::is_keyword() const {
  if (kind != TokenKind::Word) {
    return false;
  }
  const auto lower = to_lower(text);
  return std::find(std::begin(kKeywords), std::end(kKeywords), lower) != std::end(kKeywords);
}

std::vector<Token> tokenize(std::string_view text) {
  static constexpr std::string_view kTwoCharSymbols[] = {"<<", ">>", "<>", "!=", "<=", ">=", "||"};
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (skip_blank(text, i)) {
    const char c = text[i];
    if (is_letter(c) || c == '_') {
      const std::size_t begin = i;
      while (i < text.size() &&
             (is_letter(text[i]) || is_digit(text[i]) || text[i] == '_' || text[i] == '$')) {
        ++i;
      }
      tokens.push_back({TokenKind::Word, std::string(text.substr(begin, i - begin))});
    } else if (c == '"' || c == '\'') {
      tokens.push_back({c == '"' ? TokenKind::Quoted : TokenKind::String, quoted(text, i)});
    } else if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      const std::size_t end = number_end(text, i);
      tokens.push_back({TokenKind::Number, std::string(text.substr(i, end - i))});
      i = end;
    } else {
      const auto two = text.substr(i, 2);
      if (std::find(std::begin(kTwoCharSymbols), std::end(kTwoCharSymbols), two) !=
          std::end(kTwoCharSymbols)) {
        tokens.push_back({TokenKind::Symbol, std::string(two == "!=" ? "<>" : two)});
        i += 2;
        continue;
      }
      if (std::string_view("()[]{},.:;*?=<>+-/%").find(c) == std::string_view::npos) {
        throw malformed("");
      }
      tokens.push_back({TokenKind::Symbol, std::string(1, c)});
      ++i;
    }
  }
  tokens.push_back({TokenKind::End, ""});
  return tokens;
}

core::AwsError malformed(std::string_view detail) {
  return errors::validation("Statement wasn't well formed, can't be processed: " +
                            std::string(detail));
}

}  // namespace preflight::dynamodb::partiql
