#include "emulator/service/service.h"

#include <algorithm>

namespace preflight::core {

std::string_view protocol_name(Protocol p) {
  switch (p) {
    case Protocol::Json:
      return "json";
    case Protocol::RestJson:
      return "rest-json";
    case Protocol::Query:
      return "query";
  }
  return "unknown";
}

bool ServiceInfo::speaks(Protocol p) const {
  return std::find(protocols.begin(), protocols.end(), p) != protocols.end();
}

const Operation* ServiceInfo::find(std::string_view operation) const {
  const auto it = by_name_.find(operation);
  return it == by_name_.end() ? nullptr : it->second;
}

std::size_t ServiceInfo::body_limit_for(const Operation* op) const {
  return op != nullptr && op->body_limit != 0 ? op->body_limit : body_limit;
}

void ServiceInfo::index() {
  by_name_.clear();
  for (const auto& op : operations) {
    by_name_.emplace(op.name, &op);
  }
}

}  // namespace preflight::core
