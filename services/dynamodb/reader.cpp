#include "services/dynamodb/reader.h"

#include <algorithm>
#include <tuple>

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/model/key_codec.h"

namespace preflight::dynamodb {
namespace {

// The smallest byte string greater than every string starting with prefix; none if all 0xFF.
std::optional<std::string> prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) {
    prefix.pop_back();
  }
  if (prefix.empty()) {
    return std::nullopt;
  }
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

// The next key after k in memcmp order.
std::string successor(std::string k) {
  k.push_back('\0');
  return k;
}

bool less(const KeyBound& a, const KeyBound& b) {
  return std::tie(a.sk, a.table_pk, a.table_sk) < std::tie(b.sk, b.table_pk, b.table_sk);
}

[[noreturn]] void invalid_start_key() {
  throw errors::validation(
      "The provided starting key is invalid: The provided key element does not match the schema");
}

// Checks an ExclusiveStartKey's shape and returns its encoded parts.
struct StartKey {
  StoredKey table_key;
  StoredKey index_key;
};

StartKey decode_start_key(const TableDef& table, const IndexDef* index, const Json& esk) {
  const auto names = paging_key_attributes(table, index);
  if (!esk.is_object() || esk.size() != names.size()) {
    invalid_start_key();
  }
  for (const auto& name : names) {
    const auto it = esk.find(name);
    const auto& type = table.attribute_types.at(name);
    if (it == esk.end() || !it->is_object() || !it->contains(type)) {
      invalid_start_key();
    }
  }
  StartKey start{table.stored_key(esk), {}};
  if (index != nullptr) {
    start.index_key = *table.index_key(*index, esk);
  }
  return start;
}

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : bytes) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return h;
}

// Shared per-row logic: evaluate, filter, project, stop at Limit or 1 MB.
class Collector {
 public:
  Collector(const TableDef& table, const IndexDef* index, const ReadPlan& plan, ReadResult& out)
      : table_(table), index_(index), plan_(plan), out_(out) {}

  bool visit(std::string_view stored) {
    Json item = Json::parse(stored);
    if (plan_.fetch) {
      item = plan_.fetch(std::move(item));
    }
    ++out_.scanned;
    out_.bytes += item_size(item);
    const bool full = (plan_.limit && out_.scanned >= *plan_.limit) || out_.bytes >= kPageBytes;
    if (full) {
      out_.last_evaluated_key =
          index_ != nullptr ? table_.index_key_of(*index_, item) : table_.key_of(item);
    }
    if (!plan_.filter || plan_.filter(item)) {
      ++out_.count;
      if (!plan_.count_only) {
        out_.items.push_back(plan_.project ? plan_.project(item) : std::move(item));
      }
    }
    return !full;
  }

 private:
  const TableDef& table_;
  const IndexDef* index_;
  const ReadPlan& plan_;
  ReadResult& out_;
};

}  // namespace

SortRange sort_range(const expr::SortKeyCondition& condition) {
  using Op = expr::SortKeyCondition::Op;
  const auto a = encode_key(condition.value);
  switch (condition.op) {
    case Op::Eq:
      return {a, successor(a)};
    case Op::Lt:
      return {"", a};
    case Op::Le:
      return {"", successor(a)};
    case Op::Gt:
      return {successor(a), std::nullopt};
    case Op::Ge:
      return {a, std::nullopt};
    case Op::Between:
      return {a, successor(encode_key(condition.upper))};
    case Op::BeginsWith:
      return {a, prefix_end(a)};
  }
  return {};
}

std::vector<std::string> paging_key_attributes(const TableDef& table, const IndexDef* index) {
  std::vector<std::string> names{table.keys.partition};
  if (table.keys.sort) {
    names.push_back(*table.keys.sort);
  }
  if (index != nullptr) {
    for (const auto* name :
         {&index->keys.partition, index->keys.sort ? &*index->keys.sort : nullptr}) {
      if (name != nullptr && std::find(names.begin(), names.end(), *name) == names.end()) {
        names.push_back(*name);
      }
    }
  }
  return names;
}

ReadResult run_query(Backend& backend, const ReadPlan& plan) {
  const auto& table = *plan.table;
  PartitionRange range;
  range.pk = encode_key(*plan.partition_value);
  range.forward = plan.forward;
  range.lower = {plan.sort.lower, "", ""};
  if (plan.sort.upper) {
    range.upper = KeyBound{*plan.sort.upper, "", ""};
  }
  if (plan.exclusive_start_key) {
    const auto start = decode_start_key(table, plan.index, *plan.exclusive_start_key);
    const KeyBound at = plan.index != nullptr
                            ? KeyBound{start.index_key.sk, start.table_key.pk, start.table_key.sk}
                            : KeyBound{start.table_key.sk, "", ""};
    if (plan.forward) {
      KeyBound after = at;
      if (plan.index != nullptr) {
        after.table_sk = successor(after.table_sk);
      } else {
        after.sk = successor(after.sk);
      }
      if (less(range.lower, after)) {
        range.lower = after;
      }
    } else if (!range.upper || less(at, *range.upper)) {
      range.upper = at;
    }
  }
  ReadResult result;
  Collector collector(table, plan.index, plan, result);
  const auto visit = [&](const StoredRow& row) { return collector.visit(row.item); };
  if (plan.limit && *plan.limit == 0) {
    return result;
  }
  if (plan.index != nullptr) {
    backend.store().read_index_partition(table.id, plan.index->name, range, visit);
  } else {
    backend.store().read_partition(table.id, range, visit);
  }
  return result;
}

ReadResult run_scan(Backend& backend, const ReadPlan& plan) {
  const auto& table = *plan.table;
  ReadResult result;
  Collector collector(table, plan.index, plan, result);
  const auto visit = [&](const StoredRow& row) {
    if (plan.total_segments > 1 &&
        fnv1a(row.pk) % static_cast<std::uint64_t>(plan.total_segments) !=
            static_cast<std::uint64_t>(plan.segment)) {
      return true;
    }
    return collector.visit(row.item);
  };
  StoredKey start;
  KeyBound start_table_key;
  if (plan.exclusive_start_key) {
    const auto esk = decode_start_key(table, plan.index, *plan.exclusive_start_key);
    if (plan.index != nullptr) {
      start = esk.index_key;
      start_table_key = {"", esk.table_key.pk, successor(esk.table_key.sk)};
    } else {
      start = {esk.table_key.pk, successor(esk.table_key.sk)};
    }
  }
  if (plan.index != nullptr) {
    backend.store().scan_index(table.id, plan.index->name, start, start_table_key, visit);
  } else {
    backend.store().scan_items(table.id, start, visit);
  }
  return result;
}

}  // namespace preflight::dynamodb
