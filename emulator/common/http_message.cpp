#include "emulator/common/http_message.h"

#include <algorithm>

#include "emulator/common/strings.h"

namespace preflight {

void Headers::add(std::string name, std::string value) {
  fields_.push_back({std::move(name), std::move(value)});
}

void Headers::set(std::string name, std::string value) {
  remove(name);
  add(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return iequals(f.name, name); });
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  const auto it = std::find_if(fields_.begin(), fields_.end(),
                               [&](const Field& f) { return iequals(f.name, name); });
  if (it == fields_.end()) {
    return std::nullopt;
  }
  return std::string_view(it->value);
}

std::string_view Headers::get_or(std::string_view name, std::string_view fallback) const {
  return get(name).value_or(fallback);
}

void HttpRequest::set_target(std::string_view target) {
  const auto q = target.find('?');
  path = std::string(target.substr(0, q));
  query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
}

}  // namespace preflight
