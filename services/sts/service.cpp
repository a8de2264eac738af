#include "services/sts/service.h"

#include "services/sts/operations.h"

namespace preflight::sts {

void register_service(core::Registry& registry, core::Environment& env) {
  auto store = std::make_shared<Store>(env.db);
  // Other services' requests signed with these credentials belong to the role's account, and
  // --strict-auth verifies them against the issued secret.
  env.issued_credentials = [store](std::string_view key) -> std::optional<core::IssuedCredential> {
    auto session = store->find(key);
    if (!session) {
      return std::nullopt;
    }
    return core::IssuedCredential{std::move(session->secret_access_key),
                                  std::move(session->session_token), std::move(session->account_id),
                                  session->expiration, std::move(session->user_id)};
  };

  core::ServiceInfo info;
  info.name = "sts";
  info.protocols = {core::Protocol::Query, core::Protocol::Json};
  info.json_target_prefix = "AWSSecurityTokenServiceV20110615";
  info.query_version = "2011-06-15";
  info.xml_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
  info.query_rules = {
      {core::QueryRule::Kind::Integer, "DurationSeconds"},
      {core::QueryRule::Kind::Timestamp, "Expiration"},
  };
  info.operations = {
      {"GetCallerIdentity", core::bind_state(store, &get_caller_identity)},
      {"GetAccessKeyInfo", core::bind_state(store, &get_access_key_info)},
      {"AssumeRole", core::bind_state(store, &assume_role)},
      {"GetSessionToken", core::bind_state(store, &get_session_token)},
  };
  registry.add(std::move(info));
}

}  // namespace preflight::sts
