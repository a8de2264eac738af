#include "services/sts/store.h"

namespace preflight::sts {

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("sts", {
                         "CREATE TABLE sts_credentials ("
                         "  access_key_id TEXT PRIMARY KEY,"
                         "  secret_access_key TEXT NOT NULL,"
                         "  session_token TEXT NOT NULL,"
                         "  account_id TEXT NOT NULL,"
                         "  arn TEXT NOT NULL,"
                         "  user_id TEXT NOT NULL,"
                         "  expiration INTEGER NOT NULL,"
                         "  from_assume_role INTEGER NOT NULL)",
                         "CREATE INDEX sts_credentials_expiration ON sts_credentials (expiration)",
                     });
}

void Store::put(const SessionCredential& c, std::int64_t now) {
  core::Transaction tx(db_);
  // Expired credentials are useless to everyone; drop them as new ones are issued.
  db_.query("DELETE FROM sts_credentials WHERE expiration < ?").bind(1, now).exec();
  db_.query(
         "INSERT INTO sts_credentials (access_key_id, secret_access_key, session_token, "
         "account_id, arn, user_id, expiration, from_assume_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(c.access_key_id, c.secret_access_key, c.session_token, c.account_id, c.arn,
                c.user_id, c.expiration, static_cast<std::int64_t>(c.from_assume_role))
      .exec();
  tx.commit();
}

std::optional<SessionCredential> Store::find(std::string_view access_key_id) {
  auto q = db_.query(
      "SELECT secret_access_key, session_token, account_id, arn, user_id, expiration, "
      "from_assume_role FROM sts_credentials WHERE access_key_id = ?");
  q.bind(1, access_key_id);
  if (!q.step()) {
    return std::nullopt;
  }
  return SessionCredential{std::string(access_key_id),
                           q.str(0),
                           q.str(1),
                           q.str(2),
                           q.str(3),
                           q.str(4),
                           q.int64(5),
                           q.int64(6) != 0};
}

}  // namespace preflight::sts
