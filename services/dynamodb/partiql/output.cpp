#include "services/dynamodb/partiql/translate.h"

namespace preflight::dynamodb::partiql {

std::string output_name(const Path& path) {
  std::string name;
  for (const auto& element : path) {
    if (element.is_index) {
      name += "[" + std::to_string(element.index) + "]";
    } else {
      name = element.name;
    }
  }
  return name;
}

Json select_output(const Json& item, const std::vector<Path>& paths) {
  Json out = Json::object();
  for (const auto& path : paths) {
    const Json* at = nullptr;
    for (const auto& element : path) {
      if (at == nullptr) {
        const auto it = item.find(element.name);
        at = it == item.end() ? nullptr : &*it;
      } else if (element.is_index) {
        const auto list = at->find("L");
        at = list != at->end() && element.index < list->size() ? &(*list)[element.index] : nullptr;
      } else {
        const auto map = at->find("M");
        if (map == at->end() || !map->contains(element.name)) {
          at = nullptr;
        } else {
          at = &(*map)[element.name];
        }
      }
      if (at == nullptr) {
        break;
      }
    }
    if (at != nullptr) {
      out[output_name(path)] = *at;
    }
  }
  return out;
}

}  // namespace preflight::dynamodb::partiql
