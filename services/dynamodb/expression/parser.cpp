#include "services/dynamodb/expression/parser.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <unordered_set>

#include "services/dynamodb/expression/check.h"
#include "services/dynamodb/expression/lexer.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::expr {
namespace {

// Thrown when an alternative does not match; the parser backtracks or reports the furthest
// token any alternative failed at, which is the token DynamoDB's LL(*) parser names.
struct Backtrack {};

// No valid expression nests deeper: every level beyond one pair of parentheses costs an
// operator, and an expression has at most 300. Deeper input is refused before it can exhaust
// the stack, with the error DynamoDB would end up reporting for it.
constexpr int kMaxNesting = kMaxOperators;

class Parser {
 public:
  Parser(std::string_view text, std::string_view kind)
      : text_(text), kind_(kind), tokens_(tokenize(text)) {}

  template <typename Rule>
  auto parse_all(Rule rule) {
    try {
      auto result = rule();
      if (peek().kind != TokenKind::End) {
        fail();
      }
      return result;
    } catch (const Backtrack&) {
      throw errors::validation("Invalid " + std::string(kind_) + ": " +
                               syntax_error_message(text_, tokens_, furthest_));
    }
  }

  ConditionNode condition() {
    ConditionNode node = conjunction();
    while (peek().is_keyword("OR")) {
      advance();
      node = combine(ConditionNode::Kind::Or, std::move(node), conjunction());
    }
    return node;
  }

  std::vector<UpdateSection> update() {
    std::vector<UpdateSection> sections;
    do {
      sections.push_back(section());
    } while (peek().kind == TokenKind::Keyword);
    return sections;
  }

  std::vector<Path> projection() {
    std::vector<Path> paths{path()};
    while (accept(",")) {
      paths.push_back(path());
    }
    return paths;
  }

 private:
  // Counts one level of nesting for as long as it lives.
  class Nested {
   public:
    Nested(Parser& parser, bool parenthesis) : parser_(parser) {
      if (++parser_.depth_ > kMaxNesting) {
        throw errors::validation(
            "Invalid " + std::string(parser_.kind_) + ": " +
            (parenthesis ? std::string("The expression has redundant parentheses;")
                         : "The expression contains too many operators; operator count: " +
                               std::to_string(kMaxOperators + 1)));
      }
    }
    ~Nested() { --parser_.depth_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    Parser& parser_;
  };

  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& advance() { return tokens_[pos_++]; }
  [[noreturn]] void fail() {
    furthest_ = std::max(furthest_, pos_);
    throw Backtrack{};
  }
  bool accept(std::string_view symbol) {
    if (!peek().is(symbol)) {
      return false;
    }
    ++pos_;
    return true;
  }
  void expect(std::string_view symbol) {
    if (!accept(symbol)) {
      fail();
    }
  }
  void expect_keyword(std::string_view upper) {
    if (!peek().is_keyword(upper)) {
      fail();
    }
    ++pos_;
  }

  static ConditionNode combine(ConditionNode::Kind kind, ConditionNode a, ConditionNode b) {
    ConditionNode node;
    node.kind = kind;
    node.children.push_back(std::move(a));
    node.children.push_back(std::move(b));
    return node;
  }

  ConditionNode conjunction() {
    ConditionNode node = negation();
    while (peek().is_keyword("AND")) {
      advance();
      node = combine(ConditionNode::Kind::And, std::move(node), negation());
    }
    return node;
  }

  ConditionNode negation() {
    if (!peek().is_keyword("NOT")) {
      return primary();
    }
    advance();
    const Nested nested(*this, false);
    ConditionNode node;
    node.kind = ConditionNode::Kind::Not;
    node.children.push_back(negation());
    return node;
  }

  // "(" is ambiguous: it may open an operand "(a) = :v" or a condition "(a = :v)". Try the
  // operand reading first and fall back to the parenthesized condition.
  ConditionNode primary() {
    const std::size_t start = pos_;
    try {
      return predicate();
    } catch (const Backtrack&) {
      pos_ = start;
    }
    expect("(");
    const Nested nested(*this, true);
    ConditionNode node = condition();
    expect(")");
    ++node.parens;
    return node;
  }

  ConditionNode predicate() {
    Operand left = operand(true);
    ConditionNode node;
    node.operands.push_back(std::move(left));
    if (const auto op = comparator()) {
      advance();
      node.kind = ConditionNode::Kind::Compare;
      node.op = *op;
      node.operands.push_back(operand(true));
    } else if (peek().is_keyword("BETWEEN")) {
      advance();
      node.kind = ConditionNode::Kind::Between;
      node.operands.push_back(operand(true));
      expect_keyword("AND");
      node.operands.push_back(operand(true));
    } else if (peek().is_keyword("IN")) {
      advance();
      node.kind = ConditionNode::Kind::In;
      expect("(");
      do {
        node.operands.push_back(operand(true));
      } while (accept(","));
      expect(")");
    } else if (node.operands.front().kind == Operand::Kind::Call) {
      node.kind = ConditionNode::Kind::Call;
    } else {
      fail();
    }
    return node;
  }

  std::optional<Comparator> comparator() const {
    const Token& t = peek();
    static constexpr std::pair<std::string_view, Comparator> kSymbols[] = {
        {"=", Comparator::Eq},  {"<>", Comparator::Ne}, {"<", Comparator::Lt},
        {"<=", Comparator::Le}, {">", Comparator::Gt},  {">=", Comparator::Ge}};
    for (const auto& [symbol, op] : kSymbols) {
      if (t.is(symbol)) {
        return op;
      }
    }
    return std::nullopt;
  }

  // Conditions allow a parenthesized path to continue, "(a.b).c"; update values do not.
  Operand operand(bool grouped_paths) {
    // primary() retries the text after each "(" as a condition, so remember where an operand
    // cannot start: deeply nested parentheses then parse in linear time.
    if (failed_operands_.contains(pos_)) {
      fail();
    }
    const std::size_t start = pos_;
    try {
      return operand_at(grouped_paths);
    } catch (const Backtrack&) {
      failed_operands_.insert(start);
      throw;
    }
  }

  Operand operand_at(bool grouped_paths) {
    const Token& t = peek();
    if (t.is("(")) {
      advance();
      const Nested nested(*this, true);
      Operand inner = operand(grouped_paths);
      expect(")");
      ++inner.parens;
      if (grouped_paths && inner.kind == Operand::Kind::Path &&
          (peek().is(".") || peek().is("["))) {
        // Only a redundant group inside the path survives as a parenthesis count.
        inner.parens = inner.parens >= 2 ? 2 : 0;
        path_rest(inner.path);
      }
      return inner;
    }
    if (t.kind == TokenKind::ValueRef) {
      advance();
      Operand value;
      value.kind = Operand::Kind::Value;
      value.placeholder = std::string(t.text);
      return value;
    }
    if (t.kind == TokenKind::Identifier && peek(1).is("(")) {
      advance();
      advance();
      const Nested nested(*this, false);
      std::vector<Operand> args;
      do {
        args.push_back(operand(grouped_paths));
      } while (accept(","));
      expect(")");
      return Operand::call(std::string(t.text), std::move(args));
    }
    return Operand::of_path(path());
  }

  Path path() {
    Path p;
    p.push_back(name_element());
    path_rest(p);
    return p;
  }

  PathElement name_element() {
    const Token& t = peek();
    if (t.kind != TokenKind::Identifier && t.kind != TokenKind::NameRef) {
      fail();
    }
    advance();
    PathElement element = PathElement::key(std::string(t.text));
    element.is_placeholder = t.kind == TokenKind::NameRef;
    return element;
  }

  void path_rest(Path& p) {
    while (true) {
      if (accept(".")) {
        p.push_back(name_element());
      } else if (accept("[")) {
        const Token& t = peek();
        if (t.kind != TokenKind::Number) {
          fail();
        }
        advance();
        expect("]");
        std::size_t index = 0;
        const auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), index);
        PathElement element = PathElement::list_index(index);
        if (ec != std::errc() ||
            index > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
          element.index = kInvalidListIndex;
          element.name = "[" + std::string(t.text) + "]";
        }
        p.push_back(std::move(element));
      } else {
        return;
      }
    }
  }

  UpdateSection section() {
    UpdateSection section;
    const Token& t = peek();
    if (t.is_keyword("SET")) {
      section.kind = UpdateAction::Kind::Set;
    } else if (t.is_keyword("REMOVE")) {
      section.kind = UpdateAction::Kind::Remove;
    } else if (t.is_keyword("ADD")) {
      section.kind = UpdateAction::Kind::Add;
    } else if (t.is_keyword("DELETE")) {
      section.kind = UpdateAction::Kind::Delete;
    } else {
      fail();
    }
    advance();
    do {
      section.actions.push_back(update_action(section.kind));
    } while (accept(","));
    return section;
  }

  UpdateAction update_action(UpdateAction::Kind kind) {
    UpdateAction action;
    action.kind = kind;
    action.path = path();
    if (kind == UpdateAction::Kind::Set) {
      expect("=");
      set_value(action);
    } else if (kind != UpdateAction::Kind::Remove) {
      if (peek().kind != TokenKind::ValueRef) {
        fail();
      }
      action.left.kind = Operand::Kind::Value;
      action.left.placeholder = std::string(advance().text);
    }
    return action;
  }

  // value := term [("+" | "-") term] | "(" value ")"
  void set_value(UpdateAction& action) {
    const std::size_t start = pos_;
    try {
      action.left = operand(false);
      if (peek().is("+") || peek().is("-")) {
        action.arithmetic = advance().text[0];
        action.right = operand(false);
      }
      return;
    } catch (const Backtrack&) {
      pos_ = start;
    }
    expect("(");
    const Nested nested(*this, true);
    set_value(action);
    expect(")");
    ++action.value_parens;
  }

  std::string_view text_;
  std::string_view kind_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::size_t furthest_ = 0;
  std::unordered_set<std::size_t> failed_operands_;
  int depth_ = 0;
};

bool redundant(const Operand& operand) {
  return operand.parens >= 2 || std::any_of(operand.args.begin(), operand.args.end(),
                                            [](const Operand& arg) { return redundant(arg); });
}

bool redundant(const ConditionNode& node) {
  return node.parens >= 2 ||
         std::any_of(node.operands.begin(), node.operands.end(),
                     [](const Operand& op) { return redundant(op); }) ||
         std::any_of(node.children.begin(), node.children.end(),
                     [](const ConditionNode& child) { return redundant(child); });
}

core::AwsError redundant_parentheses(std::string_view kind) {
  return errors::validation("Invalid " + std::string(kind) +
                            ": The expression has redundant parentheses;");
}

}  // namespace

ConditionNode parse_condition_syntax(std::string_view text, std::string_view kind) {
  Parser parser(text, kind);
  ConditionNode root = parser.parse_all([&] { return parser.condition(); });
  if (redundant(root)) {
    throw redundant_parentheses(kind);
  }
  return root;
}

std::vector<UpdateSection> parse_update_syntax(std::string_view text, std::string_view kind) {
  Parser parser(text, kind);
  std::vector<UpdateSection> sections = parser.parse_all([&] { return parser.update(); });
  for (const UpdateSection& section : sections) {
    for (const UpdateAction& action : section.actions) {
      if (action.value_parens >= 2 || redundant(action.left) ||
          (action.right && redundant(*action.right))) {
        throw redundant_parentheses(kind);
      }
    }
  }
  return sections;
}

std::vector<Path> parse_projection_syntax(std::string_view text, std::string_view kind) {
  Parser parser(text, kind);
  return parser.parse_all([&] { return parser.projection(); });
}

}  // namespace preflight::dynamodb::expr
