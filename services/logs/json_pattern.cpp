#include <cmath>
#include <cstdlib>
#include <variant>

#include "emulator/common/text_scan.h"
#include "services/logs/filter_pattern.h"

namespace preflight::logs {

// One comparison, or && / || over children.
struct JsonPattern::Node {
  enum class Kind { And, Or, Compare };
  enum class Op { Eq, Ne, Lt, Gt, Le, Ge, IsTrue, IsFalse, IsNull, NotExists };
  Kind kind = Kind::Compare;
  std::vector<std::shared_ptr<const Node>> children;
  std::vector<std::variant<std::string, std::size_t>> path;  // members and list indexes
  Op op = Op::Eq;
  std::variant<std::string, double> value;
};

namespace {

using Node = JsonPattern::Node;
using NodePtr = std::shared_ptr<const Node>;

// Shell-style '*' wildcards, the only special character in a pattern's string values.
bool glob(std::string_view pattern, std::string_view text) {
  return wildcard_match(pattern, text);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  NodePtr pattern() {
    expect("{");
    auto root = disjunction();
    expect("}");
    skip();
    if (pos_ != text_.size()) {
      fail("unexpected text after '}'");
    }
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw PatternError("Invalid JSON filter pattern at character " + std::to_string(pos_ + 1) +
                       ": " + what);
  }
  void skip() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }
  bool accept(std::string_view token) {
    skip();
    if (text_.substr(pos_).starts_with(token)) {
      pos_ += token.size();
      return true;
    }
    return false;
  }
  void expect(std::string_view token) {
    if (!accept(token)) {
      fail("expected '" + std::string(token) + "'");
    }
  }
  // A keyword must not run into a longer word (IS TRUE vs IS TRUEISH).
  bool keyword(std::string_view word) {
    skip();
    const auto rest = text_.substr(pos_);
    if (rest.starts_with(word) && (rest.size() == word.size() ||
                                   !std::isalnum(static_cast<unsigned char>(rest[word.size()])))) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  NodePtr combine(Node::Kind kind, std::vector<NodePtr> children) {
    if (children.size() == 1) {
      return children.front();
    }
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->children = std::move(children);
    return node;
  }
  NodePtr disjunction() {
    std::vector<NodePtr> children{conjunction()};
    while (accept("||")) {
      children.push_back(conjunction());
    }
    return combine(Node::Kind::Or, std::move(children));
  }
  NodePtr conjunction() {
    std::vector<NodePtr> children{primary()};
    while (accept("&&")) {
      children.push_back(primary());
    }
    return combine(Node::Kind::And, std::move(children));
  }
  NodePtr primary() {
    if (accept("(")) {
      auto inner = disjunction();
      expect(")");
      return inner;
    }
    return comparison();
  }

  NodePtr comparison() {
    auto node = std::make_shared<Node>();
    selector(*node);
    if (keyword("IS")) {
      if (keyword("TRUE")) {
        node->op = Node::Op::IsTrue;
      } else if (keyword("FALSE")) {
        node->op = Node::Op::IsFalse;
      } else if (keyword("NULL")) {
        node->op = Node::Op::IsNull;
      } else {
        fail("expected TRUE, FALSE or NULL after IS");
      }
      return node;
    }
    if (keyword("NOT")) {
      if (!keyword("EXISTS")) {
        fail("expected EXISTS after NOT");
      }
      node->op = Node::Op::NotExists;
      return node;
    }
    node->op = accept("!=")   ? Node::Op::Ne
               : accept("<=") ? Node::Op::Le
               : accept(">=") ? Node::Op::Ge
               : accept("=")  ? Node::Op::Eq
               : accept("<")  ? Node::Op::Lt
               : accept(">")  ? Node::Op::Gt
                              : (fail("expected a comparison operator"), Node::Op::Eq);
    value(*node);
    return node;
  }

  void selector(Node& node) {
    expect("$");
    while (pos_ < text_.size()) {
      if (text_[pos_] == '.') {
        const auto start = ++pos_;
        while (pos_ < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                text_[pos_] == '-' || text_[pos_] == '@' || text_[pos_] == '$')) {
          ++pos_;
        }
        if (pos_ == start) {
          fail("expected a member name after '.'");
        }
        node.path.emplace_back(std::string(text_.substr(start, pos_ - start)));
      } else if (text_[pos_] == '[') {
        const auto start = ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
          ++pos_;
        }
        if (pos_ == start || pos_ - start > 9 || pos_ == text_.size() || text_[pos_] != ']') {
          fail("expected a list index");
        }
        node.path.emplace_back(std::stoul(std::string(text_.substr(start, pos_ - start))));
        ++pos_;
      } else {
        break;
      }
    }
    if (node.path.empty()) {
      fail("expected a selector such as $.field");
    }
  }

  void value(Node& node) {
    skip();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      std::string out;
      for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
          ++pos_;
        }
        out.push_back(text_[pos_]);
      }
      if (pos_ == text_.size()) {
        fail("unterminated string");
      }
      ++pos_;
      node.value = std::move(out);
    } else {
      const auto start = pos_;
      while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) &&
             text_[pos_] != ')' && text_[pos_] != '}' && text_[pos_] != '&' && text_[pos_] != '|') {
        ++pos_;
      }
      const std::string word(text_.substr(start, pos_ - start));
      if (word.empty()) {
        fail("expected a value");
      }
      char* end = nullptr;
      const double number = std::strtod(word.c_str(), &end);
      if (end == word.c_str() + word.size() && std::isfinite(number)) {
        node.value = number;
      } else {
        node.value = word;
      }
    }
    const bool ordered = node.op != Node::Op::Eq && node.op != Node::Op::Ne;
    if (ordered && !std::holds_alternative<double>(node.value)) {
      fail("<, >, <= and >= compare numbers only");
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

const Json* resolve(const Json& event, const Node& node) {
  const Json* at = &event;
  for (const auto& step : node.path) {
    if (const auto* member = std::get_if<std::string>(&step)) {
      if (!at->is_object() || !at->contains(*member)) {
        return nullptr;
      }
      at = &(*at)[*member];
    } else {
      const auto index = std::get<std::size_t>(step);
      if (!at->is_array() || index >= at->size()) {
        return nullptr;
      }
      at = &(*at)[index];
    }
  }
  return at;
}

bool equals(const Json& field, const std::variant<std::string, double>& value) {
  if (const auto* number = std::get_if<double>(&value)) {
    return field.is_number() && field.get<double>() == *number;
  }
  const auto& pattern = std::get<std::string>(value);
  if (field.is_string()) {
    return glob(pattern, field.get_ref<const std::string&>());
  }
  return (field.is_number() || field.is_boolean()) && glob(pattern, field.dump());
}

bool compare(const Node& node, const Json& event) {
  const Json* field = resolve(event, node);
  if (node.op == Node::Op::NotExists) {
    return field == nullptr;
  }
  if (field == nullptr) {
    return false;
  }
  switch (node.op) {
    case Node::Op::IsTrue:
      return field->is_boolean() && field->get<bool>();
    case Node::Op::IsFalse:
      return field->is_boolean() && !field->get<bool>();
    case Node::Op::IsNull:
      return field->is_null();
    case Node::Op::Eq:
      return equals(*field, node.value);
    case Node::Op::Ne:
      return !equals(*field, node.value);
    default:
      break;
  }
  if (!field->is_number()) {
    return false;
  }
  const double lhs = field->get<double>();
  const double rhs = std::get<double>(node.value);
  switch (node.op) {
    case Node::Op::Lt:
      return lhs < rhs;
    case Node::Op::Gt:
      return lhs > rhs;
    case Node::Op::Le:
      return lhs <= rhs;
    default:
      return lhs >= rhs;
  }
}

bool evaluate(const Node& node, const Json& event) {
  switch (node.kind) {
    case Node::Kind::And:
      for (const auto& child : node.children) {
        if (!evaluate(*child, event)) {
          return false;
        }
      }
      return true;
    case Node::Kind::Or:
      for (const auto& child : node.children) {
        if (evaluate(*child, event)) {
          return true;
        }
      }
      return false;
    case Node::Kind::Compare:
      return compare(node, event);
  }
  return false;
}

}  // namespace

JsonPattern JsonPattern::parse(std::string_view text) {
  JsonPattern pattern;
  pattern.root_ = Parser(text).pattern();
  return pattern;
}

bool JsonPattern::matches(const Json& event) const {
  return evaluate(*root_, event);
}

}  // namespace preflight::logs
