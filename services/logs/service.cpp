#include "services/logs/service.h"

#include "services/logs/operations.h"

namespace preflight::logs {

void register_service(core::Registry& registry, core::Environment& env) {
  auto b = std::make_shared<Backend>(env);
  using core::bind_state;

  core::ServiceInfo logs;
  logs.name = "logs";
  logs.signing_name = "logs";
  logs.protocols = {core::Protocol::Json};
  logs.json_target_prefix = "Logs_20140328";
  logs.json_version = "1.1";
  logs.operations = {
      {"CreateLogGroup", bind_state(b, &create_log_group)},
      {"DescribeLogGroups", bind_state(b, &describe_log_groups)},
      {"DeleteLogGroup", bind_state(b, &delete_log_group)},
      {"PutRetentionPolicy", bind_state(b, &put_retention_policy)},
      {"DeleteRetentionPolicy", bind_state(b, &delete_retention_policy)},
      {"CreateLogStream", bind_state(b, &create_log_stream)},
      {"DescribeLogStreams", bind_state(b, &describe_log_streams)},
      {"DeleteLogStream", bind_state(b, &delete_log_stream)},
      {"PutLogEvents", bind_state(b, &put_log_events)},
      {"GetLogEvents", bind_state(b, &get_log_events)},
      {"FilterLogEvents", bind_state(b, &filter_log_events)},
      {"TagLogGroup", bind_state(b, &tag_log_group)},
      {"UntagLogGroup", bind_state(b, &untag_log_group)},
      {"ListTagsLogGroup", bind_state(b, &list_tags_log_group)},
      {"TagResource", bind_state(b, &tag_resource)},
      {"UntagResource", bind_state(b, &untag_resource)},
      {"ListTagsForResource", bind_state(b, &list_tags_for_resource)},
  };
  registry.add(std::move(logs));
}

}  // namespace preflight::logs
