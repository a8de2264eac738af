#include <charconv>
#include <cstdio>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"

// DynamoDB Streams: one shard per stream, records kept in SQLite in write order; the sequence
// number is the record's row id, so readers resume exactly where they left off.
namespace preflight::dynamodb {
namespace {

constexpr std::int64_t kIteratorLifetime = 15 * 60;
constexpr std::int64_t kMaxRecords = 1000;

std::string sequence_number(std::int64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%021lld", static_cast<long long>(seq));
  return buf;
}

std::string shard_id(const std::string& stream_arn) {
  return "shardId-00000000000000000001-" + sha256_hex(stream_arn).substr(0, 8);
}

struct Stream {
  TablePtr table;
  std::string arn;
};

Stream find_stream(Backend& backend, const RequestContext& ctx, const std::string& arn) {
  const auto pos = arn.rfind("/stream/");  // the table may be named "stream"
  auto table = pos == std::string::npos
                   ? nullptr
                   : backend.find_table(ctx, table_name_of(arn.substr(0, pos)));
  if (!table || table->stream_arn != arn) {
    throw errors::resource_not_found("Requested resource not found: Stream: " + arn + " not found");
  }
  return {table, arn};
}

std::string required_string(const Json& input, const char* member, const char* lower) {
  auto value = core::input::string(input, member);
  if (!value) {
    throw errors::validation(std::string("1 validation error detected: Value null at '") + lower +
                             "' failed to satisfy constraint: Member must not be null");
  }
  return *value;
}

// An iterator is "arn|position|issued": the stream, the last sequence number already read, and
// when it was handed out (iterators expire after 15 minutes).
std::string make_iterator(const std::string& arn, std::int64_t after) {
  return base64_encode(arn + "|" + std::to_string(after) + "|" + std::to_string(unix_now()));
}

std::pair<std::string, std::int64_t> parse_iterator(const std::string& iterator) {
  const auto text = base64_decode(iterator);
  const auto parts = text ? split(*text, '|') : std::vector<std::string_view>{};
  std::int64_t after = 0;
  std::int64_t issued = 0;
  if (parts.size() != 3 || !is_all_digits(parts[1]) || !is_all_digits(parts[2]) ||
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), after).ec !=
          std::errc() ||
      std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), issued).ec !=
          std::errc()) {
    throw errors::validation("Invalid ShardIterator");
  }
  if (unix_now() - issued > kIteratorLifetime) {
    throw core::AwsError("ExpiredIteratorException", "Iterator expired");
  }
  return {std::string(parts[0]), after};
}

std::int64_t parse_sequence(const std::string& text) {
  std::int64_t seq = 0;
  if (!is_all_digits(text) ||
      std::from_chars(text.data(), text.data() + text.size(), seq).ec != std::errc()) {
    throw errors::validation("Invalid SequenceNumber: " + text);
  }
  return seq;
}

}  // namespace

Result list_streams(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto only = core::input::string(input, "TableName");
  const auto limit = core::input::integer(input, "Limit").value_or(100);
  const auto after = core::input::string(input, "ExclusiveStartStreamArn").value_or("");
  Json streams = Json::array();
  Json out = Json::object();
  for (const auto& row : backend.store().all_tables(ctx.account_id, ctx.region)) {
    const auto arn = row.description.value("LatestStreamArn", std::string());
    const auto name = row.description["TableName"].get<std::string>();
    if (arn.empty() || (only && *only != name) || (!after.empty() && arn <= after)) {
      continue;
    }
    if (static_cast<std::int64_t>(streams.size()) == limit) {
      out["LastEvaluatedStreamArn"] = streams.back()["StreamArn"];
      break;
    }
    streams.push_back({{"StreamArn", arn},
                       {"TableName", name},
                       {"StreamLabel", row.description.value("LatestStreamLabel", "")}});
  }
  out["Streams"] = std::move(streams);
  co_return out;
}

Result describe_stream(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto stream = find_stream(backend, ctx, required_string(input, "StreamArn", "streamArn"));
  const auto& d = stream.table->description;
  const bool enabled = !stream.table->stream_view_type.empty();
  Json shard{{"ShardId", shard_id(stream.arn)},
             {"SequenceNumberRange", {{"StartingSequenceNumber", sequence_number(1)}}}};
  if (!enabled) {
    shard["SequenceNumberRange"]["EndingSequenceNumber"] =
        sequence_number(backend.store().last_sequence(stream.arn));
  }
  co_return Json{
      {"StreamDescription",
       {{"StreamArn", stream.arn},
        {"StreamLabel", d.value("LatestStreamLabel", "")},
        {"StreamStatus", enabled ? "ENABLED" : "DISABLED"},
        {"StreamViewType", d["StreamSpecification"].value("StreamViewType", "KEYS_ONLY")},
        {"CreationRequestDateTime", d["CreationDateTime"]},
        {"TableName", stream.table->name},
        {"KeySchema", d["KeySchema"]},
        {"Shards", Json::array({shard})}}}};
}

Result get_shard_iterator(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto stream = find_stream(backend, ctx, required_string(input, "StreamArn", "streamArn"));
  const auto shard = required_string(input, "ShardId", "shardId");
  if (shard != shard_id(stream.arn)) {
    throw errors::resource_not_found("Requested resource not found: Shard does not exist");
  }
  const auto type = required_string(input, "ShardIteratorType", "shardIteratorType");
  std::int64_t after = 0;
  if (type == "LATEST") {
    after = backend.store().last_sequence(stream.arn);
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    const auto text = core::input::string(input, "SequenceNumber");
    if (!text) {
      throw errors::validation("Must provide a SequenceNumber for " + type);
    }
    after = parse_sequence(*text) - (type == "AT_SEQUENCE_NUMBER" ? 1 : 0);
  } else if (type != "TRIM_HORIZON") {
    throw errors::validation("1 validation error detected: Value '" + type +
                             "' at 'shardIteratorType' failed to satisfy constraint: Member must "
                             "satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, "
                             "AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
  }
  co_return Json{{"ShardIterator", make_iterator(stream.arn, after)}};
}

Result get_records(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto [arn, after] =
      parse_iterator(required_string(input, "ShardIterator", "shardIterator"));
  find_stream(backend, ctx, arn);
  const auto limit = core::input::integer(input, "Limit").value_or(kMaxRecords);
  if (limit < 1 || limit > kMaxRecords) {
    throw errors::validation("1 validation error detected: Value '" + std::to_string(limit) +
                             "' at 'limit' failed to satisfy constraint: Member must have value "
                             "less than or equal to 1000");
  }
  Json records = Json::array();
  std::int64_t last = after;
  for (auto& [seq, text] : backend.store().stream_records(arn, after, static_cast<int>(limit))) {
    Json record = Json::parse(text);
    record["dynamodb"]["SequenceNumber"] = sequence_number(seq);
    records.push_back(std::move(record));
    last = seq;
  }
  co_return Json{{"Records", std::move(records)}, {"NextShardIterator", make_iterator(arn, last)}};
}

}  // namespace preflight::dynamodb
