#include "emulator/http/server.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace preflight::core {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// Echoes what it saw; /slow waits 300 ms first (a stand-in for a long poll).
class EchoHandler : public RequestHandler {
 public:
  std::size_t body_limit(const HttpRequest&) override { return 1024; }
  HttpResponse too_large(const HttpRequest&, std::size_t limit) override {
    HttpResponse r;
    r.status = 413;
    r.body = "limit " + std::to_string(limit);
    return r;
  }
  asio::awaitable<HttpResponse> handle(HttpRequest request) override {
    ++handled;
    if (request.path == "/slow") {
      asio::steady_timer timer(co_await asio::this_coro::executor, 300ms);
      co_await timer.async_wait(asio::use_awaitable);
    }
    HttpResponse r;
    r.headers.add("Content-Type", "text/plain");
    r.body = request.method + " " + request.path + " " + std::to_string(request.body.size()) + " " +
             request.body.substr(0, 32);
    co_return r;
  }
  std::atomic<int> handled{0};
};

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<HttpServer>(io_, handler_, options);
    port_ = server_->listen();
    server_->start();
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    io_.stop();
    if (thread_.joinable()) {
      thread_.join();
    }
  }
  tcp::socket connect() {
    tcp::socket s(client_io_);
    s.connect({asio::ip::make_address("127.0.0.1"), port_});
    return s;
  }
  static void send(tcp::socket& s, std::string_view bytes) { asio::write(s, asio::buffer(bytes)); }

  // Reads one response (status line, headers, Content-Length body).
  static std::string read_response(tcp::socket& s, std::string& pending) {
    boost::system::error_code ec;
    auto dyn = asio::dynamic_buffer(pending);
    const auto header_end = asio::read_until(s, dyn, "\r\n\r\n", ec);
    if (ec) {
      return "";
    }
    std::string head = pending.substr(0, header_end);
    std::size_t length = 0;
    if (const auto pos = head.find("Content-Length: "); pos != std::string::npos) {
      length = std::stoul(head.substr(pos + 16));
    }
    if (pending.size() < header_end + length) {
      asio::read(s, dyn, asio::transfer_exactly(header_end + length - pending.size()), ec);
    }
    std::string whole = pending.substr(0, header_end + length);
    pending.erase(0, header_end + length);
    return whole;
  }
  static bool closed_by_peer(tcp::socket& s) {
    char c;
    boost::system::error_code ec;
    s.read_some(asio::buffer(&c, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  asio::io_context io_{1};
  asio::io_context client_io_;
  EchoHandler handler_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

constexpr std::string_view kGet = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start();
  auto s = connect();
  std::string pending;
  for (int i = 0; i < 3; ++i) {
    send(s, kGet);
    const auto res = read_response(s, pending);
    EXPECT_TRUE(res.starts_with("HTTP/1.1 200 OK")) << res;
    EXPECT_NE(res.find("GET /a 0"), std::string::npos);
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  auto s = connect();
  send(s,
       "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\naPOST /2 HTTP/1.1\r\nHost: x\r\n"
       "Content-Length: 2\r\n\r\nbb");
  std::string pending;
  EXPECT_NE(read_response(s, pending).find("POST /1 1 a"), std::string::npos);
  EXPECT_NE(read_response(s, pending).find("POST /2 2 bb"), std::string::npos);
}

TEST_F(ServerTest, ExpectContinueGetsA100BeforeTheBodyIsSent) {
  start();
  auto s = connect();
  send(s, "PUT /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  std::string pending;
  const auto interim = read_response(s, pending);
  EXPECT_TRUE(interim.starts_with("HTTP/1.1 100 Continue")) << interim;
  send(s, "hello");
  EXPECT_NE(read_response(s, pending).find("PUT /up 5 hello"), std::string::npos);
}

TEST_F(ServerTest, ChunkedBodiesAreReassembled) {
  start();
  auto s = connect();
  send(s,
       "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  std::string pending;
  EXPECT_NE(read_response(s, pending).find("POST /c 11 hello world"), std::string::npos);
}

TEST_F(ServerTest, BodiesOverTheRouteLimitGet413AndTheConnectionCloses) {
  start();
  {
    auto s = connect();
    send(s, "POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
    std::string pending;
    const auto res = read_response(s, pending);
    EXPECT_TRUE(res.starts_with("HTTP/1.1 413")) << res;
    EXPECT_NE(res.find("limit 1024"), std::string::npos);
    EXPECT_TRUE(closed_by_peer(s));
  }
  {
    auto s = connect();
    const std::string chunk(800, 'x');
    send(s, "POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n" + chunk +
                "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
    std::string pending;
    EXPECT_TRUE(read_response(s, pending).starts_with("HTTP/1.1 413"));
  }
  EXPECT_EQ(handler_.handled, 0);
}

TEST_F(ServerTest, GarbageGets400AndTheServerKeepsServing) {
  start();
  {
    auto s = connect();
    send(s, std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n", 23));
    std::string pending;
    EXPECT_TRUE(read_response(s, pending).starts_with("HTTP/1.1 400"));
    EXPECT_TRUE(closed_by_peer(s));
  }
  auto s = connect();
  send(s, kGet);
  std::string pending;
  EXPECT_TRUE(read_response(s, pending).starts_with("HTTP/1.1 200"));
}

TEST_F(ServerTest, IdleConnectionsAreClosedAfterTheTimeout) {
  ServerOptions options;
  options.idle_timeout = 1s;
  start(options);
  auto s = connect();
  const auto began = std::chrono::steady_clock::now();
  EXPECT_TRUE(closed_by_peer(s));
  EXPECT_GE(std::chrono::steady_clock::now() - began, 900ms);
}

TEST_F(ServerTest, ShutdownClosesIdleConnectionsAndFinishesInFlightRequests) {
  start();
  auto idle = connect();
  std::string warm;
  send(idle, kGet);
  ASSERT_FALSE(read_response(idle, warm).empty());

  auto busy = connect();
  send(busy, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  while (handler_.handled < 2) {
    std::this_thread::sleep_for(5ms);
  }
  asio::post(io_, [this] { server_->shutdown(); });

  EXPECT_TRUE(closed_by_peer(idle));
  std::string pending;
  const auto res = read_response(busy, pending);
  EXPECT_TRUE(res.starts_with("HTTP/1.1 200")) << res;
  EXPECT_NE(res.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(closed_by_peer(busy));
  // New connections are refused once the acceptor is closed.
  tcp::socket late(client_io_);
  boost::system::error_code ec;
  late.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
  EXPECT_TRUE(ec);
}

TEST_F(ServerTest, ManyConcurrentKeepAliveConnections) {
  start();
  constexpr int kConnections = 256;
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < kConnections; ++i) {
    sockets.push_back(connect());
  }
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kConnections; ++i) {
      send(sockets[i], "POST /n HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                           std::to_string(std::to_string(i).size()) + "\r\n\r\n" +
                           std::to_string(i));
    }
    for (int i = 0; i < kConnections; ++i) {
      std::string pending;
      const auto res = read_response(sockets[i], pending);
      EXPECT_NE(res.find(" " + std::to_string(i)), std::string::npos) << i;
    }
  }
  EXPECT_EQ(handler_.handled, 2 * kConnections);
}

}  // namespace
}  // namespace preflight::core
