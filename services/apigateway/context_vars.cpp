#include "services/apigateway/context_vars.h"

namespace preflight::apigateway {
namespace {

constexpr std::string_view kPrefix = "$context.";

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

}  // namespace

const Json* context_value(const Json& context, std::string_view dotted) {
  const Json* cur = &context;
  while (!dotted.empty()) {
    const auto dot = dotted.find('.');
    const std::string key(dotted.substr(0, dot));
    if (!cur->is_object()) {
      return nullptr;
    }
    const auto it = cur->find(key);
    if (it == cur->end()) {
      return nullptr;
    }
    cur = &*it;
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  return cur;
}

std::string substitute_context(std::string_view format, const Json& context) {
  std::string out;
  out.reserve(format.size() + 64);
  std::size_t i = 0;
  while (i < format.size()) {
    const auto at = format.find(kPrefix, i);
    if (at == std::string_view::npos) {
      out.append(format.substr(i));
      break;
    }
    out.append(format.substr(i, at - i));
    std::size_t end = at + kPrefix.size();
    while (end < format.size() && name_char(format[end])) {
      ++end;
    }
    // A trailing '.' belongs to the text ("$context.status."), not the name.
    while (end > at + kPrefix.size() && format[end - 1] == '.') {
      --end;
    }
    const auto name = format.substr(at + kPrefix.size(), end - at - kPrefix.size());
    const Json* v = context_value(context, name);
    if (v == nullptr || v->is_null()) {
      out.push_back('-');
    } else if (v->is_string()) {
      out.append(v->get_ref<const std::string&>());
    } else {
      out.append(v->dump());
    }
    i = end;
  }
  return out;
}

}  // namespace preflight::apigateway
