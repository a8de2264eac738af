#include "services/sqs/batch.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "emulator/service/aws_error.h"
#include "emulator/service/input.h"
#include "services/sqs/errors.h"

namespace preflight::sqs {
namespace {

constexpr std::size_t kMaxEntries = 10;

bool valid_id(std::string_view id) {
  return !id.empty() && id.size() <= 80 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

std::vector<const Json*> batch_entries(const Json& input, std::string_view entry_type) {
  const Json* list = core::input::array(input, "Entries");
  if (list == nullptr || list->empty()) {
    throw errors::empty_batch(entry_type);
  }
  if (list->size() > kMaxEntries) {
    throw errors::too_many_entries(list->size());
  }
  std::vector<const Json*> entries;
  std::set<std::string_view> ids;
  for (const auto& entry : *list) {
    if (!entry.is_object()) {
      throw core::errors::serialization("Each batch entry must be a structure.");
    }
    const auto it = entry.find("Id");
    if (it == entry.end() || !it->is_string()) {
      throw errors::missing_parameter("Id");
    }
    const auto& id = it->get_ref<const std::string&>();
    if (!valid_id(id)) {
      throw errors::invalid_batch_entry_id(id);
    }
    if (!ids.insert(id).second) {
      throw errors::batch_ids_not_distinct(id);
    }
    entries.push_back(&entry);
  }
  return entries;
}

Json run_batch(const std::vector<const Json*>& entries,
               const std::function<Json(const Json& entry)>& each) {
  Json successful = Json::array();
  Json failed = Json::array();
  for (const Json* entry : entries) {
    const auto& id = (*entry)["Id"];
    try {
      Json result = each(*entry);
      result["Id"] = id;
      successful.push_back(std::move(result));
    } catch (const core::AwsError& e) {
      failed.push_back(
          {{"Id", id}, {"SenderFault", e.sender_fault}, {"Code", e.code}, {"Message", e.message}});
    }
  }
  return {{"Successful", std::move(successful)}, {"Failed", std::move(failed)}};
}

}  // namespace preflight::sqs
