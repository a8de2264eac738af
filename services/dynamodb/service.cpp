#include "services/dynamodb/service.h"

#include <string>

#include "services/dynamodb/operations.h"
#include "services/dynamodb/ttl_sweeper.h"

namespace preflight::dynamodb {

void register_service(core::Registry& registry, core::Environment& env) {
  auto backend = std::make_shared<Backend>(env);
  using core::bind_state;

  core::ServiceInfo ddb;
  ddb.name = "dynamodb";
  ddb.protocols = {core::Protocol::Json};
  ddb.json_target_prefix = "DynamoDB_20120810";
  ddb.json_error_namespace = "com.amazonaws.dynamodb.v20120810#";
  ddb.body_limit = 16 * 1024 * 1024;  // BatchWriteItem: 25 items of 400 KB, plus JSON overhead
  ddb.on_reset = [backend] { backend->forget_all(); };
  ddb.operations = {
      {"CreateTable", bind_state(backend, &create_table)},
      {"DescribeTable", bind_state(backend, &describe_table)},
      {"ListTables", bind_state(backend, &list_tables)},
      {"UpdateTable", bind_state(backend, &update_table)},
      {"DeleteTable", bind_state(backend, &delete_table)},
      {"DescribeTimeToLive", bind_state(backend, &describe_time_to_live)},
      {"UpdateTimeToLive", bind_state(backend, &update_time_to_live)},
      {"TagResource", bind_state(backend, &tag_resource)},
      {"UntagResource", bind_state(backend, &untag_resource)},
      {"ListTagsOfResource", bind_state(backend, &list_tags_of_resource)},
      {"GetItem", bind_state(backend, &get_item)},
      {"PutItem", bind_state(backend, &put_item)},
      {"UpdateItem", bind_state(backend, &update_item)},
      {"DeleteItem", bind_state(backend, &delete_item)},
      {"Query", bind_state(backend, &query)},
      {"Scan", bind_state(backend, &scan)},
      {"BatchGetItem", bind_state(backend, &batch_get_item)},
      {"BatchWriteItem", bind_state(backend, &batch_write_item)},
      {"TransactGetItems", bind_state(backend, &transact_get_items)},
      {"TransactWriteItems", bind_state(backend, &transact_write_items)},
      {"ExecuteStatement", bind_state(backend, &execute_statement)},
      {"BatchExecuteStatement", bind_state(backend, &batch_execute_statement)},
      {"ExecuteTransaction", bind_state(backend, &execute_transaction)},
  };
  registry.add(std::move(ddb));

  core::ServiceInfo streams;
  streams.name = "dynamodbstreams";
  streams.signing_name = "dynamodb";
  streams.protocols = {core::Protocol::Json};
  streams.json_target_prefix = "DynamoDBStreams_20120810";
  streams.json_error_namespace = "com.amazonaws.dynamodb.v20120810#";
  streams.operations = {
      {"ListStreams", bind_state(backend, &list_streams)},
      {"DescribeStream", bind_state(backend, &describe_stream)},
      {"GetShardIterator", bind_state(backend, &get_shard_iterator)},
      {"GetRecords", bind_state(backend, &get_records)},
  };
  registry.add(std::move(streams));

  const auto sweep_seconds = std::stod(env.config.option("dynamodb.ttl-sweep-seconds", "5"));
  start_ttl_sweeper(backend, std::chrono::milliseconds(static_cast<long>(sweep_seconds * 1000)));
}

}  // namespace preflight::dynamodb
