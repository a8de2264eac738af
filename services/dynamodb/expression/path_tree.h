#pragma once

#include <map>
#include <string_view>

#include "services/dynamodb/expression/ast.h"

// The paths of an update or a projection merged into one tree, as DynamoDB merges them: no path
// may be a prefix of another ("overlap"), and no list may also be addressed as a map
// ("conflict"). Updates and projections then walk the tree against the item.
namespace preflight::dynamodb::expr {

class PathTree {
 public:
  struct Node {
    std::map<PathElement, Node> children;
    int leaf = -1;  // index of the path that ends here
  };

  // Adds path number `index`; throws "Invalid <kind>: Two document paths overlap / conflict
  // with each other; ...". `path` is "path one" of the message, the path already in the tree
  // "path two".
  void add(const Path& path, int index, std::string_view kind);
  const Node& root() const { return root_; }

 private:
  Node root_;
};

}  // namespace preflight::dynamodb::expr
