#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/storage/database.h"
#include "services/sqs/queue.h"

namespace preflight::sqs {

// A message as stored. In flight = received and not yet visible again.
struct Message {
  std::int64_t seq = 0;  // send order; a FIFO queue's SequenceNumber
  std::int64_t queue_id = 0;
  std::string message_id;
  std::string body;
  Json attributes;         // MessageAttributes (null when none)
  Json system_attributes;  // MessageSystemAttributes (null when none)
  std::int64_t sent_ms = 0;
  std::int64_t visible_at_ms = 0;
  std::int64_t receive_count = 0;
  std::int64_t first_receive_ms = 0;
  std::string receipt;  // nonce of the latest receive
  std::string group_id;
  std::string dedup_id;
  std::string sender_id;
  std::string dead_letter_source_arn;  // set when moved to a dead-letter queue
};

// A FIFO message's SequenceNumber: its send order as 20 digits.
std::string sequence_number(std::int64_t seq);

struct MessageCounts {
  std::int64_t visible = 0;
  std::int64_t in_flight = 0;
  std::int64_t delayed = 0;
};

struct MoveTask {
  std::string handle;
  std::string source_arn;
  std::string destination_arn;  // empty: back to each message's source
  std::int64_t max_per_second = 0;
  std::string status;  // RUNNING | COMPLETED | CANCELLED | FAILED
  std::int64_t moved = 0;
  std::int64_t to_move = 0;
  std::int64_t started_ms = 0;
  std::string failure_reason;
};

// All SQS SQL. Queues are keyed by (account, region, name); messages by an increasing sequence.
class Store {
 public:
  explicit Store(core::Database& db);
  core::Database& db() { return db_; }

  // ---- queues ----
  std::optional<Queue> find_queue(std::string_view account, std::string_view region,
                                  std::string_view name);
  std::optional<Queue> queue_by_id(std::int64_t id);
  std::int64_t insert_queue(const Queue& queue);
  void update_queue(const Queue& queue);  // attributes, tags, last_modified
  void delete_queue(std::int64_t id);
  // Names starting with prefix, after `after`, in order, at most limit.
  std::vector<Queue> list_queues(std::string_view account, std::string_view region,
                                 std::string_view prefix, std::string_view after, int limit);

  // ---- messages ----
  std::int64_t insert_message(const Message& message);
  std::optional<Message> message(std::int64_t seq);
  // Visible messages in send order, starting after `after_seq`.
  std::vector<Message> visible_messages(std::int64_t queue_id, std::int64_t now_ms,
                                        std::int64_t after_seq, int limit);
  std::set<std::string> in_flight_groups(std::int64_t queue_id, std::int64_t now_ms);
  std::optional<std::int64_t> next_visible_ms(std::int64_t queue_id, std::int64_t now_ms);
  MessageCounts counts(std::int64_t queue_id, std::int64_t now_ms);
  void mark_received(std::int64_t seq, std::int64_t visible_at_ms, std::int64_t receive_count,
                     std::int64_t first_receive_ms, std::string_view receipt);
  void set_visible_at(std::int64_t seq, std::int64_t visible_at_ms);
  void delete_message(std::int64_t seq);
  // Moves a message to another queue as a fresh, visible message (dead-letter and redrive).
  void move_message(std::int64_t seq, std::int64_t to_queue, std::int64_t now_ms,
                    std::string_view dead_letter_source_arn);
  std::int64_t purge(std::int64_t queue_id);
  std::int64_t delete_sent_before(std::int64_t queue_id, std::int64_t sent_before_ms);
  std::int64_t last_seq(std::int64_t queue_id);  // 0 when the queue is empty
  // Forgets deduplication ids whose window has passed.
  void expire_dedup(std::int64_t now_ms);

  // ---- FIFO deduplication (5-minute window) ----
  std::optional<std::pair<std::string, std::int64_t>> duplicate(std::int64_t queue_id,
                                                                std::string_view key,
                                                                std::int64_t now_ms);
  void remember_dedup(std::int64_t queue_id, std::string_view key, std::string_view message_id,
                      std::int64_t seq, std::int64_t expires_ms);

  // ---- message move tasks ----
  void save_move_task(std::string_view account, std::string_view region, const MoveTask& task);
  std::vector<MoveTask> move_tasks(std::string_view account, std::string_view region,
                                   std::string_view source_arn);

 private:
  core::Database& db_;
};

}  // namespace preflight::sqs
