#include "services/apigateway/vtl/parser.h"

#include "services/apigateway/vtl/parser_impl.h"
#include "services/apigateway/vtl/template.h"

namespace preflight::apigateway::vtl {

namespace {

bool is_directive_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '_' || c == '@';
}

// Reads the directive name after the '#' at `pos` ("#name" or "#{name}"). Returns the position
// after it, or npos when no name follows.
std::size_t read_directive_name(std::string_view src, std::size_t pos, std::size_t end,
                                std::string& name) {
  std::size_t i = pos + 1;
  const bool braced = i < end && src[i] == '{';
  if (braced) {
    ++i;
  }
  const std::size_t name_start = i;
  if (i >= end || !(is_alpha(src[i]) || src[i] == '_' || (!braced && src[i] == '@'))) {
    return std::string_view::npos;
  }
  while (i < end && is_directive_char(src[i])) {
    ++i;
  }
  name.assign(src.substr(name_start, i - name_start));
  if (braced) {
    if (i >= end || src[i] != '}') {
      return std::string_view::npos;
    }
    ++i;
  }
  return i;
}

bool is_known_directive(std::string_view name) {
  for (std::string_view known : {"set", "if", "elseif", "else", "end", "foreach", "break", "stop",
                                 "macro", "define", "include", "parse", "evaluate"}) {
    if (name == known) {
      return true;
    }
  }
  return false;
}

bool only_blanks(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return !s.empty();
}

void add_text(Block& block, std::string& pending) {
  if (pending.empty()) {
    return;
  }
  if (!block.empty() && block.back()->kind == Node::Kind::kText) {
    block.back()->text += pending;
  } else {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kText;
    node->text = std::move(pending);
    block.push_back(std::move(node));
  }
  pending.clear();
}

}  // namespace

Parser::Nest::Nest(Parser& p) : parser_(p) {
  if (++parser_.depth_ > kMaxNesting) {
    --parser_.depth_;  // the destructor of a half-built Nest does not run
    parser_.fail(parser_.p_, "template is nested too deeply");
  }
}

void Parser::fail(std::size_t pos, const std::string& message) const {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < pos && i < src_.size(); ++i) {
    if (src_[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  throw Error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
              message);
}

Block Parser::parse_all() {
  BlockEnd end;
  Block block = parse_block(end);
  switch (end.stop) {
    case Stop::kEof:
      return block;
    case Stop::kEnd:
      fail(end.pos, "#end without a matching #if or #foreach");
    case Stop::kElse:
      fail(end.pos, "#else without a matching #if");
    case Stop::kElseIf:
      fail(end.pos, "#elseif without a matching #if");
  }
  return block;
}

Block Parser::parse_block(BlockEnd& end) {
  Nest nest(*this);
  Block block;
  std::string pending;  // text since the last non-text token (see #set's whitespace rule)
  while (!at_end()) {
    const char c = src_[p_];
    if (c == '#') {
      if (peek(1) == '#') {  // ## comment, through the end of the line
        while (!at_end() && src_[p_] != '\n' && src_[p_] != '\r') {
          ++p_;
        }
        if (peek() == '\r' && peek(1) == '\n') {
          ++p_;
        }
        if (!at_end()) {
          ++p_;
        }
        add_text(block, pending);
        continue;
      }
      if (peek(1) == '*') {  // #* block comment *#
        const std::size_t close = src_.substr(0, end_).find("*#", p_ + 2);
        if (close == std::string_view::npos) {
          fail(p_, "unterminated #* comment");
        }
        p_ = close + 2;
        add_text(block, pending);
        continue;
      }
      if (peek(1) == '[' && peek(2) == '[') {  // #[[ unparsed content ]]#
        const std::size_t close = src_.substr(0, end_).find("]]#", p_ + 3);
        if (close == std::string_view::npos) {
          fail(p_, "unterminated #[[ block");
        }
        pending.append(src_.substr(p_ + 3, close - p_ - 3));
        p_ = close + 3;
        add_text(block, pending);
        continue;
      }
      if (parse_directive(block, pending, end)) {
        add_text(block, pending);
        return block;
      }
      continue;
    }
    if (c == '$') {
      const std::size_t start = p_;
      if (auto ref = parse_reference()) {
        add_text(block, pending);
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::kRef;
        node->ref = std::move(*ref);
        block.push_back(std::move(node));
      } else {
        p_ = start + 1;
        pending += '$';
      }
      continue;
    }
    if (c == '\\') {
      std::size_t q = p_;
      while (q < end_ && src_[q] == '\\') {
        ++q;
      }
      const auto count = static_cast<int>(q - p_);
      if (q < end_ && src_[q] == '$') {
        p_ = q;
        if (auto ref = parse_reference()) {
          add_text(block, pending);
          auto node = std::make_unique<Node>();
          node->kind = Node::Kind::kRef;
          node->ref = std::move(*ref);
          node->backslashes = count;
          block.push_back(std::move(node));
        } else {
          pending.append(static_cast<std::size_t>(count), '\\');
          pending += '$';
          p_ = q + 1;
        }
        continue;
      }
      std::string name;
      const std::size_t after = q < end_ && src_[q] == '#'
                                    ? read_directive_name(src_, q, end_, name)
                                    : std::string_view::npos;
      if (after != std::string_view::npos && is_known_directive(name)) {
        // \#if is the text "#if"; \\#if is a backslash and then a live #if.
        pending.append(static_cast<std::size_t>(count / 2), '\\');
        if (count % 2 == 1) {
          pending.append(src_.substr(q, after - q));
          p_ = after;
        } else {
          p_ = q;
        }
        continue;
      }
      pending.append(static_cast<std::size_t>(count), '\\');
      p_ = q;
      continue;
    }
    pending += c;
    ++p_;
  }
  add_text(block, pending);
  end.stop = Stop::kEof;
  end.pos = p_;
  return block;
}

// Handles the '#' at p_. Returns true when it ends the current block (#end, #else, #elseif).
bool Parser::parse_directive(Block& block, std::string& pending, BlockEnd& end) {
  const std::size_t start = p_;
  std::string name;
  const std::size_t after = read_directive_name(src_, p_, end_, name);
  if (after == std::string_view::npos) {
    pending += '#';
    ++p_;
    return false;
  }
  if (name == "end" || name == "else") {
    add_text(block, pending);
    p_ = after;
    eat_line_end();
    end.stop = name == "end" ? Stop::kEnd : Stop::kElse;
    end.pos = start;
    return true;
  }
  if (name == "elseif") {
    add_text(block, pending);
    p_ = after;
    end.condition = parse_condition("#elseif", start);
    end.stop = Stop::kElseIf;
    end.pos = start;
    return true;
  }
  if (name == "set") {
    std::size_t q = after;
    while (q < end_ && src_[q] == ' ') {
      ++q;
    }
    if (q >= end_ || src_[q] != '(') {
      pending.append(src_.substr(start, after - start));  // "#set" without "(" is text
      p_ = after;
      return false;
    }
    p_ = q + 1;
    parse_set(block, pending);
    return false;
  }
  if (name == "if") {
    add_text(block, pending);
    p_ = after;
    parse_if(block, start);
    return false;
  }
  if (name == "foreach") {
    add_text(block, pending);
    p_ = after;
    parse_foreach(block, start);
    return false;
  }
  if (name == "break" || name == "stop") {
    add_text(block, pending);
    p_ = after;
    if (name == "break") {
      std::size_t q = p_;
      while (q < end_ && (src_[q] == ' ' || src_[q] == '\t')) {
        ++q;
      }
      if (q < end_ && src_[q] == '(') {  // #break($foreach): always the innermost loop here
        p_ = q + 1;
        skip_space();
        if (peek() != ')') {
          parse_expression();
        }
        skip_space();
        expect(')', "')' after #break(");
        eat_line_end();
      }
    }
    auto node = std::make_unique<Node>();
    node->kind = name == "break" ? Node::Kind::kBreak : Node::Kind::kStop;
    block.push_back(std::move(node));
    return false;
  }
  if (is_known_directive(name)) {
    fail(start, "#" + name + " is not supported in mapping templates here");
  }
  pending += '#';  // an unknown #word is text
  ++p_;
  return false;
}

ExprPtr Parser::parse_condition(std::string_view directive, std::size_t start) {
  skip_space();
  if (peek() != '(') {
    fail(start, std::string(directive) + " needs a condition in parentheses");
  }
  ++p_;
  ExprPtr condition = parse_expression();
  skip_space();
  expect(')', "')' closing the condition");
  eat_line_end();
  return condition;
}

void Parser::parse_if(Block& block, std::size_t start) {
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::kIf;
  ExprPtr condition = parse_condition("#if", start);
  bool seen_else = false;
  while (true) {
    BlockEnd end;
    Block body = parse_block(end);
    node->branches.push_back(Branch{std::move(condition), std::move(body)});
    if (end.stop == Stop::kEof) {
      fail(start, "#if without #end");
    }
    if (end.stop == Stop::kEnd) {
      break;
    }
    if (seen_else) {
      fail(end.pos, "#else or #elseif after #else");
    }
    seen_else = end.stop == Stop::kElse;
    condition = std::move(end.condition);
  }
  block.push_back(std::move(node));
}

void Parser::parse_foreach(Block& block, std::size_t start) {
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::kForeach;
  skip_space();
  if (peek() != '(') {
    fail(start, "#foreach needs ($item in $collection)");
  }
  ++p_;
  skip_space();
  const std::size_t var_pos = p_;
  auto var = peek() == '$' ? parse_reference() : std::nullopt;
  if (!var || !var->steps.empty()) {
    fail(var_pos, "#foreach needs a plain $variable before 'in'");
  }
  node->var = var->root;
  skip_space();
  if (!take_word("in")) {
    fail(p_, "expected 'in' in #foreach");
  }
  node->expr = parse_expression();
  skip_space();
  expect(')', "')' closing #foreach");
  eat_line_end();
  BlockEnd end;
  node->body = parse_block(end);
  if (end.stop == Stop::kEof) {
    fail(start, "#foreach without #end");
  }
  if (end.stop != Stop::kEnd) {
    fail(end.pos, "#else or #elseif inside #foreach without #if");
  }
  block.push_back(std::move(node));
}

void Parser::parse_set(Block& block, std::string& pending) {
  // Velocity's #set token starts with the blanks before it when they begin a token of their own.
  if (only_blanks(pending)) {
    pending.clear();
  }
  add_text(block, pending);
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::kSet;
  skip_space();
  const std::size_t target_pos = p_;
  auto target = peek() == '$' ? parse_reference() : std::nullopt;
  if (!target) {
    fail(target_pos, "#set needs a $reference to assign to");
  }
  if (!target->steps.empty() && target->steps.back().kind == RefStep::Kind::kMethod) {
    fail(target_pos, "#set cannot assign to a method call");
  }
  node->ref = std::move(*target);
  skip_space();
  expect('=', "'=' in #set");
  node->expr = parse_expression();
  skip_space();
  if (peek() != ')') {
    fail(p_, "expected ')' closing #set");
  }
  ++p_;
  eat_line_end();
  block.push_back(std::move(node));
}

// After a directive's ')' or #else/#end: blanks up to and including one newline are swallowed;
// blanks followed by anything else stay.
void Parser::eat_line_end() {
  std::size_t q = p_;
  while (q < end_ && (src_[q] == ' ' || src_[q] == '\t')) {
    ++q;
  }
  if (q < end_ && src_[q] == '\n') {
    p_ = q + 1;
  } else if (q < end_ && src_[q] == '\r') {
    p_ = (q + 1 < end_ && src_[q + 1] == '\n') ? q + 2 : q + 1;
  }
}

Block parse_template(std::string_view text) {
  return Parser(text, 0, text.size(), 0).parse_all();
}

}  // namespace preflight::apigateway::vtl
