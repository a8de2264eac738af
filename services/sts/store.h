#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/storage/database.h"

namespace preflight::sts {

// Temporary credentials STS issued and whose identity they carry.
struct SessionCredential {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  std::string account_id;
  std::string arn;      // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, or the caller's ARN
  std::string user_id;  // AROA...:SESSION, or the caller's user id
  std::int64_t expiration = 0;
  bool from_assume_role = false;
};

// All STS SQL. Access keys are global on AWS (a key names its account), so they key the table.
class Store {
 public:
  explicit Store(core::Database& db);

  void put(const SessionCredential& credential, std::int64_t now);
  std::optional<SessionCredential> find(std::string_view access_key_id);

 private:
  core::Database& db_;
};

}  // namespace preflight::sts
