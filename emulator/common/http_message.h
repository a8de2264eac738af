#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preflight {

// HTTP header fields in arrival order; names compare case-insensitively.
class Headers {
 public:
  struct Field {
    std::string name;
    std::string value;
  };

  void add(std::string name, std::string value);
  // Replaces every field of that name with one field.
  void set(std::string name, std::string value);
  void remove(std::string_view name);
  std::optional<std::string_view> get(std::string_view name) const;
  std::string_view get_or(std::string_view name, std::string_view fallback = {}) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }

  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }

 private:
  std::vector<Field> fields_;
};

struct HttpRequest {
  std::string method;
  std::string path;   // as received: percent-encoded, without the query
  std::string query;  // as received, without the '?'
  Headers headers;
  std::string body;

  // Splits a request-target "/a/b?x=1" into path and query.
  void set_target(std::string_view target);
  std::string_view content_type() const { return headers.get_or("content-type"); }
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
};

}  // namespace preflight
