#include <set>

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/model/number.h"
#include "services/dynamodb/partiql/parser_impl.h"

// Literals and `?` parameters: strings, numbers, booleans, NULL, {'k': v} maps, [..] lists and
// <<..>> sets, turned into AttributeValues as they are parsed.
namespace preflight::dynamodb::partiql {
namespace {

constexpr const char* kBagTypes =
    "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags";

// A number literal in DynamoDB's canonical form; its errors name where the literal sits
// ("... under root.x").
std::string number(const std::string& text, const std::string& at) {
  try {
    return Number::parse(text).to_string();
  } catch (const core::AwsError& e) {
    // A literal the lexer took for a number but no number can hold (1e2147483648): DynamoDB's
    // parser gives up on it with nothing to say.
    if (e.message.starts_with("The parameter cannot be converted")) {
      throw malformed("");
    }
    throw errors::validation(e.message + " under " + at);
  }
}

}  // namespace

// ---- values ----

Node Parser::parameter() {
  advance();
  if (parameters_ == nullptr || !parameters_->is_array() ||
      next_parameter_ >= parameters_->size()) {
    throw errors::validation("Number of parameters in request and statement don't match.");
  }
  Json value = (*parameters_)[next_parameter_++];
  validate_value(value);
  return Node::of_value(std::move(value));
}

Json Parser::literal(const std::string& at) {
  const Token t = advance();
  if (t.kind == TokenKind::String) {
    return Json{{"S", t.text}};
  }
  if (t.kind == TokenKind::Number) {
    return Json{{"N", number(t.text, at)}};
  }
  if (t.is("-") && peek().kind == TokenKind::Number) {
    return Json{{"N", number("-" + advance().text, at)}};
  }
  if (t.is_word("TRUE") || t.is_word("FALSE")) {
    return Json{{"BOOL", t.is_word("TRUE")}};
  }
  if (t.is_word("NULL")) {
    return Json{{"NULL", true}};
  }
  if (t.is("{")) {
    return map(at);
  }
  if (t.is("<<")) {
    return bag(at);
  }
  if (t.is("[")) {
    Json list = Json::array();
    if (!accept("]")) {
      do {
        const std::string element_at = at + "[" + std::to_string(list.size()) + "]";
        list.push_back(peek().is("?") ? parameter().value : literal(element_at));
      } while (accept(","));
      expect("]");
    }
    return Json{{"L", std::move(list)}};
  }
  --pos_;
  unexpected();
}

// After the '{'. Members of the top-level item (at == "") are each a root of their own.
Json Parser::map(const std::string& at) {
  Json members = Json::object();
  if (!accept("}")) {
    do {
      if (peek().kind != TokenKind::String) {
        unexpected();
      }
      const std::string key = advance().text;
      expect(":");
      const std::string member_at = at.empty() ? "root" : at + "." + key;
      Json value = peek().is("?") ? parameter().value : literal(member_at);
      if (members.contains(key)) {
        throw errors::validation("Duplicate keys in tuple. Key: " + key + " under " +
                                 (at.empty() ? "root" : at));
      }
      members[key] = std::move(value);
    } while (accept(","));
    expect("}");
  }
  return Json{{"M", std::move(members)}};
}

// After the '<<': a string set or a number set.
Json Parser::bag(const std::string& at) {
  if (accept(">>")) {
    throw errors::validation("Empty bags are not supported");
  }
  std::string type;
  std::set<std::string> seen;
  Json members = Json::array();
  do {
    const Token& t = peek();
    std::string member_type;
    std::string member;
    if (t.kind == TokenKind::String) {
      member_type = "SS";
      member = advance().text;
    } else if (t.kind == TokenKind::Number || (t.is("-") && peek(1).kind == TokenKind::Number)) {
      member_type = "NS";
      member = literal(at)["N"].get<std::string>();
    } else if (t.is("?") || t.is_word("TRUE") || t.is_word("FALSE") || t.is_word("NULL") ||
               t.is("{") || t.is("[") || t.is("<<")) {
      throw errors::validation(kBagTypes);
    } else {
      unexpected();
    }
    if (!type.empty() && type != member_type) {
      throw errors::validation(kBagTypes);
    }
    type = member_type;
    const std::string canonical = type == "NS" ? Number::parse(member).to_string() : member;
    if (!seen.insert(canonical).second) {
      throw errors::validation("Input collection contains duplicates");
    }
    members.push_back(member);
  } while (accept(","));
  expect(">>");
  return Json{{type, std::move(members)}};
}

}  // namespace preflight::dynamodb::partiql
