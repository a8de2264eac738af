#include "emulator/service/registry.h"

#include <stdexcept>

namespace preflight::core {

ServiceInfo& Registry::add(ServiceInfo service) {
  if (find(service.name) != nullptr) {
    throw std::logic_error("service registered twice: " + service.name);
  }
  if (service.signing_name.empty()) {
    service.signing_name = service.name;
  }
  auto& added = *services_.emplace_back(std::make_unique<ServiceInfo>(std::move(service)));
  added.index();
  return added;
}

void Registry::add_raw_route(RawRoute route) {
  raw_routes_.push_back(std::move(route));
}

const ServiceInfo* Registry::find(std::string_view name) const {
  for (const auto& s : services_) {
    if (s->name == name) {
      return s.get();
    }
  }
  return nullptr;
}

}  // namespace preflight::core
