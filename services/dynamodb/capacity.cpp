#include "services/dynamodb/capacity.h"

#include <cmath>

namespace preflight::dynamodb {
namespace {

std::string mode_of(const Json& input) {
  const auto it = input.find("ReturnConsumedCapacity");
  return it != input.end() && it->is_string() ? it->get<std::string>() : "NONE";
}

double units_of(const std::size_t bytes, const double block) {
  return std::max(1.0, std::ceil(static_cast<double>(bytes) / block));
}

}  // namespace

double read_units(std::size_t bytes, bool consistent) {
  return units_of(bytes, 4096.0) * (consistent ? 1.0 : 0.5);
}

double write_units(std::size_t bytes) {
  return units_of(bytes, 1024.0);
}

void Consumed::add_index(const std::string& table, const std::string& index, bool global,
                         double units) {
  auto& usage = tables_[table];
  (global ? usage.global : usage.local)[index] += units;
}

Json Consumed::entry(const std::string& table, const Usage& usage, bool indexes, bool read) {
  double total = usage.table;
  for (const auto* group : {&usage.global, &usage.local}) {
    for (const auto& [name, units] : *group) {
      total += units;
    }
  }
  const char* kind = read ? "ReadCapacityUnits" : "WriteCapacityUnits";
  Json out{{"TableName", table}, {"CapacityUnits", total}, {kind, total}};
  if (indexes) {
    out["Table"] = {{"CapacityUnits", usage.table}, {kind, usage.table}};
    for (const auto& [member, group] : {std::pair{"GlobalSecondaryIndexes", &usage.global},
                                        std::pair{"LocalSecondaryIndexes", &usage.local}}) {
      for (const auto& [name, units] : *group) {
        out[member][name] = {{"CapacityUnits", units}, {kind, units}};
      }
    }
  }
  return out;
}

Json Consumed::report(const Json& input, bool read) const {
  const auto mode = mode_of(input);
  if (mode == "NONE" || tables_.empty()) {
    return nullptr;
  }
  const auto& [table, usage] = *tables_.begin();
  return entry(table, usage, mode == "INDEXES", read);
}

Json Consumed::report_all(const Json& input, bool read) const {
  const auto mode = mode_of(input);
  if (mode == "NONE") {
    return nullptr;
  }
  Json out = Json::array();
  for (const auto& [table, usage] : tables_) {
    out.push_back(entry(table, usage, mode == "INDEXES", read));
  }
  return out;
}

}  // namespace preflight::dynamodb
