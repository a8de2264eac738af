#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "emulator/common/json.h"

namespace preflight::dynamodb {

// Capacity units as AWS documents them: a read unit covers 4 KB (half for eventually consistent
// reads), a write unit 1 KB, always at least one unit per item; transactions cost double.
double read_units(std::size_t bytes, bool consistent);
double write_units(std::size_t bytes);

// What one request consumed, and how to report it for ReturnConsumedCapacity.
class Consumed {
 public:
  void add_table(const std::string& table, double units) { tables_[table].table += units; }
  void add_index(const std::string& table, const std::string& index, bool global, double units);

  // NONE (or absent): null; TOTAL: {TableName, CapacityUnits}; INDEXES: also per table/index.
  // read says which of Read/WriteCapacityUnits to fill in.
  Json report(const Json& input, bool read) const;      // single-table operations
  Json report_all(const Json& input, bool read) const;  // batches and transactions (a list)

 private:
  struct Usage {
    double table = 0;
    std::map<std::string, double> global;
    std::map<std::string, double> local;
  };
  static Json entry(const std::string& table, const Usage& usage, bool indexes, bool read);

  std::map<std::string, Usage> tables_;
};

}  // namespace preflight::dynamodb
