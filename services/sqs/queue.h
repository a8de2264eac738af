#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight::sqs {

inline constexpr std::size_t kMaxMessageSize = 1024 * 1024;  // 1 MiB

// A queue as stored: its identity and the attributes a client set (as the strings SQS uses).
struct Queue {
  std::int64_t id = 0;
  std::string account_id;
  std::string region;
  std::string name;
  std::map<std::string, std::string> attributes;
  std::map<std::string, std::string> tags;
  std::int64_t created = 0;        // epoch seconds
  std::int64_t last_modified = 0;  // epoch seconds

  bool fifo() const;
  std::string arn() const;
  std::string attribute(const std::string& name) const;  // the value or its default
  std::int64_t number(const std::string& name) const;    // a numeric attribute

  struct Redrive {
    std::string dead_letter_arn;
    std::int64_t max_receive_count = 0;
  };
  std::optional<Redrive> redrive() const;
};

// Checks and normalises attributes given to CreateQueue / SetQueueAttributes (names, ranges,
// JSON policies), with SQS's errors. `creating` allows FifoQueue.
std::map<std::string, std::string> check_queue_attributes(const Json& attributes, bool creating,
                                                          bool fifo);

// Queue names: 1-80 of [A-Za-z0-9_-], plus ".fifo" for FIFO queues.
void check_queue_name(const std::string& name, bool fifo);

// Whether a dead-letter queue's RedriveAllowPolicy lets a queue with this ARN use it.
bool allows_dead_letter_source(const Queue& dead_letter_queue, std::string_view source_arn);

// Every attribute GetQueueAttributes can return, for "All" and for validating names.
bool is_queue_attribute(const std::string& name);

}  // namespace preflight::sqs
