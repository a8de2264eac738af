#include "services/apigateway/service.h"

namespace preflight::apigateway {

void register_service(core::Registry& registry, core::Environment& env) {
  (void)registry;
  (void)env;
}

}  // namespace preflight::apigateway
