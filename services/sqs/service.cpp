#include "services/sqs/service.h"

#include "services/sqs/operations.h"

namespace preflight::sqs {
namespace {

using Kind = core::QueryRule::Kind;

core::QueryRule list(std::string wire, std::string member) {
  return {Kind::List, std::move(wire), std::move(member)};
}

core::QueryRule map(std::string wire, std::string member, std::string key = "Name",
                    std::string value = "Value") {
  return {Kind::Map, std::move(wire), std::move(member), true, std::move(key), std::move(value)};
}

core::QueryRule output_list(std::string wire, std::string member) {
  auto rule = list(std::move(wire), std::move(member));
  rule.output_only = true;
  return rule;
}

// How the query protocol's flattened names differ from the JSON members: Attribute.N.Name /
// .Value for maps, AttributeName.N for lists, one element per entry in the XML.
std::vector<core::QueryRule> query_rules() {
  return {
      map("Attribute", "Attributes"),
      map("MessageAttribute", "MessageAttributes"),
      map("MessageSystemAttribute", "MessageSystemAttributes"),
      list("AttributeName", "AttributeNames"),
      list("MessageAttributeName", "MessageAttributeNames"),
      list("MessageSystemAttributeName", "MessageSystemAttributeNames"),
      list("TagKey", "TagKeys"),
      list("SendMessageBatchRequestEntry", "Entries"),
      list("DeleteMessageBatchRequestEntry", "Entries"),
      list("ChangeMessageVisibilityBatchRequestEntry", "Entries"),
      output_list("Message", "Messages"),
      output_list("BatchResultErrorEntry", "Failed"),
      {Kind::Integer, "DelaySeconds"},
      {Kind::Integer, "MaxNumberOfMessages"},
      {Kind::Integer, "VisibilityTimeout"},
      {Kind::Integer, "WaitTimeSeconds"},
      {Kind::Integer, "MaxResults"},
      {Kind::Integer, "MaxNumberOfMessagesPerSecond"},
  };
}

core::Operation op(std::string name, core::Handler handler, std::vector<core::QueryRule> rules) {
  core::Operation o{std::move(name), std::move(handler)};
  o.query_rules = std::move(rules);
  return o;
}

}  // namespace

void register_service(core::Registry& registry, core::Environment& env) {
  auto backend = std::make_shared<Backend>(env);
  backend->purge_interval_ms = static_cast<std::int64_t>(
      std::stod(env.config.option("sqs.purge-interval-seconds", "60")) * 1000);
  using core::bind_state;
  env.on_shutdown.push_back([backend] { backend->waiters().shutdown(); });

  core::ServiceInfo sqs;
  sqs.name = "sqs";
  sqs.protocols = {core::Protocol::Json, core::Protocol::Query};
  sqs.json_target_prefix = "AmazonSQS";
  sqs.json_error_namespace = "com.amazonaws.sqs#";
  sqs.query_version = "2012-11-05";
  sqs.xml_namespace = "http://queue.amazonaws.com/doc/2012-11-05/";
  sqs.query_rules = query_rules();
  sqs.on_reset = [backend] { backend->forget_all(); };
  sqs.health = [backend] { return Json{{"long_polls", backend->waiters().waiting()}}; };
  sqs.operations = {
      op("CreateQueue", bind_state(backend, &create_queue), {map("Tag", "tags", "Key", "Value")}),
      {"GetQueueUrl", bind_state(backend, &get_queue_url)},
      op("ListQueues", bind_state(backend, &list_queues), {output_list("QueueUrl", "QueueUrls")}),
      {"DeleteQueue", bind_state(backend, &delete_queue)},
      {"GetQueueAttributes", bind_state(backend, &get_queue_attributes)},
      {"SetQueueAttributes", bind_state(backend, &set_queue_attributes)},
      {"PurgeQueue", bind_state(backend, &purge_queue)},
      op("ListDeadLetterSourceQueues", bind_state(backend, &list_dead_letter_source_queues),
         {output_list("QueueUrl", "queueUrls")}),
      op("TagQueue", bind_state(backend, &tag_queue), {map("Tag", "Tags", "Key", "Value")}),
      {"UntagQueue", bind_state(backend, &untag_queue)},
      op("ListQueueTags", bind_state(backend, &list_queue_tags),
         {map("Tag", "Tags", "Key", "Value")}),
      {"SendMessage", bind_state(backend, &send_message)},
      op("SendMessageBatch", bind_state(backend, &send_message_batch),
         {output_list("SendMessageBatchResultEntry", "Successful")}),
      {"ReceiveMessage", bind_state(backend, &receive_message)},
      {"DeleteMessage", bind_state(backend, &delete_message)},
      op("DeleteMessageBatch", bind_state(backend, &delete_message_batch),
         {output_list("DeleteMessageBatchResultEntry", "Successful")}),
      {"ChangeMessageVisibility", bind_state(backend, &change_message_visibility)},
      op("ChangeMessageVisibilityBatch", bind_state(backend, &change_message_visibility_batch),
         {output_list("ChangeMessageVisibilityBatchResultEntry", "Successful")}),
      {"StartMessageMoveTask", bind_state(backend, &start_message_move_task)},
      op("ListMessageMoveTasks", bind_state(backend, &list_message_move_tasks),
         {output_list("ListMessageMoveTasksResultEntry", "Results")}),
      {"CancelMessageMoveTask", bind_state(backend, &cancel_message_move_task)},
  };
  registry.add(std::move(sqs));
}

}  // namespace preflight::sqs
