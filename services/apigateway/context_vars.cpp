#include "services/apigateway/context_vars.h"

namespace preflight::apigateway {
namespace {

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

std::string substitute_variables(std::string_view format, const Json& roots,
                                 std::string_view missing) {
  std::string out;
  out.reserve(format.size() + 64);
  std::size_t i = 0;
  while (i < format.size()) {
    const auto at = format.find('$', i);
    if (at == std::string_view::npos) {
      out.append(format.substr(i));
      break;
    }
    out.append(format.substr(i, at - i));
    // "$NAME." for one of the roots, else a literal '$'.
    const Json* root = nullptr;
    std::size_t start = 0;
    for (const auto& [name, value] : roots.items()) {
      if (format.substr(at + 1).starts_with(name) && at + 1 + name.size() < format.size() &&
          format[at + 1 + name.size()] == '.') {
        root = &value;
        start = at + name.size() + 2;
        break;
      }
    }
    if (root == nullptr) {
      out.push_back('$');
      i = at + 1;
      continue;
    }
    std::size_t end = start;
    while (end < format.size() && name_char(format[end])) {
      ++end;
    }
    // A trailing '.' belongs to the text ("$context.status."), not the name.
    while (end > start && format[end - 1] == '.') {
      --end;
    }
    const Json* v = context_value(*root, format.substr(start, end - start));
    if (v == nullptr || v->is_null()) {
      out.append(missing);
    } else if (v->is_string()) {
      out.append(v->get_ref<const std::string&>());
    } else {
      out.append(v->dump());
    }
    i = end;
  }
  return out;
}

std::string substitute_context(std::string_view format, const Json& context) {
  Json roots = Json::object();
  roots["context"] = context;
  return substitute_variables(format, roots, "-");
}

}  // namespace preflight::apigateway
