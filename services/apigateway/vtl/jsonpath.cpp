#include "services/apigateway/vtl/jsonpath.h"

#include <charconv>
#include <string>

namespace preflight::apigateway::vtl {

namespace {

using Node = nlohmann::ordered_json;
using Nodes = std::vector<const Node*>;

// One bracket or dot selector.
struct Selector {
  enum class Kind { kNames, kIndexes, kSlice, kAll } kind = Kind::kAll;
  std::vector<std::string> names;
  std::vector<std::int64_t> indexes;
  std::optional<std::int64_t> from, to;
};

void apply(const Selector& sel, const Node& node, Nodes& out) {
  switch (sel.kind) {
    case Selector::Kind::kAll:
      if (node.is_object() || node.is_array()) {
        for (const auto& child : node) {
          out.push_back(&child);
        }
      }
      return;
    case Selector::Kind::kNames:
      if (node.is_object()) {
        for (const auto& name : sel.names) {
          auto it = node.find(name);
          if (it != node.end()) {
            out.push_back(&*it);
          }
        }
      }
      return;
    case Selector::Kind::kIndexes:
      if (node.is_array()) {
        const auto size = static_cast<std::int64_t>(node.size());
        for (std::int64_t i : sel.indexes) {
          const std::int64_t at = i < 0 ? i + size : i;
          if (at >= 0 && at < size) {
            out.push_back(&node[static_cast<std::size_t>(at)]);
          }
        }
      }
      return;
    case Selector::Kind::kSlice:
      if (node.is_array()) {
        const auto size = static_cast<std::int64_t>(node.size());
        auto clamp = [size](std::int64_t v) {
          v = v < 0 ? v + size : v;
          return v < 0 ? 0 : (v > size ? size : v);
        };
        const std::int64_t from = clamp(sel.from.value_or(0));
        const std::int64_t to = clamp(sel.to.value_or(size));
        for (std::int64_t i = from; i < to; ++i) {
          out.push_back(&node[static_cast<std::size_t>(i)]);
        }
      }
      return;
  }
}

// Every node under (and including) `node`, parents before children, as Jayway's deep scan
// visits them. The body's nesting is bounded, so recursion is too.
void descendants(const Node& node, Nodes& out) {
  out.push_back(&node);
  if (node.is_object() || node.is_array()) {
    for (const auto& child : node) {
      descendants(child, out);
    }
  }
}

class PathParser {
 public:
  explicit PathParser(std::string_view path) : s_(path) {}

  // Parses the bracket body after '[' (p_ past the '['), through the ']'.
  std::optional<Selector> bracket() {
    Selector sel;
    skip_spaces();
    if (take('*')) {
      skip_spaces();
      return take(']') ? std::optional(sel) : std::nullopt;
    }
    if (peek() == '\'' || peek() == '"') {
      sel.kind = Selector::Kind::kNames;
      do {
        skip_spaces();
        auto name = quoted();
        if (!name) {
          return std::nullopt;
        }
        sel.names.push_back(std::move(*name));
        skip_spaces();
      } while (take(','));
      return take(']') ? std::optional(sel) : std::nullopt;
    }
    auto first = integer();
    skip_spaces();
    if (take(':')) {
      sel.kind = Selector::Kind::kSlice;
      sel.from = first;
      skip_spaces();
      sel.to = integer();
      skip_spaces();
      return take(']') ? std::optional(sel) : std::nullopt;
    }
    if (!first) {
      return std::nullopt;
    }
    sel.kind = Selector::Kind::kIndexes;
    sel.indexes.push_back(*first);
    while (take(',')) {
      skip_spaces();
      auto next = integer();
      if (!next) {
        return std::nullopt;
      }
      sel.indexes.push_back(*next);
      skip_spaces();
    }
    return take(']') ? std::optional(sel) : std::nullopt;
  }

  // A dotted name (p_ after the '.'): everything up to the next '.' or '['.
  std::optional<Selector> dotted() {
    Selector sel;
    if (take('*')) {
      return sel;
    }
    const std::size_t start = p_;
    while (p_ < s_.size() && s_[p_] != '.' && s_[p_] != '[') {
      ++p_;
    }
    if (p_ == start) {
      return std::nullopt;
    }
    sel.kind = Selector::Kind::kNames;
    sel.names.emplace_back(s_.substr(start, p_ - start));
    return sel;
  }

  bool take(char c) {
    if (peek() == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool take(std::string_view text) {
    if (s_.substr(p_).starts_with(text)) {
      p_ += text.size();
      return true;
    }
    return false;
  }
  char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
  bool done() const { return p_ >= s_.size(); }
  bool at_length_call() const { return s_.substr(p_) == ".length()"; }

 private:
  void skip_spaces() {
    while (peek() == ' ') {
      ++p_;
    }
  }
  std::optional<std::string> quoted() {
    const char quote = peek();
    if (quote != '\'' && quote != '"') {
      return std::nullopt;
    }
    ++p_;
    std::string out;
    while (p_ < s_.size() && s_[p_] != quote) {
      if (s_[p_] == '\\' && p_ + 1 < s_.size()) {
        ++p_;
      }
      out += s_[p_++];
    }
    if (!take(quote)) {
      return std::nullopt;
    }
    return out;
  }
  std::optional<std::int64_t> integer() {
    std::int64_t value = 0;
    const char* begin = s_.data() + p_;
    const auto res = std::from_chars(begin, s_.data() + s_.size(), value);
    if (res.ec != std::errc() || res.ptr == begin) {
      return std::nullopt;
    }
    p_ += static_cast<std::size_t>(res.ptr - begin);
    return value;
  }

  std::string_view s_;
  std::size_t p_ = 0;
};

}  // namespace

std::optional<PathMatch> select_json(const nlohmann::ordered_json& root, std::string_view path) {
  std::string normalized(path);
  while (!normalized.empty() && normalized.back() == ' ') {
    normalized.pop_back();
  }
  if (normalized.empty() || normalized[0] != '$') {
    // Jayway reads "a.b" as "$.a.b".
    normalized =
        (normalized.empty() || normalized[0] == '[') ? "$" + normalized : "$." + normalized;
  }
  PathParser parser(std::string_view(normalized).substr(1));
  PathMatch match;
  Nodes current{&root};
  while (!parser.done()) {
    if (parser.at_length_call()) {
      std::vector<std::int64_t> lengths;
      for (const Node* node : current) {
        if (node->is_array() || node->is_object()) {
          lengths.push_back(static_cast<std::int64_t>(node->size()));
        }
      }
      match.lengths = std::move(lengths);
      break;
    }
    bool deep = false;
    std::optional<Selector> sel;
    if (parser.take("..")) {
      deep = true;
      sel = parser.take('[') ? parser.bracket() : parser.dotted();
    } else if (parser.take('.')) {
      sel = parser.dotted();
    } else if (parser.take('[')) {
      sel = parser.bracket();
    }
    if (!sel) {
      return std::nullopt;
    }
    if (deep || sel->kind == Selector::Kind::kAll || sel->kind == Selector::Kind::kSlice ||
        sel->names.size() > 1 || sel->indexes.size() > 1) {
      match.definite = false;
    }
    Nodes scope;
    if (deep) {
      for (const Node* node : current) {
        descendants(*node, scope);
      }
    } else {
      scope = std::move(current);
    }
    Nodes next;
    for (const Node* node : scope) {
      apply(*sel, *node, next);
    }
    current = std::move(next);
  }
  match.values = std::move(current);
  return match;
}

}  // namespace preflight::apigateway::vtl
