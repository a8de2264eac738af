#include "emulator/main/serve.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "emulator/app/application.h"
#include "emulator/common/log.h"
#include "emulator/http/server.h"
#include "emulator/main/service_list.h"
#include "emulator/main/startup_fixtures.h"
#include "emulator/storage/database.h"

namespace preflight {
namespace asio = boost::asio;

namespace {

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.starts_with("127.");
}

std::string database_path(const core::Config& config) {
  if (config.data_dir.empty()) {
    return ":memory:";
  }
  std::filesystem::create_directories(config.data_dir);
  return config.data_dir + "/preflight.db";
}

// Waits for in-flight requests to finish (bounded by the grace period), then stops the loop.
asio::awaitable<void> drain(asio::io_context& io, core::HttpServer& server,
                            std::chrono::seconds grace) {
  asio::steady_timer timer(io);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (server.open_connections() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(10));
    co_await timer.async_wait(asio::use_awaitable);
  }
  io.stop();
}

}  // namespace

int serve(const ServeOptions& options) {
  std::signal(SIGPIPE, SIG_IGN);
  const auto& config = options.config;
  asio::io_context io(1);
  core::Database db(database_path(config));
  core::Environment env{config, db, io.get_executor()};
  core::Registry registry;
  register_services(registry, env);
  env.registry = &registry;
  core::Application app(env, registry);

  core::ServerOptions server_options;
  server_options.host = config.host == "localhost" ? "127.0.0.1" : config.host;
  server_options.port = config.port;
  server_options.idle_timeout = options.idle_timeout;
  core::HttpServer server(io, app, server_options);
  env.bound_port = server.listen();
  server.start();

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) {
      return;
    }
    log::info("shutting down: finishing in-flight requests");
    server.shutdown();
    for (const auto& hook : env.on_shutdown) {
      hook();
    }
    asio::co_spawn(io, drain(io, server, options.shutdown_grace), asio::detached);
  });

  if (!is_loopback(config.host)) {
    const std::string warning =
        "LISTENING ON " + config.host +
        ", NOT LOOPBACK: anyone who can reach this address can use the emulator. "
        "Preflight is a local emulator, not a security boundary.";
    log::warn(warning);
    if (log::format() == log::Format::Off) {  // a request-log setting must not silence this
      std::fprintf(stderr, "preflight: WARNING: %s\n", warning.c_str());
    }
  }
  const auto announce = [&] {
    std::printf("preflight ready on http://%s:%u\n", config.host.c_str(),
                static_cast<unsigned>(env.bound_port));
    std::fflush(stdout);
  };
  // Fixtures go in through the emulator's own API, served by this thread's loop, before the
  // ready line: whoever waits for it finds them there.
  std::string fixtures_error;
  std::optional<StartupFixtures> fixtures;
  if (options.fixtures.empty()) {
    announce();
  } else {
    fixtures.emplace(io, fixtures_target(options, env.bound_port), options.fixtures,
                     [&](std::string error) {
                       if (error.empty()) {
                         announce();
                         return;
                       }
                       fixtures_error = std::move(error);
                       server.shutdown();
                       io.stop();
                     });
  }
  io.run();
  fixtures.reset();
  if (!fixtures_error.empty()) {
    log::error("fixtures not loaded: " + fixtures_error);
    if (log::format() == log::Format::Off) {
      std::fprintf(stderr, "preflight: fixtures not loaded: %s\n", fixtures_error.c_str());
    }
    return 1;
  }
  return 0;
}

int list_operations() {
  asio::io_context io(1);
  core::Database db(":memory:");
  core::Environment env{core::Config{}, db, io.get_executor()};
  core::Registry registry;
  register_services(registry, env);
  std::cout << "| Service | Protocols | Operations |\n|---|---|---|\n";
  for (const auto& s : registry.services()) {
    std::string protocols;
    for (const auto p : s->protocols) {
      protocols += (protocols.empty() ? "" : ", ") + std::string(core::protocol_name(p));
    }
    std::string ops;
    for (const auto& op : s->operations) {
      ops += (ops.empty() ? "" : ", ") + op.name;
    }
    std::cout << "| " << s->name << " | " << protocols << " | " << ops << " |\n";
  }
  return 0;
}

}  // namespace preflight
