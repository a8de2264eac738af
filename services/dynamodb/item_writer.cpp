#include "services/dynamodb/item_writer.h"

#include <charconv>

#include "emulator/common/ids.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/protocol/json_body.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb {
namespace {

// The TTL attribute counts only when it is a number (epoch seconds) — as on AWS.
std::optional<std::int64_t> expiry_of(const TableDef& table, const Json& item) {
  if (table.ttl_attribute.empty()) {
    return std::nullopt;
  }
  const auto it = item.find(table.ttl_attribute);
  if (it == item.end() || !it->contains("N")) {
    return std::nullopt;
  }
  const auto& text = (*it)["N"].get_ref<const std::string&>();
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || seconds < 0 || seconds > 1e15) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(seconds);
}

std::string region_of(const std::string& arn) {
  const auto parts = split(arn, ':');
  return parts.size() > 3 ? std::string(parts[3]) : std::string();
}

void append_stream_record(Backend& backend, const TableDef& table, const Json& old_item,
                          const Json& new_item, WriteCause cause) {
  const auto& view = table.stream_view_type;
  Json dynamodb{{"ApproximateCreationDateTime", unix_now()},
                {"Keys", table.key_of(new_item.is_null() ? old_item : new_item)},
                {"StreamViewType", view}};
  if (!new_item.is_null() && (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES")) {
    dynamodb["NewImage"] = new_item;
  }
  if (!old_item.is_null() && (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES")) {
    dynamodb["OldImage"] = old_item;
  }
  std::size_t size = item_size(dynamodb["Keys"]);
  for (const auto* image : {"NewImage", "OldImage"}) {
    if (dynamodb.contains(image)) {
      size += item_size(dynamodb[image]);
    }
  }
  dynamodb["SizeBytes"] = size;
  Json record{{"eventID", to_hex(random_alnum(16)).substr(0, 32)},
              {"eventName", old_item.is_null()   ? "INSERT"
                            : new_item.is_null() ? "REMOVE"
                                                 : "MODIFY"},
              {"eventVersion", "1.1"},
              {"eventSource", "aws:dynamodb"},
              {"awsRegion", region_of(table.arn)},
              {"dynamodb", std::move(dynamodb)}};
  if (cause == WriteCause::TimeToLive) {
    record["userIdentity"] = {{"Type", "Service"}, {"PrincipalId", "dynamodb.amazonaws.com"}};
  }
  backend.store().append_stream_record(table.stream_arn, record, unix_now());
}

std::vector<IndexWrite> update_indexes(Backend& backend, const TableDef& table,
                                       const StoredKey& key, const Json& old_item,
                                       const Json& new_item) {
  std::vector<IndexWrite> writes;
  for (const auto& index : table.indexes) {
    const auto old_key = old_item.is_null() ? std::nullopt : table.index_key(index, old_item);
    const auto new_key = new_item.is_null() ? std::nullopt : table.index_key(index, new_item);
    double units = 0;
    if (old_key && old_key != new_key) {
      backend.store().delete_index_row(table.id, index.name, *old_key, key);
      units += write_units(item_size(table.index_projection(index, old_item)));
    }
    if (new_key) {
      const Json projected = table.index_projection(index, new_item);
      backend.store().put_index_row(table.id, index.name, *new_key, key,
                                    core::dump_json(projected));
      units += write_units(item_size(projected));
    }
    if (units > 0) {
      writes.push_back({index.name, index.global, units});
    }
  }
  return writes;
}

}  // namespace

Json read_item(Backend& backend, const TableDef& table, const StoredKey& key) {
  auto text = backend.store().get_item(table.id, key);
  return text ? Json::parse(*text) : Json(nullptr);
}

std::vector<IndexWrite> write_item(Backend& backend, const TableDef& table, const StoredKey& key,
                                   const Json& old_item, const Json& new_item, WriteCause cause) {
  auto& store = backend.store();
  std::int64_t items = 0;
  std::int64_t bytes = 0;
  if (!old_item.is_null()) {
    items -= 1;
    bytes -= static_cast<std::int64_t>(item_size(old_item));
  }
  if (new_item.is_null()) {
    store.delete_item(table.id, key);
  } else {
    const auto size = item_size(new_item);
    store.put_item(table.id, key, core::dump_json(new_item), static_cast<std::int64_t>(size),
                   expiry_of(table, new_item));
    items += 1;
    bytes += static_cast<std::int64_t>(size);
  }
  if (items != 0 || bytes != 0) {
    store.add_counts(table.id, items, bytes);
  }
  auto index_writes = update_indexes(backend, table, key, old_item, new_item);
  const bool changed =
      old_item.is_null() != new_item.is_null() ||
      (!old_item.is_null() && !equals(Json{{"M", old_item}}, Json{{"M", new_item}}));
  if (!table.stream_view_type.empty() && changed) {
    append_stream_record(backend, table, old_item, new_item, cause);
  }
  return index_writes;
}

void backfill_index(Backend& backend, const TableDef& table, const IndexDef& index) {
  std::vector<std::pair<StoredKey, Json>> rows;
  backend.store().scan_items(table.id, {}, [&](const StoredRow& row) {
    rows.emplace_back(StoredKey{std::string(row.pk), std::string(row.sk)}, Json::parse(row.item));
    return true;
  });
  for (const auto& [key, item] : rows) {
    if (auto index_key = table.index_key(index, item)) {
      backend.store().put_index_row(table.id, index.name, *index_key, key,
                                    core::dump_json(table.index_projection(index, item)));
    }
  }
}

}  // namespace preflight::dynamodb
