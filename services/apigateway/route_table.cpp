#include "services/apigateway/route_table.h"

#include "emulator/common/strings.h"

namespace preflight::apigateway {

struct RouteTable::Node {
  const Json* resource = nullptr;
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::string param_name;  // {name}
  std::unique_ptr<Node> param;
  std::string greedy_name;  // {name+}
  std::unique_ptr<Node> greedy;
};

namespace {

using Node = RouteTable::Node;
using Segments = std::vector<std::string_view>;

Segments segments_of(std::string_view path) {
  Segments out;
  for (const auto part : split(path, '/')) {
    if (!part.empty()) {
      out.push_back(part);
    }
  }
  return out;
}

std::string decoded(std::string_view raw) {
  return uri_decode(raw).value_or(std::string(raw));
}

bool search(const Node& node, const Segments& segs, std::size_t i,
            std::map<std::string, std::string>& params, const Node*& found) {
  if (i == segs.size()) {
    if (node.resource == nullptr) {
      return false;
    }
    found = &node;
    return true;
  }
  const std::string seg = decoded(segs[i]);
  if (const auto it = node.literals.find(seg); it != node.literals.end()) {
    if (search(*it->second, segs, i + 1, params, found)) {
      return true;
    }
  }
  if (node.param) {
    params[node.param_name] = seg;
    if (search(*node.param, segs, i + 1, params, found)) {
      return true;
    }
    params.erase(node.param_name);
  }
  if (node.greedy && node.greedy->resource != nullptr) {
    std::string rest;
    for (std::size_t j = i; j < segs.size(); ++j) {
      rest += (j == i ? "" : "/") + decoded(segs[j]);
    }
    params[node.greedy_name] = std::move(rest);
    found = node.greedy.get();
    return true;
  }
  return false;
}

}  // namespace

RouteTable::RouteTable(const Json& resources) : root_(std::make_unique<Node>()) {
  for (const auto& r : resources) {
    Node* node = root_.get();
    const std::string path = r.value("path", "/");  // the segments below view into it
    for (const auto part : segments_of(path)) {
      const std::string p(part);
      if (p.size() > 3 && p.front() == '{' && p.ends_with("+}")) {
        node->greedy_name = p.substr(1, p.size() - 3);
        if (!node->greedy) {
          node->greedy = std::make_unique<Node>();
        }
        node = node->greedy.get();
      } else if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        node->param_name = p.substr(1, p.size() - 2);
        if (!node->param) {
          node->param = std::make_unique<Node>();
        }
        node = node->param.get();
      } else {
        auto& child = node->literals[p];
        if (!child) {
          child = std::make_unique<Node>();
        }
        node = child.get();
      }
    }
    node->resource = &r;
  }
}

RouteTable::~RouteTable() = default;
RouteTable::RouteTable(RouteTable&&) noexcept = default;

std::optional<RouteMatch> RouteTable::match(std::string_view http_method,
                                            std::string_view raw_path) const {
  RouteMatch m;
  const Node* found = nullptr;
  if (!search(*root_, segments_of(raw_path), 0, m.path_parameters, found)) {
    return std::nullopt;
  }
  m.resource = found->resource;
  const auto methods = m.resource->find("resourceMethods");
  if (methods != m.resource->end() && methods->is_object()) {
    if (const auto it = methods->find(std::string(http_method)); it != methods->end()) {
      m.method = &*it;
    } else if (const auto any = methods->find("ANY"); any != methods->end()) {
      m.method = &*any;
    }
  }
  return m;
}

}  // namespace preflight::apigateway
