#pragma once

#include "emulator/service/request_context.h"
#include "services/sqs/backend.h"

namespace preflight::sqs {

// Operations without an output shape (DeleteQueue, DeleteMessage, ...) answer null: {} in JSON
// and no <OpResult> element in XML, as SQS does.
using Result = boost::asio::awaitable<Json>;

// queue_ops.cpp
Result create_queue(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_queue_url(Backend& b, core::RequestContext& ctx, const Json& input);
Result list_queues(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_queue(Backend& b, core::RequestContext& ctx, const Json& input);
Result get_queue_attributes(Backend& b, core::RequestContext& ctx, const Json& input);
Result set_queue_attributes(Backend& b, core::RequestContext& ctx, const Json& input);
Result purge_queue(Backend& b, core::RequestContext& ctx, const Json& input);
Result list_dead_letter_source_queues(Backend& b, core::RequestContext& ctx, const Json& input);

// tag_ops.cpp
Result tag_queue(Backend& b, core::RequestContext& ctx, const Json& input);
Result untag_queue(Backend& b, core::RequestContext& ctx, const Json& input);
Result list_queue_tags(Backend& b, core::RequestContext& ctx, const Json& input);

// send_ops.cpp
Result send_message(Backend& b, core::RequestContext& ctx, const Json& input);
Result send_message_batch(Backend& b, core::RequestContext& ctx, const Json& input);

// receive_ops.cpp
Result receive_message(Backend& b, core::RequestContext& ctx, const Json& input);

// receipt_ops.cpp: calls that name a received message by its receipt handle
Result delete_message(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_message_batch(Backend& b, core::RequestContext& ctx, const Json& input);
Result change_message_visibility(Backend& b, core::RequestContext& ctx, const Json& input);
Result change_message_visibility_batch(Backend& b, core::RequestContext& ctx, const Json& input);

// move_ops.cpp
Result start_message_move_task(Backend& b, core::RequestContext& ctx, const Json& input);
Result list_message_move_tasks(Backend& b, core::RequestContext& ctx, const Json& input);
Result cancel_message_move_task(Backend& b, core::RequestContext& ctx, const Json& input);

}  // namespace preflight::sqs
