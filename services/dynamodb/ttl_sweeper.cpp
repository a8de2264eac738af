#include "services/dynamodb/ttl_sweeper.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/common/log.h"
#include "emulator/common/time_format.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/item_writer.h"

namespace preflight::dynamodb {
namespace {

constexpr int kBatch = 1000;

boost::asio::awaitable<void> sweep_loop(std::shared_ptr<Backend> backend,
                                        std::shared_ptr<boost::asio::steady_timer> timer,
                                        std::chrono::milliseconds period) {
  for (;;) {
    timer->expires_after(period);
    boost::system::error_code ec;
    co_await timer->async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec) {
      co_return;  // cancelled at shutdown
    }
    try {
      sweep_expired_items(*backend, unix_now());
    } catch (const std::exception& e) {
      log::error(std::string("dynamodb TTL sweep failed: ") + e.what());
    }
  }
}

}  // namespace

std::size_t sweep_expired_items(Backend& backend, std::int64_t now) {
  std::size_t removed = 0;
  auto& store = backend.store();
  for (const auto table_id : store.tables_with_ttl()) {
    const auto row = store.table_by_id(table_id);
    if (!row) {
      continue;
    }
    const auto table = TableDef::from_description(row->id, row->description);
    for (;;) {
      const auto keys = store.expired_items(table_id, now, kBatch);
      core::Transaction tx(store.db());
      for (const auto& key : keys) {
        write_item(backend, table, key, read_item(backend, table, key), nullptr,
                   WriteCause::TimeToLive);
      }
      tx.commit();
      removed += keys.size();
      if (keys.size() < static_cast<std::size_t>(kBatch)) {
        break;
      }
    }
  }
  return removed;
}

void start_ttl_sweeper(const std::shared_ptr<Backend>& backend, std::chrono::milliseconds period) {
  auto& env = backend->env();
  auto timer = std::make_shared<boost::asio::steady_timer>(env.executor);
  env.on_shutdown.push_back([timer] { timer->cancel(); });
  boost::asio::co_spawn(env.executor, sweep_loop(backend, timer, period), boost::asio::detached);
}

}  // namespace preflight::dynamodb
