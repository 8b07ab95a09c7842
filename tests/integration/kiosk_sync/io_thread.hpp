// One io_context on its own thread, as in the kiosk daemon, with a bounded way for a test
// to run code on it.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <thread>

namespace minegate::test {

class IoThread {
 public:
  IoThread() : guard_(boost::asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
  ~IoThread() {
    guard_.reset();
    io_.stop();
    thread_.join();
  }

  boost::asio::io_context& io() { return io_; }

  /// Runs `fn` on the io thread and waits for it, at most `timeout`. False on timeout.
  bool Run(std::function<void()> fn, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto done = std::make_shared<std::promise<void>>();
    auto future = done->get_future();
    boost::asio::post(io_, [fn = std::move(fn), done] {
      fn();
      done->set_value();
    });
    return future.wait_for(timeout) == std::future_status::ready;
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread thread_;
};

}  // namespace minegate::test
