#include "emulator/main/service_list.h"

#include "services/apigateway/service.h"
#include "services/cognito/service.h"
#include "services/dynamodb/service.h"
#include "services/lambda/service.h"
#include "services/logs/service.h"
#include "services/sqs/service.h"
#include "services/sts/service.h"

namespace preflight {

void register_services(core::Registry& registry, core::Environment& env) {
  sts::register_service(registry, env);
  dynamodb::register_service(registry, env);
  sqs::register_service(registry, env);
  cognito::register_service(registry, env);
  logs::register_service(registry, env);
  lambda::register_service(registry, env);
  apigateway::register_service(registry, env);
}

}  // namespace preflight
