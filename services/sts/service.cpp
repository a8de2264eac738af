#include "services/sts/service.h"

#include "services/sts/identity_ops.h"

namespace preflight::sts {

void register_service(core::Registry& registry, core::Environment& /*env*/) {
  core::ServiceInfo info;
  info.name = "sts";
  info.protocols = {core::Protocol::Query, core::Protocol::Json};
  info.json_target_prefix = "AWSSecurityTokenServiceV20110615";
  info.query_version = "2011-06-15";
  info.xml_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
  info.operations = {
      {"GetCallerIdentity", &get_caller_identity},
      {"GetAccessKeyInfo", &get_access_key_info},
  };
  registry.add(std::move(info));
}

}  // namespace preflight::sts
