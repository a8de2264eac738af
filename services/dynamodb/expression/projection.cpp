#include "services/dynamodb/expression/check.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/parser.h"
#include "services/dynamodb/expression/path_tree.h"

namespace preflight::dynamodb::expr {
namespace {

constexpr std::string_view kKind = "ProjectionExpression";

const Json* lookup(const Json& container, const PathElement& element) {
  if (element.is_index) {
    return container.is_array() && element.index < container.size() ? &container[element.index]
                                                                    : nullptr;
  }
  if (!container.is_object()) {
    return nullptr;
  }
  const auto it = container.find(element.name);
  return it == container.end() ? nullptr : &*it;
}

// The projected members of a container (an object of attributes / map members, or a list's
// array); what is missing, or reached through the wrong type, is left out.
Json project_node(const PathTree::Node& node, const Json& container, bool is_list) {
  Json out = is_list ? Json::array() : Json::object();
  for (const auto& [element, child] : node.children) {
    const Json* value = lookup(container, element);
    if (value == nullptr) {
      continue;
    }
    std::optional<Json> kept;
    if (child.leaf >= 0) {
      kept = *value;
    } else if (value->contains("M")) {
      Json members = project_node(child, (*value)["M"], false);
      if (!members.empty()) {
        kept = Json{{"M", std::move(members)}};
      }
    } else if (value->contains("L")) {
      Json elements = project_node(child, (*value)["L"], true);
      if (!elements.empty()) {
        kept = Json{{"L", std::move(elements)}};
      }
    }
    if (!kept) {
      continue;
    }
    if (is_list) {
      out.push_back(std::move(*kept));  // children are ordered by index
    } else {
      out[element.name] = std::move(*kept);
    }
  }
  return out;
}

}  // namespace

Projection parse_projection(std::string_view text, Placeholders& placeholders) {
  check_expression_text(text, kKind);
  Projection projection{parse_projection_syntax(text, kKind)};
  for (const Path& path : projection.paths) {
    walk_path(path, kKind);
  }
  // DynamoDB merges the paths last to first, resolving each as it goes.
  Validator validator(placeholders, kKind);
  PathTree tree;
  for (auto it = projection.paths.rbegin(); it != projection.paths.rend(); ++it) {
    validator.path(*it);
    tree.add(*it, 0, kKind);
  }
  return projection;
}

Json project(const Json& item, const std::vector<Path>& paths) {
  PathTree tree;
  for (const Path& path : paths) {
    tree.add(path, 0, kKind);
  }
  return project_node(tree.root(), item, false);
}

Json project(const Json& item, const Projection& projection) {
  return project(item, projection.paths);
}

}  // namespace preflight::dynamodb::expr
