#include "services/dynamodb/expression/path_tree.h"

#include <string>

#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::expr {
namespace {

// The path already in the tree below `node`, prefixed by `prefix`: DynamoDB names the first
// branch it finds.
Path existing_path(Path prefix, const PathTree::Node* node) {
  while (node != nullptr && node->leaf < 0 && !node->children.empty()) {
    const auto& [element, child] = *node->children.begin();
    prefix.push_back(element);
    node = &child;
  }
  return prefix;
}

[[noreturn]] void fail(std::string_view kind, std::string_view what, const Path& one,
                       const Path& two) {
  throw errors::validation("Invalid " + std::string(kind) + ": Two document paths " +
                           std::string(what) +
                           " with each other; must remove or rewrite one of these paths; path "
                           "one: " +
                           path_to_string(one) + ", path two: " + path_to_string(two));
}

}  // namespace

void PathTree::add(const Path& path, int index, std::string_view kind) {
  Node* node = &root_;
  for (std::size_t depth = 0; depth < path.size(); ++depth) {
    const PathElement& element = path[depth];
    const Path prefix(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(depth));
    const auto found = node->children.find(element);
    if (found == node->children.end()) {
      if (!node->children.empty() && node->children.begin()->first.is_index != element.is_index) {
        fail(kind, "conflict", path, existing_path(prefix, node));
      }
      Node* next = &node->children[element];
      for (std::size_t rest = depth + 1; rest < path.size(); ++rest) {
        next = &next->children[path[rest]];
      }
      next->leaf = index;
      return;
    }
    Node& child = found->second;
    if (child.leaf >= 0 || depth + 1 == path.size()) {
      Path here = prefix;
      here.push_back(element);
      fail(kind, "overlap", path, existing_path(here, &child));
    }
    node = &child;
  }
}

}  // namespace preflight::dynamodb::expr
