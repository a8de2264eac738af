#pragma once

#include <boost/asio/awaitable.hpp>

#include "emulator/service/request_context.h"
#include "services/dynamodb/backend.h"

// Every DynamoDB and DynamoDB Streams handler; service.cpp lists them.
namespace preflight::dynamodb {

using Result = boost::asio::awaitable<Json>;
using core::RequestContext;

// table_ops.cpp
Result create_table(Backend&, RequestContext&, const Json&);
Result describe_table(Backend&, RequestContext&, const Json&);
Result list_tables(Backend&, RequestContext&, const Json&);
Result update_table(Backend&, RequestContext&, const Json&);
Result delete_table(Backend&, RequestContext&, const Json&);
// table_settings_ops.cpp
Result describe_time_to_live(Backend&, RequestContext&, const Json&);
Result update_time_to_live(Backend&, RequestContext&, const Json&);
Result tag_resource(Backend&, RequestContext&, const Json&);
Result untag_resource(Backend&, RequestContext&, const Json&);
Result list_tags_of_resource(Backend&, RequestContext&, const Json&);

// item_ops.cpp
Result get_item(Backend&, RequestContext&, const Json&);
Result put_item(Backend&, RequestContext&, const Json&);
Result update_item(Backend&, RequestContext&, const Json&);
Result delete_item(Backend&, RequestContext&, const Json&);

// query_ops.cpp
Result query(Backend&, RequestContext&, const Json&);
Result scan(Backend&, RequestContext&, const Json&);

// batch_ops.cpp
Result batch_get_item(Backend&, RequestContext&, const Json&);
Result batch_write_item(Backend&, RequestContext&, const Json&);
// transact_ops.cpp
Result transact_get_items(Backend&, RequestContext&, const Json&);
Result transact_write_items(Backend&, RequestContext&, const Json&);

// partiql_ops.cpp
Result execute_statement(Backend&, RequestContext&, const Json&);
Result batch_execute_statement(Backend&, RequestContext&, const Json&);
Result execute_transaction(Backend&, RequestContext&, const Json&);

// stream_ops.cpp (DynamoDB Streams)
Result list_streams(Backend&, RequestContext&, const Json&);
Result describe_stream(Backend&, RequestContext&, const Json&);
Result get_shard_iterator(Backend&, RequestContext&, const Json&);
Result get_records(Backend&, RequestContext&, const Json&);

}  // namespace preflight::dynamodb
